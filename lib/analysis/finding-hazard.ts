import { type Locale, translator } from '../i18n';
import type { Rule } from '../rules/types';
import { explainFinding } from './explain';
import { buildingLabel, type FindingBuilding, findingBuildings } from './finding-list';
import type { AnalysisName, Finding } from './types';

/** The hazard category a finding becomes (转为隐患), by the analysis that found it. */
const HAZARD_CATEGORY: Partial<Record<AnalysisName, string>> = {
  spacing: 'spacing',
  clusters: 'spacing',
  passages: 'passage',
  reachability: 'passage',
  'water-coverage': 'water',
  stacks: 'straw',
};

/** A cluster's description names this many of its buildings, then says how many more there are. */
export const NAMED_CLUSTER_BUILDINGS = 20;

/** A point of the finding to place the hazard at: the point itself, a line's middle vertex, a ring's vertex mean. */
export function findingPoint(geometry: GeoJSON.Geometry): [number, number] | null {
  const positions = (g: GeoJSON.Geometry): GeoJSON.Position[] =>
    g.type === 'Point'
      ? [g.coordinates]
      : g.type === 'LineString' || g.type === 'MultiPoint'
        ? g.coordinates
        : g.type === 'Polygon'
          ? (g.coordinates[0] ?? [])
          : g.type === 'MultiLineString'
            ? (g.coordinates[0] ?? [])
            : g.type === 'MultiPolygon'
              ? (g.coordinates[0]?.[0] ?? [])
              : g.geometries[0]
                ? positions(g.geometries[0])
                : [];
  // GeoJSON positions always have a longitude and a latitude.
  const list = positions(geometry).map(([lon = 0, lat = 0]): [number, number] => [lon, lat]);
  const mean = (points: [number, number][]): [number, number] => [
    points.reduce((sum, p) => sum + p[0], 0) / points.length,
    points.reduce((sum, p) => sum + p[1], 0) / points.length,
  ];
  if (list.length === 0) return null;
  if (geometry.type === 'Polygon' || geometry.type === 'MultiPolygon') return mean(list.slice(0, -1));
  if (list.length === 2) return mean(list);
  return list[Math.floor(list.length / 2)] ?? null;
}

/** The buildings of a finding in words: a pair as "A 与 B", a cluster as "N 栋建筑：A、B、…等 M 栋". */
export function buildingsText(analysis: AnalysisName, buildings: readonly FindingBuilding[], locale: Locale): string {
  const t = translator(locale);
  if (buildings.length === 0) return '';
  if (analysis === 'spacing' && buildings.length === 2) {
    const [a, b] = buildings as [FindingBuilding, FindingBuilding];
    return t('analysisPanel.pair').replace('{a}', buildingLabel(a)).replace('{b}', buildingLabel(b));
  }
  const named = buildings.slice(0, NAMED_CLUSTER_BUILDINGS).map(buildingLabel).join(t('analysisPanel.listSeparator'));
  const rest = buildings.length - NAMED_CLUSTER_BUILDINGS;
  const list = rest > 0 ? `${named}${t('analysisPanel.andMore').replace('{n}', String(rest))}` : named;
  return `${t('analysisPanel.buildingCount').replace('{n}', String(buildings.length))}：${list}`;
}

/**
 * The two buildings a spacing hazard links: first the one in the finding's village (the hazard's village
 * follows it), then the other. Other findings link none.
 */
function linkedPair(finding: Finding): [number, number] | null {
  const { analysis, building_ids, village_codes, village_code } = finding.properties;
  if (analysis !== 'spacing' || !Array.isArray(building_ids) || building_ids.length !== 2) return null;
  const [a, b] = building_ids.map(Number) as [number, number];
  const secondFirst = Array.isArray(village_codes) && village_codes[0] !== village_code && village_codes[1] === village_code;
  return secondFirst ? [b, a] : [a, b];
}

/**
 * The 新建隐患 link of a finding (`/hazards?new=1&…`): its category, rule, measured value and place, the
 * buildings it concerns (both of a spacing pair), and a description naming them, the rule's figures and how far
 * off they are.
 */
export function hazardLinkOf(finding: Finding, rules: readonly Rule[], villageName: string | null, locale: Locale): string {
  const t = translator(locale);
  const properties = finding.properties;
  const why = explainFinding(properties, rules, locale);
  const params = new URLSearchParams({ new: '1', category: HAZARD_CATEGORY[properties.analysis] ?? 'other' });
  if (properties.rule_id) params.set('rule_id', String(properties.rule_id));
  if (properties.measured !== null) params.set('measured', String(properties.measured));
  const point = findingPoint(finding.geometry);
  if (point) {
    params.set('lon', point[0].toFixed(7));
    params.set('lat', point[1].toFixed(7));
  }
  const pair = linkedPair(finding);
  if (pair) {
    params.set('building_id', String(pair[0]));
    params.set('paired_building_id', String(pair[1]));
  }
  const buildings = buildingsText(properties.analysis, findingBuildings(properties), locale);
  const figures = [
    `${t('analysisPanel.measured')} ${why.measured}`,
    `${t('analysisPanel.threshold')} ${why.threshold}`,
    ...(why.shortfall ? [`${t('analysisPanel.shortfall')} ${why.shortfall}`] : []),
  ].join(t('analysisPanel.figureSeparator'));
  const place = villageName ? `（${villageName}）` : '';
  params.set('description', `${why.title}${place}：${buildings ? `${buildings}；` : ''}${figures}`);
  return `/hazards?${params}`;
}
