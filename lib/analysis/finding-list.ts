import type { Finding, FindingProperties } from './types';

/** A building a finding names: the two of a spacing pair, the members of a cluster. */
export interface FindingBuilding {
  id: number;
  code: string;
  name: string | null;
}

/** The buildings a finding names, in its own order; none for findings about other things. */
export function findingBuildings(properties: FindingProperties): FindingBuilding[] {
  const ids = properties.building_ids;
  const codes = properties.building_codes;
  const names = properties.building_names;
  if (!Array.isArray(ids) || !Array.isArray(codes)) return [];
  return ids.map((id, index) => ({
    id: Number(id),
    code: String(codes[index] ?? id),
    name: Array.isArray(names) && typeof names[index] === 'string' && names[index] !== '' ? names[index] : null,
  }));
}

/** A building as people read it: its name with the code beside it, or the code alone when it has no name. */
export function buildingLabel(building: { code: string; name: string | null }): string {
  return building.name ? `${building.name}（${building.code}）` : building.code;
}

/**
 * How far a finding lies past its rule, in the rule's unit: a spacing pair's shortfall (required − actual), a
 * cluster's area above its limit, a travel time above its target. Every finding breaks its rule, so the distance
 * is the difference either way; a finding with nothing measured (unreachable) is the furthest of all.
 */
export function shortfall(properties: FindingProperties): number {
  if (properties.measured === null) return Number.POSITIVE_INFINITY;
  return Math.round(Math.abs(properties.threshold - properties.measured) * 100) / 100;
}

export type FindingOrder = 'shortfall' | 'village';

export interface ListedFinding {
  finding: Finding;
  /** Position in the analysis result (what the map knows the finding by). */
  index: number;
  shortfall: number;
}

/**
 * The findings of one result as the list shows them: only `village` when given, furthest past the rule first;
 * by village (village name order, findings outside every village last), then furthest first, when grouped.
 */
export function orderFindings(
  features: readonly Finding[],
  options: { order: FindingOrder; village: string | null; villageNames: Readonly<Record<string, string>> },
): ListedFinding[] {
  const listed = features
    .map((finding, index) => ({ finding, index, shortfall: shortfall(finding.properties) }))
    .filter(({ finding }) => options.village === null || finding.properties.village_code === options.village);
  const villageName = (code: string | null) => (code === null ? null : (options.villageNames[code] ?? code));
  const byShortfall = (a: ListedFinding, b: ListedFinding) =>
    a.shortfall === b.shortfall ? a.index - b.index : a.shortfall > b.shortfall ? -1 : 1;
  const byVillage = (a: ListedFinding, b: ListedFinding) => {
    const x = villageName(a.finding.properties.village_code);
    const y = villageName(b.finding.properties.village_code);
    if (x === y) return 0;
    if (x === null) return 1;
    if (y === null) return -1;
    return x.localeCompare(y, 'zh-CN');
  };
  return listed.sort((a, b) => (options.order === 'village' ? byVillage(a, b) || byShortfall(a, b) : byShortfall(a, b)));
}

/** One page of a list: pages count from 0, a page past the end shows the last one. */
export function pageOf<T>(items: readonly T[], page: number, size: number): { items: T[]; page: number; pages: number } {
  const pages = Math.max(1, Math.ceil(items.length / size));
  const shown = Math.min(Math.max(0, Math.floor(page)), pages - 1);
  return { items: items.slice(shown * size, (shown + 1) * size), page: shown, pages };
}
