import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import type { Database } from '../../db/schema';
import { testEngines } from '../helpers/engines';

const village = (code: string, wkt: string, db: Kysely<Database>) =>
  sql`INSERT INTO villages (code, name, population, households, geom)
      VALUES (${code}, '测试村', 1, 1, ST_GeomFromText(${wkt}, 4326))`.execute(db);

describe.each(testEngines)('geometry and audit constraints on $name', (engine) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await engine.open();
  });
  afterAll(() => handle?.close());

  it('accepts a valid multipolygon in lon/lat', async () => {
    await village('141121104299', 'MULTIPOLYGON(((112.1 37.3,112.2 37.3,112.2 37.4,112.1 37.3)))', handle.db);
    const rows = await sql<{ n: number }>`SELECT count(*)::int AS n FROM villages`.execute(handle.db);
    expect(rows.rows[0]!.n).toBe(1);
  });

  it('refuses a self-intersecting (bow-tie) polygon', async () => {
    await expect(
      village('141121104298', 'MULTIPOLYGON(((112.1 37.3,112.2 37.4,112.2 37.3,112.1 37.4,112.1 37.3)))', handle.db),
    ).rejects.toThrow(/villages_geom_valid/);
  });

  it('refuses projected metres stored as if they were degrees', async () => {
    await expect(
      village('141121104297', 'MULTIPOLYGON(((597437 4138141,597537 4138141,597537 4138241,597437 4138141)))', handle.db),
    ).rejects.toThrow(/villages_geom_lonlat/);
  });

  it('refuses the wrong geometry type and the wrong SRID', async () => {
    await expect(village('141121104296', 'POINT(112.1 37.3)', handle.db)).rejects.toThrow();
    await expect(
      sql`INSERT INTO villages (code, name, population, households, geom)
          VALUES ('141121104295', 'x', 1, 1, ST_GeomFromText('MULTIPOLYGON(((0 0,1 0,1 1,0 0)))', 3857))`.execute(handle.db),
    ).rejects.toThrow(/SRID/i);
  });

  it('refuses an invalid geometry sneaked in by UPDATE', async () => {
    await expect(
      sql`UPDATE villages SET geom = ST_GeomFromText('MULTIPOLYGON(((112.1 37.3,112.2 37.4,112.2 37.3,112.1 37.4,112.1 37.3)))', 4326)`.execute(
        handle.db,
      ),
    ).rejects.toThrow(/villages_geom_valid/);
  });

  it('keeps the audit log append-only', async () => {
    await sql`INSERT INTO audit_log (actor, action, table_name) VALUES ('tester', 'create', 'villages')`.execute(handle.db);
    await expect(sql`UPDATE audit_log SET actor = 'someone else'`.execute(handle.db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_log`.execute(handle.db)).rejects.toThrow(/append-only/);
    await expect(sql`TRUNCATE audit_log`.execute(handle.db)).rejects.toThrow(/append-only/);
    const rows = await sql<{ actor: string }>`SELECT actor FROM audit_log`.execute(handle.db);
    expect(rows.rows).toEqual([{ actor: 'tester' }]);
  });
});
