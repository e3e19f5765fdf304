import { buildingGeometries, gapAreas } from '../../../db/queries/analysis/geometry';
import { finding, parseGeometry } from '../finding';
import type { AnalysisName, Finding, RuleFields } from '../types';
import type { AnalysisContext } from './context';
import { geometryFor } from './lookup';

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
  const [shapes, gapsByGroup] = await Promise.all([
    buildingGeometries(
      db,
      uncovered.map((u) => u.id),
    ),
    Promise.all(groups.map(async (group) => ({ method: group.method, gaps: await gapAreas(db, group.ids, GAP_BUFFER_M) }))),
  ]);
  const features = uncovered.map((u) =>
    finding(analysis, u.kind, rule, geometryFor(shapes, u.id, 'building'), {
      measured: u.measured,
      village_code: u.villageCode,
      building_id: u.id,
      ...u.extra,
    }),
  );
  // A gap area counts the uncovered buildings in it (the rule wants none), so its measure is a count.
  const counted: RuleFields = { rule_id: rule.rule_id, clause: rule.clause, threshold: 0, unit: 'count', threshold_count: 0 };
  for (const { method, gaps } of gapsByGroup) {
    for (const gap of gaps) {
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
  const count = (code: string, name: string) => {
    const counts = entry(code);
    counts[name] = (counts[name] ?? 0) + 1;
  };
  for (const b of buildings) count(b.villageCode, 'buildings');
  for (const [name, list] of Object.entries(groups)) for (const b of list) count(b.villageCode, name);
  return byVillage;
}
