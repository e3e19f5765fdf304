import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrateAllDown, migrateToLatest } from '../../db/migrate';
import { BASE_TABLES } from '../../db/migrations/base-tables';
import { COUNTED_TABLES } from '../../db/queries/health';
import { testEngines } from '../helpers/engines';

async function tableNames(db: Parameters<typeof migrateToLatest>[0], type = 'BASE TABLE'): Promise<string[]> {
  const result = await sql<{ name: string }>`
    SELECT table_name AS name FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = ${type} AND table_name NOT LIKE 'kysely_%'
      AND table_name <> 'spatial_ref_sys' AND table_name NOT IN ('geometry_columns', 'geography_columns')
    ORDER BY 1`.execute(db);
  return result.rows.map((row) => row.name);
}

/** A base layer is stored with its retired rows in `<table>_all` and read through a view of the current ones. */
const stored = (table: string) => ((BASE_TABLES as readonly string[]).includes(table) ? `${table}_all` : table);

describe.each(testEngines)('migrations on $name', (engine) => {
  it('go up to the whole domain, all the way down, and up again', async () => {
    const handle = await engine.open({ migrate: false });
    try {
      expect(await tableNames(handle.db)).toEqual([]);
      await migrateToLatest(handle.db);
      // Every domain table, plus the rule table the analyses read their thresholds from.
      expect(await tableNames(handle.db)).toEqual(
        [
          ...COUNTED_TABLES.map(stored),
          'rules',
          'hazard_photos',
          'users',
          'sessions',
          'sign_in_attempts',
          'api_tokens',
          'passage_fixes',
          'scenarios',
          'idempotency_keys',
          'field_checks',
          'import_batches',
          'import_features',
          'import_changes',
        ].sort(),
      );
      expect(await tableNames(handle.db, 'VIEW')).toEqual([...BASE_TABLES].sort());

      const geometryColumns = await sql<{ table: string; type: string; srid: number }>`
        SELECT f_table_name AS table, type, srid FROM geometry_columns
        WHERE f_table_name <> 'passage_fixes'
          AND f_table_name NOT IN (SELECT table_name FROM information_schema.views WHERE table_schema = 'public')
        ORDER BY 1, 3`.execute(handle.db);
      // passage_fixes.geom is a line or a point, so geometry(Geometry, 4326); PostGIS's geometry_columns view guesses
      // its type from the CHECK constraints (differently per version), so ask the catalogue instead.
      const fixColumn = await sql<{ type: string }>`
        SELECT format_type(atttypid, atttypmod) AS type FROM pg_attribute
        WHERE attrelid = 'passage_fixes'::regclass AND attname = 'geom'`.execute(handle.db);
      expect(fixColumn.rows).toEqual([{ type: 'geometry(Geometry,4326)' }]);
      expect(geometryColumns.rows).toEqual([
        { table: stored('buildings'), type: 'POLYGON', srid: 3857 }, // geom_mercator, for vector tiles
        { table: stored('buildings'), type: 'POLYGON', srid: 4326 },
        { table: stored('buildings'), type: 'POLYGON', srid: 4546 }, // geom_metric, for analyses in metres
        { table: stored('fire_incidents'), type: 'POINT', srid: 4326 },
        { table: stored('hazards'), type: 'POINT', srid: 4326 },
        // an import's staged features, as the file has them and as repaired (any type: the preview reports it)
        { table: 'import_features', type: 'GEOMETRY', srid: 4326 },
        { table: 'import_features', type: 'GEOMETRY', srid: 4326 },
        { table: stored('obstacles'), type: 'POINT', srid: 4326 },
        { table: stored('passages'), type: 'LINESTRING', srid: 4326 },
        { table: stored('passages'), type: 'LINESTRING', srid: 4546 },
        { table: stored('social_units'), type: 'POINT', srid: 4326 },
        { table: stored('stations'), type: 'POINT', srid: 4326 },
        { table: stored('straw_stacks'), type: 'POLYGON', srid: 4326 },
        { table: stored('villages'), type: 'MULTIPOLYGON', srid: 4326 },
        { table: stored('water_sources'), type: 'POINT', srid: 4326 },
      ]);
      const gistIndexes = await sql<{ n: number }>`
        SELECT count(*)::int AS n FROM pg_indexes WHERE schemaname = 'public' AND indexdef LIKE '%USING gist%'`.execute(handle.db);
      // 10 geometry columns, buildings in Mercator, buildings and passages in EPSG:4546, water sources' 4546 expression.
      expect(gistIndexes.rows[0]!.n).toBe(15);

      await migrateAllDown(handle.db);
      expect(await tableNames(handle.db)).toEqual([]);
      await migrateToLatest(handle.db);
      expect(await tableNames(handle.db)).toHaveLength(COUNTED_TABLES.length + 13);
    } finally {
      await handle.close();
    }
  });
});
