import { sql } from 'kysely';
import type { Db, TableName } from '../schema';
import { singleRow } from './rows';

export const COUNTED_TABLES: TableName[] = [
  'villages',
  'buildings',
  'social_units',
  'passages',
  'obstacles',
  'water_sources',
  'stations',
  'straw_stacks',
  'hazards',
  'hazard_events',
  'fire_incidents',
  'drills',
  'trainings',
  'audit_log',
];

export async function postgisVersion(db: Db): Promise<string> {
  const result = await sql<{ version: string }>`SELECT postgis_lib_version() AS version`.execute(db);
  return singleRow(result).version;
}

/** Row count of every domain table, in one round trip. */
export async function tableCounts(db: Db): Promise<Record<string, number>> {
  const selects = COUNTED_TABLES.map((table) => sql`SELECT ${sql.lit(table)} AS name, count(*)::int AS n FROM ${sql.id(table)}`);
  const result = await sql<{ name: string; n: number }>`${sql.join(selects, sql` UNION ALL `)}`.execute(db);
  return Object.fromEntries(result.rows.map((row) => [row.name, row.n]));
}

/**
 * True while the town shown is (partly) the demo: the demo data set was loaded (the seed leaves its mark in the
 * audit log) and a current village remains that no applied import of the town's own files wrote.
 */
export async function hasDemoData(db: Db): Promise<boolean> {
  const result = await sql<{ seeded: boolean }>`
    SELECT EXISTS (SELECT 1 FROM audit_log WHERE action = 'seed')
      AND EXISTS (
        SELECT 1 FROM villages v WHERE NOT EXISTS (
          SELECT 1 FROM import_changes c JOIN import_batches b ON b.id = c.batch_id
          WHERE b.layer = 'villages' AND b.status = 'applied' AND c.action <> 'retire' AND c.feature_id = v.code)
      ) AS seeded`.execute(db);
  return singleRow(result).seeded;
}
