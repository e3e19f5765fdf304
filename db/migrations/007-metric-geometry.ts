import { type Kysely, sql } from 'kysely';

/**
 * Buildings and passages also stored in EPSG:4546 (metres), kept in step by Postgres. The analyses measure
 * in metres, and an expression index on ST_Transform(geom, 4546) finds candidates but cannot hand back the
 * transformed value: each candidate was transformed again, millions of times at county scale.
 * Water sources keep the expression index of 006 (few rows).
 */
const TABLES = [
  ['buildings', 'Polygon'],
  ['passages', 'LineString'],
] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [table, type] of TABLES) {
    await sql`ALTER TABLE ${sql.id(table)} ADD COLUMN geom_metric geometry(${sql.raw(type)}, 4546)
      GENERATED ALWAYS AS (ST_Transform(geom, 4546)) STORED`.execute(db);
    await sql`CREATE INDEX ${sql.id(`${table}_geom_metric_gist`)} ON ${sql.id(table)} USING gist (geom_metric)`.execute(db);
    await sql`DROP INDEX IF EXISTS ${sql.id(`${table}_geom_4546_gist`)}`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const [table] of TABLES) {
    await sql`ALTER TABLE ${sql.id(table)} DROP COLUMN geom_metric`.execute(db);
    await sql`CREATE INDEX ${sql.id(`${table}_geom_4546_gist`)} ON ${sql.id(table)}
      USING gist (ST_Transform(geom, 4546))`.execute(db);
  }
}
