import { describe, expect, it } from 'vitest';
import { BASE_LAYER_SPECS } from '../../../lib/domain/base-fields';
import { convertFeature } from '../../../lib/import/base/convert-feature';
import { convertValue } from '../../../lib/import/base/convert-value';
import { suggestMapping } from '../../../lib/import/base/mapping';

const field = (layer: keyof typeof BASE_LAYER_SPECS, column: string) => {
  const found = BASE_LAYER_SPECS[layer].fields.find((candidate) => candidate.column === column);
  if (!found) throw new Error(`no field ${column}`);
  return found;
};
const value = (layer: keyof typeof BASE_LAYER_SPECS, column: string, raw: string | number | boolean) => {
  const converted = convertValue(field(layer, column), raw);
  return converted.ok ? converted.value : converted.code;
};

describe('base-layer values from files', () => {
  it('reads enumerations by code, alias and label in either language', () => {
    expect(value('buildings', 'use', 'residential')).toBe('residential');
    expect(value('buildings', 'use', '住宅')).toBe('residential');
    expect(value('buildings', 'fire_grade', '一、二级')).toBe('1-2');
    expect(value('buildings', 'structure', '框架结构')).toBe('frame');
    expect(value('water-sources', 'status', '损坏')).toBe('out_of_service');
    expect(value('buildings', 'use', '民宿')).toBe('unknown_value');
  });

  it('reads yes/no, numbers, dates and months as people write them', () => {
    expect(['是', '有', 'TRUE', '1', 1, true].map((raw) => value('buildings', 'has_smoke_alarm', raw))).toEqual([
      true,
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(['否', '无', 'false', '0', 0].map((raw) => value('buildings', 'has_smoke_alarm', raw))).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
    expect(value('buildings', 'has_smoke_alarm', '也许')).toBe('bad_value');
    expect(value('buildings', 'floors', '3')).toBe(3);
    expect(value('buildings', 'floors', '2.5')).toBe('bad_value');
    expect(value('buildings', 'height_m', '１２.５')).toBe(12.5);
    expect(value('obstacles', 'found_on', '2026年3月1日')).toBe('2026-03-01');
    expect(value('obstacles', 'found_on', '2026/02/30')).toBe('bad_value');
    expect(value('water-sources', 'usable_months', '11-2')).toEqual([11, 12, 1, 2]);
    expect(value('water-sources', 'usable_months', '3月、5月')).toEqual([3, 5]);
    expect(value('water-sources', 'usable_months', '全年')).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(value('water-sources', 'usable_months', '13')).toBe('bad_value');
  });

  it('suggests a mapping from headers by column, label and alias, each header used once, overridable', () => {
    const spec = BASE_LAYER_SPECS.buildings;
    const mapping = suggestMapping(spec, ['FWBM', ' 所属 村 ', '户主', 'Floors', '高度（米）']);
    expect(mapping).toMatchObject({ code: 'FWBM', village_code: ' 所属 村 ', name: '户主', floors: 'Floors', height_m: '高度（米）' });
    expect(mapping.responsible_person).toBeNull();
    const chosen = suggestMapping(spec, ['FWBM', '户主'], { name: null, responsible_person: '户主' });
    expect(chosen).toMatchObject({ code: 'FWBM', name: null, responsible_person: '户主' });
  });

  it('knows the columns in a Shapefile: cut to 10 characters by GDAL, or by their short names in our export', () => {
    const spec = BASE_LAYER_SPECS.buildings;
    const gdal = suggestMapping(spec, ['code', 'village_co', 'fire_grade', 'has_smoke_', 'shop_below', 'responsibl']);
    expect(gdal).toMatchObject({
      code: 'code',
      village_code: 'village_co',
      fire_grade: 'fire_grade',
      has_smoke_alarm: 'has_smoke_',
      shop_below_home_above: 'shop_below',
      responsible_person: 'responsibl',
    });
    expect(suggestMapping(spec, ['village', 'extinguish'])).toMatchObject({ village_code: 'village', has_extinguisher: 'extinguish' });
  });

  it('lists values a field does not know, and reads them as the codes the user maps them to', () => {
    const spec = BASE_LAYER_SPECS.buildings;
    const mapping = suggestMapping(spec, ['编码', '耐火等级', '结构']);
    const feature = { index: 2, geometry: null, properties: { 编码: 'B1', 耐火等级: '砖木二级', 结构: '窑洞' } };
    const unmatched = new Map<string, Set<string>>();
    const refused = convertFeature(spec, mapping, feature, unmatched);
    expect(refused.items.map((item) => [item.field, item.code])).toEqual([
      ['structure', 'unknown_value'],
      ['fire_grade', 'unknown_value'],
    ]);
    expect(Object.fromEntries([...unmatched].map(([column, values]) => [column, [...values]]))).toEqual({
      fire_grade: ['砖木二级'],
      structure: ['窑洞'],
    });
    const chosen = { fire_grade: { 砖木二级: '3' }, structure: { 窑洞: 'earth_wood' } };
    const mapped = convertFeature(spec, mapping, feature, new Map(), chosen);
    expect(mapped).toMatchObject({ items: [], values: { code: 'B1', fire_grade: '3', structure: 'earth_wood' } });
  });
});
