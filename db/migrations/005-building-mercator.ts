import { type Kysely, sql } from 'kysely';

/**
 * Buildings also in Web Mercator (EPSG:3857), kept in step by Postgres itself: vector tiles are cut in
 * Mercator, and transforming thousands of footprints per tile was most of a tile's time (measured with
 * EXPLAIN ANALYZE on the county set: ~15 of ~20 ms at z14).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE buildings ADD COLUMN geom_mercator geometry(Polygon, 3857)
    GENERATED ALWAYS AS (ST_Transform(geom, 3857)) STORED`.execute(db);
  await sql`CREATE INDEX buildings_geom_mercator_gist ON buildings USING gist (geom_mercator)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE buildings DROP COLUMN geom_mercator`.execute(db);
}
