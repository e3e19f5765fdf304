import { type Kysely, sql } from 'kysely';

/**
 * The town's base layers. Each is stored in `<table>_all` with every row ever imported or drawn, and read through
 * the view `<table>`, which leaves out retired rows. So every query sees the current town, while hazards and other
 * history keep their references to a feature that was retired (foreign keys point at `<table>_all`).
 */
export const BASE_TABLES = [
  'villages',
  'buildings',
  'social_units',
  'passages',
  'obstacles',
  'water_sources',
  'stations',
  'straw_stacks',
] as const;
export type BaseTable = (typeof BASE_TABLES)[number];

/**
 * (Re)creates the view of current rows. A view fixes its column list when it is made: a migration that adds a
 * column to `<table>_all` calls this afterwards.
 */
export async function createBaseView(db: Kysely<unknown>, table: BaseTable): Promise<void> {
  await sql`CREATE OR REPLACE VIEW ${sql.id(table)} AS SELECT * FROM ${sql.id(`${table}_all`)} WHERE retired_at IS NULL`.execute(db);
}
