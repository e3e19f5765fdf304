import type { AnalysisSummary, Finding } from './types';

/** Key under which findings outside every village (town roads, the county station) are counted. */
export const NO_VILLAGE = 'none';

/** Kinds that describe an area rather than a problem item: listed, counted by kind, not in `total`. */
const AREA_KINDS = new Set(['gap_area']);

/**
 * Counts per kind and per village. `total` counts problem items (not gap areas). `extra` adds
 * analysis-specific numbers per village (e.g. uncovered buildings) and at the top level.
 */
export function summarize(
  features: readonly Finding[],
  extra: { byVillage?: Record<string, Record<string, number>>; totals?: Record<string, unknown> } = {},
): AnalysisSummary {
  const summary: AnalysisSummary = { total: 0, by_kind: {}, by_village: {}, ...extra.totals };
  const village = (code: string) => (summary.by_village[code] ??= { total: 0, by_kind: {} });
  for (const feature of features) {
    const { kind, village_code } = feature.properties;
    const counted = !AREA_KINDS.has(kind);
    const entry = village(village_code ?? NO_VILLAGE);
    summary.by_kind[kind] = (summary.by_kind[kind] ?? 0) + 1;
    entry.by_kind[kind] = (entry.by_kind[kind] ?? 0) + 1;
    if (counted) {
      summary.total++;
      entry.total++;
    }
  }
  for (const [code, numbers] of Object.entries(extra.byVillage ?? {})) Object.assign(village(code), numbers);
  return summary;
}
