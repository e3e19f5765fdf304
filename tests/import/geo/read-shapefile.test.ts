import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GeoFileError, readGeoFile } from '../../../lib/import/geo';
import { MAX_GEO_UNZIPPED_BYTES } from '../../../lib/import/geo/unzip-upload';
import { ogr2ogr, pointXY, TOWN_POINTS, townPointsIn, workFolder, writeTownGeoJson, zipFiles } from './gdal-fixtures';

const LAYER = ['layer.shp', 'layer.shx', 'layer.dbf', 'layer.prj'];

/** The town's points as a Shapefile written by ogr2ogr in the given system and encoding. */
function townShapefile(epsg: number, encoding: 'GBK' | 'UTF-8') {
  const folder = workFolder('shapefile');
  const source = writeTownGeoJson(folder);
  ogr2ogr([
    '-f',
    'ESRI Shapefile',
    '-lco',
    `ENCODING=${encoding}`,
    '-s_srs',
    'EPSG:4326',
    '-t_srs',
    `EPSG:${epsg}`,
    path.join(folder, 'layer.shp'),
    source,
  ]);
  return folder;
}

async function readError(bytes: Uint8Array): Promise<GeoFileError> {
  const error = await readGeoFile({ name: 'layer.zip', bytes }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(GeoFileError);
  return error as GeoFileError;
}

describe('readGeoFile: zipped Shapefile', () => {
  it('reads a GBK Shapefile in CGCS2000 GK CM 111E by its .cpg, in the file’s own metres', async () => {
    const folder = townShapefile(4546, 'GBK');
    expect(fs.readFileSync(path.join(folder, 'layer.cpg'), 'latin1').trim()).toBe('GBK');
    const contents = await readGeoFile({ name: '消防设施.ZIP', bytes: zipFiles(folder, [...LAYER, 'layer.cpg']) });
    expect(contents.format).toBe('shapefile');
    expect(contents.encoding).toEqual({ name: 'gbk', source: 'cpg' });
    expect(contents.declaredCrs?.epsg).toBe(4546);
    expect(contents.fields).toEqual(['名称', '编号']);
    expect(contents.features.map((feature) => feature.properties)).toEqual(TOWN_POINTS.map(({ 名称, 编号 }) => ({ 名称, 编号 })));
    expect(contents.features.map((feature) => feature.index)).toEqual([1, 2, 3]);
    const expected = townPointsIn(4546);
    contents.features.forEach((feature, position) => {
      expect(pointXY(feature.geometry)[0]).toBeCloseTo(expected[position]?.[0] ?? Number.NaN, 3);
      expect(pointXY(feature.geometry)[1]).toBeCloseTo(expected[position]?.[1] ?? Number.NaN, 3);
    });
  });

  it('detects GBK text without a .cpg, and UTF-8 text without one', async () => {
    const gbk = await readGeoFile({ name: 'a.zip', bytes: zipFiles(townShapefile(4546, 'GBK'), LAYER) });
    expect(gbk.encoding).toEqual({ name: 'gb18030', source: 'detected' });
    expect(gbk.features[0]?.properties.名称).toBe('刘胡兰村消防站');
    const utf8 = await readGeoFile({ name: 'a.zip', bytes: zipFiles(townShapefile(4546, 'UTF-8'), LAYER) });
    expect(utf8.encoding).toEqual({ name: 'utf-8', source: 'detected' });
    expect(utf8.features[2]?.properties.名称).toBe('保贤村祠堂');
  });

  it('decodes with the encoding the user chose over the .cpg', async () => {
    const folder = townShapefile(4546, 'UTF-8');
    const bytes = zipFiles(folder, [...LAYER, 'layer.cpg']);
    expect((await readGeoFile({ name: 'a.zip', bytes })).encoding).toEqual({ name: 'utf-8', source: 'cpg' });
    const chosen = await readGeoFile({ name: 'a.zip', bytes }, { encoding: 'gbk' });
    expect(chosen.encoding).toEqual({ name: 'gbk', source: 'chosen' });
    expect(chosen.features[0]?.properties.名称).not.toBe('刘胡兰村消防站');
  });

  it.each([4490, 4547, 4525, 4526])('recognises EPSG:%i from the .prj GDAL writes (no authority in it)', async (epsg) => {
    const folder = townShapefile(epsg, 'UTF-8');
    expect(fs.readFileSync(path.join(folder, 'layer.prj'), 'utf8')).not.toContain('AUTHORITY');
    const contents = await readGeoFile({ name: 'a.zip', bytes: zipFiles(folder, LAYER) });
    expect(contents.declaredCrs?.epsg).toBe(epsg);
    const expected = townPointsIn(epsg);
    contents.features.forEach((feature, position) => {
      expect(pointXY(feature.geometry)[0]).toBeCloseTo(expected[position]?.[0] ?? Number.NaN, 3);
      expect(pointXY(feature.geometry)[1]).toBeCloseTo(expected[position]?.[1] ?? Number.NaN, 3);
    });
  });

  it('reads dates as the calendar day written, east of Greenwich too, and a blank date as no value', async () => {
    const folder = workFolder('shapefile-dates');
    const source = path.join(folder, 'dates.geojson');
    const point = { type: 'Point', coordinates: [112.1, 37.37] };
    fs.writeFileSync(
      source,
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          { type: 'Feature', properties: { found_on: '2026-03-01' }, geometry: point },
          { type: 'Feature', properties: { found_on: null }, geometry: point },
        ],
      }),
    );
    ogr2ogr(['-f', 'ESRI Shapefile', path.join(folder, 'layer.shp'), source]);
    const zone = process.env.TZ;
    process.env.TZ = 'Asia/Shanghai';
    try {
      const contents = await readGeoFile({ name: 'dates.zip', bytes: zipFiles(folder, LAYER.slice(0, 3)) });
      expect(contents.features.map((feature) => feature.properties.found_on)).toEqual(['2026-03-01', null]);
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });

  it('has no declared system without a .prj', async () => {
    const contents = await readGeoFile({ name: 'a.zip', bytes: zipFiles(townShapefile(4546, 'UTF-8'), ['layer.shp', 'layer.dbf']) });
    expect(contents.declaredCrs).toBeNull();
    expect(contents.features).toHaveLength(3);
  });

  it('refuses a zip without a .shp, a cut-off .shp, two layers and a zip that is no zip', async () => {
    const folder = townShapefile(4546, 'UTF-8');
    expect((await readError(zipFiles(folder, ['layer.dbf', 'layer.prj'], 'no-shp.zip'))).code).toBe('damaged_file');

    const shp = fs.readFileSync(path.join(folder, 'layer.shp'));
    fs.mkdirSync(path.join(folder, 'cut'));
    fs.writeFileSync(path.join(folder, 'cut', 'layer.shp'), shp.subarray(0, shp.byteLength - 10));
    fs.copyFileSync(path.join(folder, 'layer.dbf'), path.join(folder, 'cut', 'layer.dbf'));
    expect((await readError(zipFiles(path.join(folder, 'cut'), ['layer.shp', 'layer.dbf'], 'cut.zip'))).code).toBe('damaged_file');

    for (const extension of ['shp', 'shx', 'dbf'])
      fs.copyFileSync(path.join(folder, `layer.${extension}`), path.join(folder, `道路.${extension}`));
    const two = await readError(zipFiles(folder, [...LAYER, '道路.shp', '道路.shx', '道路.dbf'], 'two.zip'));
    expect(two.code).toBe('unsupported_format');
    expect(two.message).toContain('layer.shp');
    expect(two.message).toContain('道路.shp');

    expect((await readError(new TextEncoder().encode('not a zip at all, just text'))).code).toBe('damaged_file');
  });

  it('refuses a .shp cut short (an interrupted copy) as damaged, at any length', async () => {
    const folder = townShapefile(4546, 'UTF-8');
    const whole = fs.readFileSync(path.join(folder, 'layer.shp'));
    for (const length of [50, 100, 120, whole.length - 7]) {
      fs.writeFileSync(path.join(folder, 'layer.shp'), whole.subarray(0, length));
      const refused = await readError(zipFiles(folder, LAYER, `cut-${length}.zip`));
      expect(refused.code, `cut at ${length} bytes`).toBe('damaged_file');
    }
  });

  it('refuses a zip that expands beyond the limit before inflating it', async () => {
    const folder = townShapefile(4546, 'UTF-8');
    fs.writeFileSync(path.join(folder, 'padding.bin'), Buffer.alloc(MAX_GEO_UNZIPPED_BYTES + 10 * 1024 * 1024));
    const bytes = zipFiles(folder, [...LAYER, 'padding.bin']);
    expect(bytes.byteLength).toBeLessThan(1024 * 1024);
    const refused = await readError(bytes);
    expect(refused.code).toBe('file_too_large');
    expect(refused.message).toContain('Shapefile');
  });

  it('refuses a line with more than 2 million vertices', async () => {
    const folder = workFolder('shapefile-big');
    fs.writeFileSync(
      path.join(folder, 'line.geojson'),
      JSON.stringify({
        type: 'Feature',
        properties: { 名称: '长线' },
        geometry: {
          type: 'LineString',
          coordinates: [
            [112, 37.4],
            [112.01, 37.41],
          ],
        },
      }),
    );
    ogr2ogr(['-f', 'ESRI Shapefile', path.join(folder, 'layer.shp'), path.join(folder, 'line.geojson')]);
    fs.writeFileSync(path.join(folder, 'layer.shp'), polylineShp(2_000_001));
    expect((await readError(zipFiles(folder, ['layer.shp', 'layer.dbf']))).code).toBe('too_complex');
  });
});

/** A one-record PolyLine .shp by the ESRI specification (big-endian lengths, little-endian values). */
function polylineShp(points: number): Buffer {
  const content = 4 + 32 + 4 + 4 + 4 + 16 * points;
  const buffer = Buffer.alloc(100 + 8 + content);
  buffer.writeInt32BE(9994, 0);
  buffer.writeInt32BE(buffer.byteLength / 2, 24);
  buffer.writeInt32LE(1000, 28);
  buffer.writeInt32LE(3, 32);
  buffer.writeInt32BE(1, 100);
  buffer.writeInt32BE(content / 2, 104);
  let offset = 108;
  buffer.writeInt32LE(3, offset);
  offset += 4 + 32;
  buffer.writeInt32LE(1, offset);
  buffer.writeInt32LE(points, offset + 4);
  buffer.writeInt32LE(0, offset + 8);
  offset += 12;
  for (let i = 0; i < points; i++) {
    buffer.writeDoubleLE(112 + i * 1e-7, offset);
    buffer.writeDoubleLE(37.4, offset + 8);
    offset += 16;
  }
  return buffer;
}
