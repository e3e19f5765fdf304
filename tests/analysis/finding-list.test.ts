import { describe, expect, it } from 'vitest';
import { hazardLinkOf, NAMED_CLUSTER_BUILDINGS } from '../../lib/analysis/finding-hazard';
import { buildingLabel, findingBuildings, orderFindings, pageOf, shortfall } from '../../lib/analysis/finding-list';
import type { Finding } from '../../lib/analysis/types';
import type { Rule } from '../../lib/rules/types';

const line: GeoJSON.LineString = {
  type: 'LineString',
  coordinates: [
    [112.1, 37.36],
    [112.1002, 37.3602],
  ],
};

function spacing(id: number, measured: number, threshold: number, village: string | null, extra: Record<string, unknown> = {}): Finding {
  return {
    type: 'Feature',
    geometry: line,
    properties: {
      analysis: 'spacing',
      kind: 'spacing_pair',
      rule_id: 'GB50039.spacing.3.3',
      clause: 'GB 50039 3.0.1',
      threshold,
      unit: 'm',
      measured,
      village_code: village,
      building_ids: [id, id + 1],
      building_codes: [`B${id}`, `B${id + 1}`],
      building_names: ['王家院', null],
      village_codes: [village, village],
      ...extra,
    },
  };
}

const rules = [
  {
    rule_id: 'GB50039.spacing.3.3',
    clause: 'GB 50039 3.0.1',
    description_zh: '三级与三级耐火等级建筑之间的防火间距',
    description_en: 'Spacing between two grade-3 buildings',
    threshold: 6,
    unit: 'm',
  },
] as unknown as Rule[];

describe('the findings list', () => {
  it('measures how far past the rule a finding is, either way, and puts the unmeasured first', () => {
    expect(shortfall(spacing(1, 4.2, 6, null).properties)).toBe(1.8);
    // A cluster over its area limit: 3,300 m² against 3,000 m².
    expect(shortfall({ ...spacing(1, 3300, 3000, null).properties, analysis: 'clusters', unit: 'm2' })).toBe(300);
    expect(shortfall({ ...spacing(1, 0, 6, null).properties, measured: null })).toBe(Number.POSITIVE_INFINITY);
  });

  it('orders furthest off first, groups by village name, and keeps the result index', () => {
    const names = { '2': '东村', '1': '西村' };
    const features = [spacing(1, 5, 6, '1'), spacing(3, 2, 6, '2'), spacing(5, 3, 6, '1'), spacing(7, 5.5, 6, null)];
    const byGap = orderFindings(features, { order: 'shortfall', village: null, villageNames: names });
    expect(byGap.map((f) => [f.index, f.shortfall])).toEqual([
      [1, 4],
      [2, 3],
      [0, 1],
      [3, 0.5],
    ]);
    // 东村 sorts before 西村 in pinyin (dōng < xī); findings outside every village come last.
    const byVillage = orderFindings(features, { order: 'village', village: null, villageNames: names });
    expect(byVillage.map((f) => f.index)).toEqual([1, 2, 0, 3]);
    expect(orderFindings(features, { order: 'shortfall', village: '1', villageNames: names }).map((f) => f.index)).toEqual([2, 0]);
  });

  it('pages a list and keeps a page past the end on the last one', () => {
    const items = Array.from({ length: 120 }, (_, i) => i);
    expect(pageOf(items, 0, 50)).toMatchObject({ page: 0, pages: 3 });
    expect(pageOf(items, 2, 50).items).toEqual(items.slice(100));
    expect(pageOf(items, 9, 50).page).toBe(2);
    expect(pageOf([], 0, 50)).toEqual({ items: [], page: 0, pages: 1 });
  });

  it('names buildings by name with the code beside it, the code alone without a name', () => {
    const buildings = findingBuildings(spacing(10, 4, 6, '1').properties);
    expect(buildings).toEqual([
      { id: 10, code: 'B10', name: '王家院' },
      { id: 11, code: 'B11', name: null },
    ]);
    expect(buildings.map(buildingLabel)).toEqual(['王家院（B10）', 'B11']);
  });
});

describe('turning a finding into a hazard', () => {
  const params = (href: string) => new URL(href, 'http://x').searchParams;

  it('links both buildings of a spacing pair, the one in the finding’s village first, and names both', () => {
    const link = params(hazardLinkOf(spacing(10, 4.2, 6, '1'), rules, '西村', 'zh-CN'));
    expect(link.get('building_id')).toBe('10');
    expect(link.get('paired_building_id')).toBe('11');
    expect(link.get('category')).toBe('spacing');
    expect(link.get('description')).toBe('防火间距不足（西村）：王家院（B10） 与 B11；实测值 4.2 米，规定值 6 米，相差 1.8 米');
    // A pair across a village line counted for the second building's village: that one is linked first.
    const across = spacing(20, 5, 6, '2', { village_codes: ['1', '2'] });
    const swapped = params(hazardLinkOf(across, rules, '东村', 'zh-CN'));
    expect([swapped.get('building_id'), swapped.get('paired_building_id')]).toEqual(['21', '20']);
  });

  it('names a cluster’s buildings and how many there are, up to a limit', () => {
    const count = NAMED_CLUSTER_BUILDINGS + 3;
    const cluster: Finding = {
      type: 'Feature',
      geometry: line,
      properties: {
        analysis: 'clusters',
        kind: 'cluster',
        rule_id: 'GB50039.cluster.3-4',
        clause: 'GB 50039 3.0.2',
        threshold: 3000,
        unit: 'm2',
        measured: 3600,
        village_code: '1',
        building_ids: Array.from({ length: count }, (_, i) => i + 1),
        building_codes: Array.from({ length: count }, (_, i) => `C${i + 1}`),
        building_names: Array.from({ length: count }, (_, i) => (i === 0 ? '村东粮库' : null)),
      },
    };
    const link = params(hazardLinkOf(cluster, rules, '西村', 'zh-CN'));
    expect(link.get('building_id')).toBeNull();
    const named = ['村东粮库（C1）', ...Array.from({ length: NAMED_CLUSTER_BUILDINGS - 1 }, (_, i) => `C${i + 2}`)].join('、');
    expect(link.get('description')).toBe(
      `连片建筑面积超限（西村）：${count} 栋建筑：${named} 等，另有 3 栋；实测值 3,600 平方米，规定值 3,000 平方米，相差 600 平方米`,
    );
  });
});
