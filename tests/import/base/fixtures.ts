import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import type { DatabaseHandle } from '../../../db/client';
import type { Db } from '../../../db/schema';
import type { Actor } from '../../../lib/auth/actor';
import type { TestEngine } from '../../helpers/engines';
import { insertTown } from '../../town/insert-town';
import { miniTown } from '../../town/mini-town';
import { ogr2ogr, zipFiles } from '../geo/gdal-fixtures';

export { MINI_V1, MINI_V2 } from '../../town/mini-town';

/** The mini town (B1, B2 in V1; B3 in V2) with an office user to import as. */
export async function openTown(engine: TestEngine): Promise<{ handle: DatabaseHandle; actor: Actor }> {
  const handle = await engine.open();
  await insertTown(handle.db, miniTown());
  const result = await sql<{ id: number }>`INSERT INTO users (username, display_name, role, villages, password_hash)
    VALUES ('office', '办公室', 'office', NULL, 'x') RETURNING id`.execute(handle.db);
  const userId = result.rows[0]?.id as number;
  const actor: Actor = {
    userId,
    username: 'office',
    displayName: '办公室',
    role: 'office',
    villages: null,
    sessionId: 'test',
    mustChangePassword: false,
  };
  return { handle, actor };
}

/** The current rows of a base view, all columns but the version (which a rollback raises again). */
export async function dumpTable(db: Db, table: string): Promise<unknown[]> {
  const result = await sql<{ row: unknown }>`SELECT to_jsonb(t) - 'version' AS row FROM ${sql.table(table)} t ORDER BY t.code`.execute(db);
  return result.rows.map((row) => row.row);
}

export type Properties = Record<string, string | number | boolean | null>;
export interface FixtureFeature {
  properties: Properties;
  geometry: GeoJSON.Geometry | null;
}

export function writeGeoJson(folder: string, name: string, features: FixtureFeature[]): string {
  const file = path.join(folder, name);
  fs.writeFileSync(
    file,
    JSON.stringify({ type: 'FeatureCollection', features: features.map((feature) => ({ type: 'Feature', ...feature })) }),
  );
  return file;
}

/** The features written by GDAL as a GeoPackage (lon/lat), read back as the upload's bytes. */
export function geoPackage(folder: string, features: FixtureFeature[], name = 'layer.gpkg'): { name: string; bytes: Uint8Array } {
  const source = writeGeoJson(folder, `${name}.geojson`, features);
  const target = path.join(folder, name);
  fs.rmSync(target, { force: true });
  ogr2ogr(['-f', 'GPKG', target, source]);
  return { name, bytes: new Uint8Array(fs.readFileSync(target)) };
}

/** A small square (side in degrees) with its south-west corner at lon, lat. */
export function square(lon: number, lat: number, side = 0.0001): GeoJSON.Polygon {
  return {
    type: 'Polygon',
    coordinates: [
      [
        [lon, lat],
        [lon + side, lat],
        [lon + side, lat + side],
        [lon, lat + side],
        [lon, lat],
      ],
    ],
  };
}

/** A building as a township's spreadsheet would describe it, in Chinese headers and labels. */
export function building(code: string, village: string, footprint: GeoJSON.Geometry | null, extra: Properties = {}): FixtureFeature {
  return {
    properties: { 编码: code, 所属村: village, 用途: '住宅', 层数: 1, 高度: 3.5, 结构: '砖木结构', 耐火等级: '三级', ...extra },
    geometry: footprint,
  };
}

/** Shapefile .zip written by GDAL in the given system and encoding, optionally without its .cpg. */
export function shapefileZip(
  folder: string,
  features: FixtureFeature[],
  options: { epsg: number; encoding: string; cpg: boolean; name?: string },
): { name: string; bytes: Uint8Array } {
  const base = options.name ?? 'layer';
  const source = writeGeoJson(folder, `${base}.geojson`, features);
  ogr2ogr([
    '-f',
    'ESRI Shapefile',
    '-t_srs',
    `EPSG:${options.epsg}`,
    '-lco',
    `ENCODING=${options.encoding}`,
    path.join(folder, `${base}.shp`),
    source,
  ]);
  const parts = ['shp', 'shx', 'dbf', 'prj', ...(options.cpg ? ['cpg'] : [])].map((ext) => `${base}.${ext}`);
  if (!options.cpg) fs.rmSync(path.join(folder, `${base}.cpg`), { force: true });
  return { name: `${base}.zip`, bytes: zipFiles(folder, parts, `${base}.zip`) };
}
