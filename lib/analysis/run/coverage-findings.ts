import { finding, parseGeometry } from '../../../lib/analysis/finding';
import type { AnalysisName, Finding, RuleFields } from '../../../lib/analysis/types';
import type { AnalysisContext } from './context';
import { buildingGeometries, gapAreas } from './geometry';

/** Buffer around uncovered footprints that merges neighbouring gaps into one area (metres). */
export const GAP_BUFFER_M = 15;

export interface Uncovered {
  id: number;
  villageCode: string;
  kind: string;
  measured: number | null;
  extra?: Record<string, unknown>;
}

/**
 * Findings of a coverage analysis: one per uncovered building (its footprint), then the gap areas per
 * village (union of buffered uncovered footprints) for each group of kinds given in `gapGroups`.
 */
export async function coverageFindings(
  { db }: AnalysisContext,
  analysis: AnalysisName,
  rule: RuleFields,
  uncovered: readonly Uncovered[],
  gapGroups: Record<string, readonly string[]>,
): Promise<Finding[]> {
  const groups = Object.entries(gapGroups).map(([method, kinds]) => ({
    method,
    ids: uncovered.filter((u) => kinds.includes(u.kind)).map((u) => u.id),
  }));
  const [shapes, ...gapsByGroup] = await Promise.all([
    buildingGeometries(
      db,
      uncovered.map((u) => u.id),
    ),
    ...groups.map((group) => gapAreas(db, group.ids, GAP_BUFFER_M)),
  ]);
  const features = uncovered.map((u) =>
    finding(analysis, u.kind, rule, parseGeometry(shapes.get(u.id)!), {
      measured: u.measured,
      village_code: u.villageCode,
      building_id: u.id,
      ...u.extra,
    }),
  );
  for (const [g, { method }] of groups.entries()) {
    for (const gap of gapsByGroup[g]!) {
      // A gap area counts the uncovered buildings in it (the rule wants none), so its measure is a count.
      const counted: RuleFields = { rule_id: rule.rule_id, clause: rule.clause, threshold: 0, unit: 'count', threshold_count: 0 };
      features.push(
        finding(analysis, 'gap_area', counted, parseGeometry(gap.geometry), {
          measured: gap.buildings,
          village_code: gap.villageCode,
          method,
          uncovered_buildings: gap.buildings,
          area_m2: Math.round(gap.areaM2),
          buffer_m: GAP_BUFFER_M,
          [`rule_threshold_${rule.unit}`]: rule.threshold,
        }),
      );
    }
  }
  return features;
}

/** Per-village building counts and the given uncovered counts, for the summary. */
export function villageCounts(
  buildings: readonly { villageCode: string }[],
  groups: Record<string, readonly { villageCode: string }[]>,
): Record<string, Record<string, number>> {
  const byVillage: Record<string, Record<string, number>> = {};
  const entry = (code: string) => (byVillage[code] ??= { buildings: 0, ...Object.fromEntries(Object.keys(groups).map((k) => [k, 0])) });
  for (const b of buildings) entry(b.villageCode).buildings!++;
  for (const [name, list] of Object.entries(groups)) for (const b of list) entry(b.villageCode)[name]!++;
  return byVillage;
}
