import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../db/client';
import type { Actor } from '../../../lib/auth/actor';
import { commitImport } from '../../../lib/import/base/commit';
import { previewImport } from '../../../lib/import/base/preview';
import { testEngines } from '../../helpers/engines';
import { gdalTransform, ogr2ogr, workFolder, zipFiles } from '../geo/gdal-fixtures';
import { building, MINI_V1, MINI_V2, openTown, shapefileZip, square, writeGeoJson } from './fixtures';

/** WGS 84 → GCJ-02 by the published formula (written out here, independent of the library the import uses). */
function wgsToGcj([lon, lat]: [number, number]): [number, number] {
  const a = 6378245.0;
  const ee = 0.006693421622965943;
  const x = lon - 105;
  const y = lat - 35;
  const PI = Math.PI;
  let dLat = -100 + 2 * x + 3 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  dLat += ((20 * Math.sin(6 * x * PI) + 20 * Math.sin(2 * x * PI)) * 2) / 3;
  dLat += ((20 * Math.sin(y * PI) + 40 * Math.sin((y / 3) * PI)) * 2) / 3;
  dLat += ((160 * Math.sin((y / 12) * PI) + 320 * Math.sin((y * PI) / 30)) * 2) / 3;
  let dLon = 300 + x + 2 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  dLon += ((20 * Math.sin(6 * x * PI) + 20 * Math.sin(2 * x * PI)) * 2) / 3;
  dLon += ((20 * Math.sin(x * PI) + 40 * Math.sin((x / 3) * PI)) * 2) / 3;
  dLon += ((150 * Math.sin((x / 12) * PI) + 300 * Math.sin((x / 30) * PI)) * 2) / 3;
  const radLat = (lat / 180) * PI;
  const magic = 1 - ee * Math.sin(radLat) ** 2;
  const sqrtMagic = Math.sqrt(magic);
  dLat = (dLat * 180) / (((a * (1 - ee)) / (magic * sqrtMagic)) * PI);
  dLon = (dLon * 180) / ((a / sqrtMagic) * Math.cos(radLat) * PI);
  return [lon + dLon, lat + dLat];
}

const zipOf = (folder: string, names: string[]) =>
  zipFiles(
    folder,
    names.filter((name) => fs.existsSync(path.join(folder, name))),
  );

/** GCJ-02 → BD-09 by Baidu's published formula (written out here, as above). */
function gcjToBd([lon, lat]: [number, number]): [number, number] {
  const xPi = (Math.PI * 3000) / 180;
  const z = Math.sqrt(lon * lon + lat * lat) + 0.00002 * Math.sin(lat * xPi);
  const theta = Math.atan2(lat, lon) + 0.000003 * Math.cos(lon * xPi);
  return [z * Math.cos(theta) + 0.0065, z * Math.sin(theta) + 0.006];
}

/** Metres between two lon/lat positions near the town (equirectangular: exact enough over metres). */
function metresApart(a: number[], b: number[]): number {
  const [lon1 = Number.NaN, lat1 = Number.NaN] = a;
  const [lon2 = Number.NaN, lat2 = Number.NaN] = b;
  const k = 6_371_008.8 * (Math.PI / 180);
  return Math.hypot((lon1 - lon2) * Math.cos((lat1 * Math.PI) / 180) * k, (lat1 - lat2) * k);
}

// Water sources where they really are (WGS 84); the file holds them as a Gaode map shows them (GCJ-02).
const WELLS = [
  { code: 'W7', name: '村北机井', kind: '机井', village: MINI_V1, at: [112.0931, 37.3672] as [number, number] },
  { code: 'W8', name: '二村消防水池', kind: '蓄水池', village: MINI_V2, at: [112.1043, 37.3618] as [number, number] },
];

describe.each(testEngines)('base-layer files written by GDAL, on $name', (engine) => {
  let handle: DatabaseHandle;
  let actor: Actor;
  const folder = workFolder('base-formats');
  beforeAll(async () => {
    ({ handle, actor } = await openTown(engine));
  });
  afterAll(() => handle?.close());
  const who = () => ({ actor, requestId: 'test-formats' });

  for (const format of ['CSV', 'XLSX'] as const) {
    it(`a water-source ${format} in GCJ-02 lands within 1 m of the true WGS 84 positions`, async () => {
      const source = writeGeoJson(
        folder,
        `wells-${format}.geojson`,
        WELLS.map((well) => {
          const [lon, lat] = wgsToGcj(well.at);
          return {
            properties: {
              编号: well.code,
              名称: well.name,
              所属村: well.village,
              类型: well.kind,
              可用月份: '11-2',
              状态: '正常',
              经度: lon,
              纬度: lat,
            },
            geometry: null,
          };
        }),
      );
      const name = `wells.${format.toLowerCase()}`;
      const target = path.join(folder, name);
      fs.rmSync(target, { force: true });
      ogr2ogr(['-f', format, target, source]);
      const file = { name, bytes: new Uint8Array(fs.readFileSync(target)) };
      const answer = await previewImport(handle.db, { layer: 'water-sources', file, crs: 'GCJ-02', createdBy: actor.userId });
      expect(answer.errors).toEqual([]);
      expect(answer.summary).toMatchObject({ new: 2, missing: 1 });
      await commitImport(handle.db, answer.id, { retireMissing: false, repairInvalid: false, confirmCrs: false }, who());
      const stored = await sql<{ code: string; kind: string; status: string; usable_months: number[]; lon: number; lat: number }>`
        SELECT code, kind, status, usable_months, ST_X(geom) AS lon, ST_Y(geom) AS lat FROM water_sources
        WHERE code IN ('W7', 'W8') ORDER BY code`.execute(handle.db);
      expect(stored.rows.map(({ lon: _lon, lat: _lat, ...row }) => row)).toEqual([
        { code: 'W7', kind: 'well', status: 'in_service', usable_months: [11, 12, 1, 2] },
        { code: 'W8', kind: 'tank', status: 'in_service', usable_months: [11, 12, 1, 2] },
      ]);
      for (const [index, row] of stored.rows.entries()) {
        const truth = WELLS[index]?.at as [number, number];
        // The offset itself is hundreds of metres here; what is left after undoing it must be under a metre.
        expect(metresApart(wgsToGcj(truth), truth)).toBeGreaterThan(100);
        expect(metresApart([row.lon, row.lat], truth)).toBeLessThan(1);
      }
      await sql`DELETE FROM import_changes`.execute(handle.db);
      await sql`DELETE FROM water_sources_all WHERE code IN ('W7', 'W8')`.execute(handle.db);
    });
  }

  /**
   * Every other format and system, as GDAL writes them: each file declares its system (a GeoPackage srs, a .prj,
   * KML and GeoJSON are WGS 84 by definition), so the import reads it from the file; exact transforms land within
   * 1 cm, and the Chinese names come through.
   */
  const DECLARED = [
    { format: 'GPKG', file: 'wells.gpkg', epsg: 4490 },
    { format: 'GPKG', file: 'wells-4547.gpkg', epsg: 4547 },
    { format: 'GPKG', file: 'wells-4525.gpkg', epsg: 4525 },
    { format: 'GPKG', file: 'wells-4526.gpkg', epsg: 4526 },
    { format: 'ESRI Shapefile', file: 'wells.shp', epsg: 4326 },
    { format: 'KML', file: 'wells.kml', epsg: 4326 },
    { format: 'GeoJSON', file: 'wells.geojson', epsg: 4326 },
  ] as const;
  for (const { format, file: name, epsg } of DECLARED) {
    it(`water sources as ${format} in EPSG:${epsg}: the system read from the file, positions within 1 cm`, async () => {
      const source = writeGeoJson(
        folder,
        `truth-${epsg}-${name}.geojson`,
        WELLS.map((well) => ({
          properties: { 编号: well.code, 名称: well.name, 所属村: well.village, 类型: well.kind, 状态: '正常' },
          geometry: { type: 'Point', coordinates: well.at },
        })),
      );
      const target = path.join(folder, name);
      fs.rmSync(target, { force: true });
      fs.rmSync(target.replace(/\.shp$/, ''), { recursive: true, force: true });
      const encoding = format === 'ESRI Shapefile' ? ['-lco', 'ENCODING=UTF-8'] : [];
      ogr2ogr(['-f', format, ...encoding, '-t_srs', `EPSG:${epsg}`, target, source]);
      const file =
        format === 'ESRI Shapefile'
          ? { name: 'wells.zip', bytes: zipOf(folder, ['wells.shp', 'wells.shx', 'wells.dbf', 'wells.prj', 'wells.cpg']) }
          : { name, bytes: new Uint8Array(fs.readFileSync(target)) };
      const answer = await previewImport(handle.db, { layer: 'water-sources', file, createdBy: actor.userId });
      expect(answer.crs).toBe(`EPSG:${epsg}`);
      expect(answer.errors).toEqual([]);
      expect(answer.summary).toMatchObject({ new: 2 });
      // GeoJSON declares no system (RFC 7946 means WGS 84, but files from map services often hold GCJ-02): the
      // user confirms it on the preview map.
      const confirmCrs = format === 'GeoJSON';
      await commitImport(handle.db, answer.id, { retireMissing: false, repairInvalid: false, confirmCrs }, who());
      const stored = await sql<{ code: string; name: string; lon: number; lat: number }>`
        SELECT code, name, ST_X(geom) AS lon, ST_Y(geom) AS lat FROM water_sources WHERE code IN ('W7', 'W8') ORDER BY code`.execute(
        handle.db,
      );
      expect(stored.rows.map((row) => [row.code, row.name])).toEqual(WELLS.map((well) => [well.code, well.name]));
      for (const [index, row] of stored.rows.entries()) expect(metresApart([row.lon, row.lat], WELLS[index]?.at ?? [])).toBeLessThan(0.01);
      await sql`DELETE FROM import_changes`.execute(handle.db);
      await sql`DELETE FROM water_sources_all WHERE code IN ('W7', 'W8')`.execute(handle.db);
    });
  }

  it('a water-source CSV picked in Baidu maps (BD-09) lands within 1 m of the true positions', async () => {
    const rows = WELLS.map((well) => {
      const [lon, lat] = gcjToBd(wgsToGcj(well.at));
      return `${well.code},${well.name},${well.village},${well.kind},正常,${lon.toFixed(7)},${lat.toFixed(7)}`;
    });
    const csv = `编号,名称,所属村,类型,状态,经度,纬度\n${rows.join('\n')}\n`;
    const file = { name: 'baidu.csv', bytes: new TextEncoder().encode(csv) };
    const answer = await previewImport(handle.db, { layer: 'water-sources', file, crs: 'BD-09', createdBy: actor.userId });
    expect(answer.errors).toEqual([]);
    await commitImport(handle.db, answer.id, { retireMissing: false, repairInvalid: false, confirmCrs: false }, who());
    const stored = await sql<{ lon: number; lat: number }>`
      SELECT ST_X(geom) AS lon, ST_Y(geom) AS lat FROM water_sources WHERE code IN ('W7', 'W8') ORDER BY code`.execute(handle.db);
    for (const [index, row] of stored.rows.entries()) {
      const truth = WELLS[index]?.at as [number, number];
      expect(metresApart(gcjToBd(wgsToGcj(truth)), truth)).toBeGreaterThan(500);
      expect(metresApart([row.lon, row.lat], truth)).toBeLessThan(1);
    }
    await sql`DELETE FROM import_changes`.execute(handle.db);
    await sql`DELETE FROM water_sources_all WHERE code IN ('W7', 'W8')`.execute(handle.db);
  });

  it('a GK-zone building Shapefile in GBK without a .cpg: within 1 cm, Chinese attributes intact', async () => {
    const footprint = square(112.0957, 37.3652, 0.00008);
    const features = [building('B9', MINI_V1, footprint, { 名称: '王家大院', 责任人: '张三丰', 结构: '土木结构', 耐火等级: '四级' })];
    const file = shapefileZip(folder, features, { epsg: 4546, encoding: 'GBK', cpg: false, name: 'fangwu' });
    // The file holds GK metres (GDAL's own transform), not degrees.
    const ring = footprint.coordinates[0] as [number, number][];
    const [firstMetres] = gdalTransform('EPSG:4326', 'EPSG:4546', [ring[0] as [number, number]]);
    expect(firstMetres?.[0]).toBeGreaterThan(400_000);
    const answer = await previewImport(handle.db, { layer: 'buildings', file, createdBy: actor.userId });
    expect(answer.crs).toBe('EPSG:4546');
    expect(answer.encoding?.name).toMatch(/^gb/);
    expect(answer.errors).toEqual([]);
    expect(answer.summary).toMatchObject({ new: 1, missing: 3 });
    await commitImport(handle.db, answer.id, { retireMissing: false, repairInvalid: false, confirmCrs: false }, who());
    const stored = await sql<{
      name: string;
      responsible_person: string;
      structure: string;
      fire_grade: string;
      ring: { coordinates: number[][][] };
    }>`
      SELECT name, responsible_person, structure, fire_grade, ST_AsGeoJSON(geom, 10)::json AS ring FROM buildings WHERE code = 'B9'`.execute(
      handle.db,
    );
    const [row] = stored.rows;
    expect(row && { ...row, ring: undefined }).toEqual({
      name: '王家大院',
      responsible_person: '张三丰',
      structure: 'earth_wood',
      fire_grade: '4',
      ring: undefined,
    });
    const storedRing = row?.ring.coordinates[0] as number[][];
    expect(storedRing).toHaveLength(ring.length);
    const worst = Math.max(...ring.map((position) => Math.min(...storedRing.map((candidate) => metresApart(candidate, position)))));
    expect(worst).toBeLessThan(0.01);
  });

  it('a system read from the numbers alone must be confirmed before the commit', async () => {
    const features = [building('B10', MINI_V1, square(112.0962, 37.3652, 0.00005))];
    const source = writeGeoJson(folder, 'guess.geojson', features);
    const target = path.join(folder, 'guess.csv');
    fs.rmSync(target, { force: true });
    ogr2ogr(['-f', 'CSV', '-lco', 'GEOMETRY=AS_WKT', target, source]);
    const file = { name: 'guess.csv', bytes: new Uint8Array(fs.readFileSync(target)) };
    const answer = await previewImport(handle.db, { layer: 'buildings', file, createdBy: actor.userId });
    expect(answer.crs_guess?.crs).toBe('EPSG:4326');
    const options = { retireMissing: false, repairInvalid: false, confirmCrs: false };
    await expect(commitImport(handle.db, answer.id, options, who())).rejects.toMatchObject({ name: 'BaseImportRefusedError' });
    expect((await sql<{ n: number }>`SELECT count(*)::int AS n FROM buildings WHERE code = 'B10'`.execute(handle.db)).rows).toEqual([
      { n: 0 },
    ]);
    await commitImport(handle.db, answer.id, { ...options, confirmCrs: true }, who());
    expect((await sql<{ n: number }>`SELECT count(*)::int AS n FROM buildings WHERE code = 'B10'`.execute(handle.db)).rows).toEqual([
      { n: 1 },
    ]);
  });
});
