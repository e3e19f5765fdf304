import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { UnencodableTextError, writeDbf } from '../../lib/export/geo/dbf';
import { gpkgGeometry, layerToGeoPackage } from '../../lib/export/geo/geopackage';
import type { LayerExport } from '../../lib/export/geo/layer-export';
import { layerToShapefile } from '../../lib/export/geo/shapefile';
import { writeShapes } from '../../lib/export/geo/shapefile-shapes';
import { workFolder } from '../import/geo/gdal-fixtures';

// A 10 × 10 square with a 2 × 2 hole, both rings counter-clockwise as drawn by hand (x east, y north).
const OUTER_CCW = [
  [0, 0],
  [10, 0],
  [10, 10],
  [0, 10],
  [0, 0],
];
const HOLE_CCW = [
  [4, 4],
  [6, 4],
  [6, 6],
  [4, 6],
  [4, 4],
];
const SQUARE_WITH_HOLE: GeoJSON.Polygon = { type: 'Polygon', coordinates: [OUTER_CCW, HOLE_CCW] };

/** The parts of the first record of a .shp polygon file, read straight from its bytes (Shapefile spec, 1998). */
function firstRecordParts(shp: Uint8Array): { shapeType: number; parts: number[][][] } {
  const view = new DataView(shp.buffer, shp.byteOffset, shp.byteLength);
  const at = 100 + 8;
  const shapeType = view.getInt32(at, true);
  const partCount = view.getInt32(at + 36, true);
  const pointCount = view.getInt32(at + 40, true);
  const starts = Array.from({ length: partCount }, (_, n) => view.getInt32(at + 44 + 4 * n, true));
  const pointsAt = at + 44 + 4 * partCount;
  const points = Array.from({ length: pointCount }, (_, n) => [
    view.getFloat64(pointsAt + 16 * n, true),
    view.getFloat64(pointsAt + 16 * n + 8, true),
  ]);
  const parts = starts.map((start, n) => points.slice(start, starts[n + 1] ?? pointCount));
  return { shapeType, parts };
}

/** Shoelace sum: negative for a clockwise ring. */
const signedArea = (ring: number[][]) =>
  ring.slice(0, -1).reduce((sum, [x1, y1], n) => sum + x1! * ring[n + 1]![1]! - ring[n + 1]![0]! * y1!, 0);

const folder = workFolder('geo-writers');
afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

function stackLayer(geometries: GeoJSON.Geometry[], names: (string | null)[]): LayerExport {
  return {
    layer: 'straw-stacks',
    tableName: 'straw_stacks',
    title: '柴草堆垛',
    geometryType: 'Polygon',
    columns: [
      { name: 'code', zh: '编码', en: 'Code', shapefileName: 'code', type: 'text' },
      { name: 'volume_m3', zh: '体积（立方米）', en: 'Volume', shapefileName: 'volume_m3', type: 'number' },
    ],
    features: geometries.map((geometry, n) => ({ values: [names[n] ?? null, 12.5], geometry })),
  };
}

describe('the Shapefile writer', () => {
  it('turns outer rings clockwise and holes counter-clockwise, whatever the input', () => {
    const { shp } = writeShapes('Polygon', [SQUARE_WITH_HOLE]);
    const { shapeType, parts } = firstRecordParts(shp);
    expect(shapeType).toBe(5);
    expect(parts.map(signedArea)).toEqual([-200, 8]);
    // The same rings written clockwise come out the same.
    const reversed: GeoJSON.Polygon = { type: 'Polygon', coordinates: [[...OUTER_CCW].reverse(), [...HOLE_CCW].reverse()] };
    expect(firstRecordParts(writeShapes('Polygon', [reversed]).shp).parts.map(signedArea)).toEqual([-200, 8]);
  });

  it('writes a multipolygon as one multi-part polygon that GDAL reads back with its hole', () => {
    const far = OUTER_CCW.map(([x, y]) => [x! + 20, y!]);
    const multi: GeoJSON.MultiPolygon = { type: 'MultiPolygon', coordinates: [[OUTER_CCW, HOLE_CCW], [far]] };
    const { shp } = writeShapes('MultiPolygon', [multi]);
    expect(firstRecordParts(shp).parts.map(signedArea)).toEqual([-200, 8, -200]);
    const zip = path.join(folder, 'multi.zip');
    fs.writeFileSync(zip, layerToShapefile(stackLayer([multi], ['S1']), 'utf-8'));
    const read = spawnSync('ogr2ogr', ['-f', 'GeoJSON', '/vsistdout/', `/vsizip/${zip}`]);
    const feature = JSON.parse(read.stdout.toString()).features[0];
    expect(feature.geometry.type).toBe('MultiPolygon');
    expect(feature.geometry.coordinates.map((polygon: unknown[]) => polygon.length)).toEqual([2, 1]);
    expect(feature.properties).toEqual({ code: 'S1', volume_m3: 12.5 });
  });

  it('zips the parts with WGS 84, the encoding and a table of the short field names', () => {
    const files = unzipSync(layerToShapefile(stackLayer([SQUARE_WITH_HOLE], ['S1']), 'gbk'));
    expect(Object.keys(files).sort()).toEqual(
      [
        'straw_stacks-fields.csv',
        'straw_stacks.cpg',
        'straw_stacks.dbf',
        'straw_stacks.prj',
        'straw_stacks.shp',
        'straw_stacks.shx',
      ].sort(),
    );
    const text = (name: string) => new TextDecoder().decode(files[name]);
    expect(text('straw_stacks.cpg')).toBe('GBK');
    expect(text('straw_stacks.prj')).toMatch(/^GEOGCS\["GCS_WGS_1984",DATUM\["D_WGS_1984"/);
    // UTF-8 with a BOM (which TextDecoder drops), so Excel shows the Chinese.
    expect([...files['straw_stacks-fields.csv']!.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(text('straw_stacks-fields.csv').split('\r\n')).toEqual([
      'Shapefile 字段,字段,中文名,English',
      'code,code,编码,Code',
      'volume_m3,volume_m3,体积（立方米）,Volume',
      '',
    ]);
  });

  it('sizes text fields by encoded bytes: a Chinese character is 3 bytes in UTF-8 and 2 in GBK', () => {
    const columns = [
      { name: 'name', type: 'text' as const },
      { name: 'height', type: 'number' as const },
      { name: 'floors', type: 'integer' as const },
      { name: 'found_on', type: 'date' as const },
      { name: 'alarm', type: 'boolean' as const },
    ];
    const records = [
      ['刘胡兰村', 3.5, 2, '2026-03-01', true],
      ['A1', 12.25, null, null, null],
    ];
    const field = (dbf: Uint8Array, n: number) => ({
      type: String.fromCharCode(dbf[32 + 32 * n + 11]!),
      length: dbf[32 + 32 * n + 16],
      decimals: dbf[32 + 32 * n + 17],
    });
    const utf8 = writeDbf(columns, records, 'utf-8', new Date('2026-12-07T00:00:00Z'));
    const gbk = writeDbf(columns, records, 'gbk', new Date('2026-12-07T00:00:00Z'));
    expect(field(utf8, 0)).toEqual({ type: 'C', length: 12, decimals: 0 });
    expect(field(gbk, 0)).toEqual({ type: 'C', length: 8, decimals: 0 });
    // "12.25" with the two decimals 12.25 needs; integers 10 wide; dates 8; logicals 1.
    expect(field(gbk, 1)).toEqual({ type: 'F', length: 5, decimals: 2 });
    expect(field(gbk, 2)).toEqual({ type: 'N', length: 10, decimals: 0 });
    expect(field(gbk, 3)).toEqual({ type: 'D', length: 8, decimals: 0 });
    expect(field(gbk, 4)).toEqual({ type: 'L', length: 1, decimals: 0 });
    // Header: 32 + 5 × 32 + 1 bytes; record: deletion flag + 8 + 5 + 10 + 8 + 1.
    const view = new DataView(gbk.buffer);
    expect([view.getUint32(4, true), view.getUint16(8, true), view.getUint16(10, true)]).toEqual([2, 193, 33]);
    expect(gbk[29]).toBe(0x4d);
    expect(gbk.length).toBe(193 + 2 * 33 + 1);
  });
});

describe('a GBK attribute table', () => {
  it('refuses text GBK cannot hold rather than write "?" for it, and writes it in UTF-8', () => {
    // 𠮷 (U+20BB7) lies outside GBK's repertoire (CJK Extension B).
    const columns = [{ name: 'name', type: 'text' as const }];
    const today = new Date('2026-12-07T00:00:00Z');
    expect(() => writeDbf(columns, [['𠮷野家']], 'gbk', today)).toThrow(UnencodableTextError);
    expect(() => writeDbf(columns, [['刘胡兰村']], 'gbk', today)).not.toThrow();
    expect(writeDbf(columns, [['𠮷野家']], 'utf-8', today)[32 + 16]).toBe(10);
  });
});

describe('the GeoPackage writer', () => {
  it('marks the file as a GeoPackage 1.3 and puts an envelope in each polygon blob', async () => {
    const bytes = await layerToGeoPackage(stackLayer([SQUARE_WITH_HOLE], ['刘胡兰村垛']));
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    // SQLite's header: user_version at 60, application_id at 68, both big-endian.
    expect(view.getUint32(68, false)).toBe(0x47504b47);
    expect(view.getUint32(60, false)).toBe(10300);
    const blob = gpkgGeometry(SQUARE_WITH_HOLE);
    const blobView = new DataView(blob.buffer);
    expect([...blob.subarray(0, 4)]).toEqual([0x47, 0x50, 0, 0b011]);
    expect(blobView.getInt32(4, true)).toBe(4326);
    expect([0, 1, 2, 3].map((n) => blobView.getFloat64(8 + 8 * n, true))).toEqual([0, 10, 0, 10]);
    const file = path.join(folder, 'stacks.gpkg');
    fs.writeFileSync(file, bytes);
    const info = spawnSync('ogrinfo', ['-ro', '-al', file]);
    expect(info.stderr.toString()).toBe('');
    expect(info.stdout.toString()).toContain('code (String) = 刘胡兰村垛');
    expect(info.stdout.toString()).toContain('POLYGON ((0 0,10 0,10 10,0 10,0 0),(4 4,6 4,6 6,4 6,4 4))');
  });
});
