import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GeoFileError, readGeoFile } from '../../../lib/import/geo';
import { ogr2ogr, pointXY, TOWN_POINTS, townPointsIn, workFolder, writeTownGeoJson } from './gdal-fixtures';

const ROAD = [
  [112.0, 37.4],
  [112.01, 37.405],
  [112.02, 37.401],
];
const BLOCKS = [
  [
    [
      [112.0, 37.4],
      [112.001, 37.4],
      [112.001, 37.401],
      [112.0, 37.4],
    ],
  ],
  [
    [
      [112.01, 37.41],
      [112.012, 37.41],
      [112.012, 37.412],
      [112.01, 37.41],
    ],
    [
      [112.0105, 37.4102],
      [112.0107, 37.4102],
      [112.0107, 37.4104],
      [112.0105, 37.4102],
    ],
  ],
];

/** A GeoPackage by ogr2ogr: the town's points in GK CM 111E, then a roads and a blocks layer in WGS 84. */
function townGeoPackage(): { folder: string; bytes: Uint8Array } {
  const folder = workFolder('geopackage');
  const target = path.join(folder, 'town.gpkg');
  ogr2ogr(['-f', 'GPKG', '-s_srs', 'EPSG:4326', '-t_srs', 'EPSG:4546', '-nln', '消防设施', target, writeTownGeoJson(folder)]);
  const other = path.join(folder, 'other.geojson');
  fs.writeFileSync(
    other,
    JSON.stringify({
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { 名称: '文水大道', 宽度: 7.5 }, geometry: { type: 'LineString', coordinates: ROAD } },
        { type: 'Feature', properties: { 名称: '无图形', 宽度: null }, geometry: null },
      ],
    }),
  );
  ogr2ogr(['-f', 'GPKG', '-update', '-nln', 'roads', target, other]);
  fs.writeFileSync(
    other,
    JSON.stringify({ type: 'Feature', properties: { 名称: '街区' }, geometry: { type: 'MultiPolygon', coordinates: BLOCKS } }),
  );
  ogr2ogr(['-f', 'GPKG', '-update', '-nln', 'blocks', '-nlt', 'MULTIPOLYGON', '-a_srs', 'EPSG:4490', target, other]);
  return { folder, bytes: new Uint8Array(fs.readFileSync(target)) };
}

async function readError(bytes: Uint8Array): Promise<GeoFileError> {
  const error = await readGeoFile({ name: 'town.gpkg', bytes }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(GeoFileError);
  return error as GeoFileError;
}

describe('readGeoFile: GeoPackage', () => {
  it('reads the first feature table in its own metres, with its EPSG system and Chinese attributes', async () => {
    const contents = await readGeoFile({ name: '镇.GPKG', bytes: townGeoPackage().bytes });
    expect(contents.format).toBe('geopackage');
    expect(contents.declaredCrs?.epsg).toBe(4546);
    expect(contents.encoding).toEqual({ name: 'utf-8', source: 'format' });
    expect(contents.fields).toEqual(['名称', '编号']);
    expect(contents.features.map((feature) => feature.properties)).toEqual(TOWN_POINTS.map(({ 名称, 编号 }) => ({ 名称, 编号 })));
    const expected = townPointsIn(4546);
    contents.features.forEach((feature, position) => {
      expect(pointXY(feature.geometry)[0]).toBeCloseTo(expected[position]?.[0] ?? Number.NaN, 3);
      expect(pointXY(feature.geometry)[1]).toBeCloseTo(expected[position]?.[1] ?? Number.NaN, 3);
    });
  });

  it('reads a chosen layer: lines, a feature without geometry, multipolygons with holes', async () => {
    const { bytes } = townGeoPackage();
    const roads = await readGeoFile({ name: 'town.gpkg', bytes }, { layer: 'roads' });
    expect(roads.declaredCrs?.epsg).toBe(4326);
    expect(roads.features).toEqual([
      { index: 1, geometry: { type: 'LineString', coordinates: ROAD }, properties: { 名称: '文水大道', 宽度: 7.5 } },
      { index: 2, geometry: null, properties: { 名称: '无图形', 宽度: null } },
    ]);
    const blocks = await readGeoFile({ name: 'town.gpkg', bytes }, { layer: 'blocks' });
    expect(blocks.declaredCrs?.epsg).toBe(4490);
    expect(blocks.features[0]?.geometry).toEqual({ type: 'MultiPolygon', coordinates: BLOCKS });
    const missing = await readGeoFile({ name: 'town.gpkg', bytes }, { layer: '没有' }).catch((e: unknown) => e);
    expect((missing as GeoFileError).code).toBe('no_features');
  });

  it('refuses bytes that are no database, a cut-off file and an SQLite file that is no GeoPackage', async () => {
    expect((await readError(new TextEncoder().encode('SQLite format 3 but not really'))).code).toBe('damaged_file');
    const { folder, bytes } = townGeoPackage();
    expect((await readError(bytes.subarray(0, Math.floor(bytes.byteLength / 3)))).code).toBe('damaged_file');
    const sqlite = path.join(folder, 'plain.sqlite');
    ogr2ogr(['-f', 'SQLite', sqlite, writeTownGeoJson(folder)]);
    expect((await readError(new Uint8Array(fs.readFileSync(sqlite)))).code).toBe('damaged_file');
  });
});
