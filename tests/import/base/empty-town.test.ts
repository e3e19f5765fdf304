import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../db/client';
import type { Actor } from '../../../lib/auth/actor';
import { commitImport } from '../../../lib/import/base/commit';
import { previewImport } from '../../../lib/import/base/preview';
import { testEngines } from '../../helpers/engines';
import { workFolder } from '../geo/gdal-fixtures';
import { building, geoPackage, square } from './fixtures';

const OPTIONS = { retireMissing: false, repairInvalid: false, confirmCrs: false };

describe.each(testEngines)('a town built from files into an empty database, on $name', (engine) => {
  let handle: DatabaseHandle;
  let actor: Actor;
  const folder = workFolder('base-empty');
  beforeAll(async () => {
    handle = await engine.open();
    const result = await sql<{ id: number }>`INSERT INTO users (username, display_name, role, villages, password_hash)
      VALUES ('admin', '管理员', 'admin', NULL, 'x') RETURNING id`.execute(handle.db);
    const userId = result.rows[0]?.id as number;
    actor = { userId, username: 'admin', displayName: '管理员', role: 'admin', villages: null, sessionId: 't', mustChangePassword: false };
  });
  afterAll(() => handle?.close());
  const who = () => ({ actor, requestId: 'test-empty' });

  it('takes villages first (polygons become multipolygons), then buildings that name them', async () => {
    // Buildings cannot name villages that do not exist yet.
    const early = await previewImport(handle.db, {
      layer: 'buildings',
      file: geoPackage(folder, [building('A1', '141121104201', square(112.095, 37.365))], 'early.gpkg'),
      crs: 'EPSG:4326',
      createdBy: actor.userId,
    });
    expect(early.errors.map((item) => item.code)).toEqual(['unknown_reference']);

    const villages = [
      { properties: { 村代码: '141121104201', 村名称: '东村', 人口: 1200, 户数: 380, 驻地: '是' }, geometry: square(112.09, 37.36, 0.01) },
      { properties: { 村代码: '141121104202', 村名称: '西村', 人口: 800, 户数: 250, 驻地: '否' }, geometry: square(112.1, 37.36, 0.01) },
    ];
    const preview = await previewImport(handle.db, {
      layer: 'villages',
      file: geoPackage(folder, villages, 'villages.gpkg'),
      crs: 'EPSG:4326',
      createdBy: actor.userId,
    });
    expect(preview.errors).toEqual([]);
    expect(preview.summary).toEqual({ new: 2, changed: 0, unchanged: 0, missing: 0, invalid: 0 });
    await commitImport(handle.db, preview.id, OPTIONS, who());
    const stored = await sql<{ code: string; name: string; is_seat: boolean; type: string }>`
      SELECT code, name, is_seat, GeometryType(geom) AS type FROM villages ORDER BY code`.execute(handle.db);
    expect(stored.rows).toEqual([
      { code: '141121104201', name: '东村', is_seat: true, type: 'MULTIPOLYGON' },
      { code: '141121104202', name: '西村', is_seat: false, type: 'MULTIPOLYGON' },
    ]);

    const buildings = [
      building('A1', '141121104201', square(112.095, 37.365)),
      // In the west village's square, naming the east one: shown, not refused.
      building('A2', '141121104201', square(112.105, 37.365)),
      // About 9 km east of both villages.
      building('A3', '141121104202', square(112.21, 37.365)),
      building('A4', '141121104201', square(112.096, 37.365), { 用途: '民宿' }),
      building('A4', '141121104201', square(112.097, 37.365), { 用途: '民宿' }),
    ];
    const second = await previewImport(handle.db, {
      layer: 'buildings',
      file: geoPackage(folder, buildings, 'buildings.gpkg'),
      crs: 'EPSG:4326',
      createdBy: actor.userId,
    });
    const codes = second.errors.map((item) => `${item.index}:${item.code}:${item.severity}`).sort();
    expect(codes).toEqual([
      '2:outside_village:warning',
      '3:outside_town:error',
      '4:duplicate_key:error',
      '4:unknown_value:error',
      '5:duplicate_key:error',
      '5:unknown_value:error',
    ]);
    expect(second.unmatched_values).toEqual({ use: ['民宿'] });
    expect(second.summary).toEqual({ new: 2, changed: 0, unchanged: 0, missing: 0, invalid: 3 });
    await expect(commitImport(handle.db, second.id, OPTIONS, who())).rejects.toMatchObject({ name: 'BaseImportRefusedError' });
    expect((await sql<{ n: number }>`SELECT count(*)::int AS n FROM buildings`.execute(handle.db)).rows).toEqual([{ n: 0 }]);
  });
});
