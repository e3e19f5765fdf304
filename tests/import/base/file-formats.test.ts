import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../db/client';
import type { Actor } from '../../../lib/auth/actor';
import { commitImport } from '../../../lib/import/base/commit';
import { previewImport } from '../../../lib/import/base/preview';
import { testEngines } from '../../helpers/engines';
import { gdalTransform, ogr2ogr, workFolder } from '../geo/gdal-fixtures';
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
