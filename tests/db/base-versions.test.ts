import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { testEngines } from '../helpers/engines';

const square = (x: number, y: number, d: number) =>
  `{"type":"Polygon","coordinates":[[[${x},${y}],[${x + d},${y}],[${x + d},${y + d}],[${x},${y + d}],[${x},${y}]]]}`;

describe.each(testEngines)('base features keep a version and their retired rows on $name', (engine) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await engine.open();
    await sql`INSERT INTO villages (code, name, population, households, geom)
      VALUES ('141121100001', '测试村', 100, 30, ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(${square(112.0, 37.4, 0.01)}), 4326)))`.execute(
      handle.db,
    );
    await sql`INSERT INTO buildings (code, village_code, use, floors, height_m, structure, fire_grade, geom)
      VALUES ('B1', '141121100001', 'residential', 2, 6, 'brick_concrete', '3',
        ST_SetSRID(ST_GeomFromGeoJSON(${square(112.001, 37.401, 0.0001)}), 4326))`.execute(handle.db);
  });
  afterAll(async () => {
    await handle?.close();
  });

  const building = async () =>
    (await sql<{ version: number; floors: number }>`SELECT version, floors FROM buildings WHERE code = 'B1'`.execute(handle.db)).rows;

  it('starts at version 1 and raises it by one on every update, whoever writes', async () => {
    expect(await building()).toEqual([{ version: 1, floors: 2 }]);
    await sql`UPDATE buildings SET floors = 3 WHERE code = 'B1'`.execute(handle.db);
    await sql`UPDATE buildings SET has_smoke_alarm = true WHERE code = 'B1'`.execute(handle.db);
    // A writer cannot set the version itself: the database raises it from the stored one.
    await sql`UPDATE buildings SET version = 1 WHERE code = 'B1'`.execute(handle.db);
    expect(await building()).toEqual([{ version: 4, floors: 3 }]);
  });

  it('hides a retired row from the current town and keeps it for history', async () => {
    await sql`UPDATE buildings SET retired_at = now() WHERE code = 'B1'`.execute(handle.db);
    expect(await building()).toEqual([]);
    const stored = await sql<{ version: number }>`SELECT version FROM buildings_all WHERE code = 'B1'`.execute(handle.db);
    expect(stored.rows).toEqual([{ version: 5 }]);
  });
});
