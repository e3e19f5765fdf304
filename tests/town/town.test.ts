import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { seedIfEmpty } from '../../db/seed';
import { GEODATA_FILES } from '../../db/seed/geodata-files';
import { testEngines } from '../helpers/engines';
import { metresFrom, rect, TOWN_ORIGIN } from './coordinates';
import { geodataFiles, writeGeodataFolder } from './geodata-folder';
import { insertTown } from './insert-town';
import { miniTown } from './mini-town';
import { TestTown } from './town';

const TABLES = [...GEODATA_FILES.map((spec) => spec.table), 'hazard_events'];

/** Every row of the town's tables, without the times a write stamps. */
async function contents(handle: DatabaseHandle) {
  const tables: Record<string, unknown[]> = {};
  for (const table of TABLES) {
    const result = await sql<{ row: unknown }>`
      SELECT to_jsonb(t) - 'created_at' - 'updated_at' AS row FROM ${sql.table(table)} t ORDER BY 1`.execute(handle.db);
    tables[table] = result.rows.map((r) => r.row);
  }
  return tables;
}

/** Two buildings 10 m square, 5 m apart along the x axis of a metric frame. */
function metricPair(): TestTown {
  const town = new TestTown();
  town
    .village('141121104299', { name: '米制村', frame: metresFrom(TOWN_ORIGIN), area: rect(0, 0, 100, 100) })
    .building('M1', rect(10, 10, 20, 20))
    .building('M2', rect(25, 10, 35, 20));
  return town;
}

describe.each(testEngines)('the test town on $name', (engine) => {
  let seeded: DatabaseHandle;
  let inserted: DatabaseHandle;
  beforeAll(async () => {
    seeded = await engine.open();
    inserted = await engine.open();
  });
  afterAll(async () => {
    await seeded?.close();
    await inserted?.close();
  });

  it('writes the same rows through the seed loader and straight into the tables, the latter without audit rows', async () => {
    await seedIfEmpty(seeded.db, writeGeodataFolder(geodataFiles(miniTown())));
    const ids = await insertTown(inserted.db, miniTown());
    expect(await contents(inserted)).toEqual(await contents(seeded));
    expect(Object.keys(ids.building)).toEqual(['B1', 'B2', 'B3']);
    const audit = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_log`.execute(inserted.db);
    expect(audit.rows[0]!.n).toBe(0);
  });

  it('places positions of a metric frame at their distance in metres', async () => {
    const handle = await engine.open();
    try {
      await insertTown(handle.db, metricPair());
      const result = await sql<{ gap: number }>`
        SELECT ST_Distance(a.geom_metric, b.geom_metric) AS gap FROM buildings a, buildings b
        WHERE a.code = 'M1' AND b.code = 'M2'`.execute(handle.db);
      expect(result.rows[0]!.gap).toBeCloseTo(5, 6);
    } finally {
      await handle.close();
    }
  });
});

describe('geodata files of a test town', () => {
  it('are in lon/lat only: a metric town must be inserted', () => {
    expect(() => geodataFiles(metricPair())).toThrow(/geodata files hold lon\/lat/);
  });
});
