import { sql } from 'kysely';
import type { Db, TableName } from '../schema';
import { writeAudit } from './audit';

type Row = Record<string, unknown>;
export interface FeatureRow {
  properties: Row;
  geometry: unknown;
}

const geometryOf = sql`ST_Force2D(ST_SetSRID(ST_GeomFromGeoJSON(f->>'geometry'), 4326))`;

/**
 * Features whose geometry PostGIS finds invalid, with the reason (e.g. "Self-intersection[112.1 37.3]").
 * Index is the position in `features`.
 */
export async function findInvalidGeometries(db: Db, features: FeatureRow[], limit = 5) {
  const result = await sql<{ index: number; reason: string }>`
    SELECT (ord - 1)::int AS index, ST_IsValidReason(${geometryOf}) AS reason
    FROM jsonb_array_elements(CAST(${JSON.stringify(features)} AS jsonb)) WITH ORDINALITY AS t(f, ord)
    WHERE NOT ST_IsValid(${geometryOf})
    ORDER BY ord
    LIMIT ${limit}`.execute(db);
  return result.rows;
}

/**
 * Inserts rows whose properties are named like the table's columns, in one statement:
 * Postgres maps the JSON to the row type (jsonb_populate_record), so values are typed by the table.
 * Returns the new ids by code when the table has both.
 */
export async function insertRows(
  db: Db,
  table: TableName | 'hazard_events',
  columns: string[],
  rows: FeatureRow[],
  options: { withGeometry: boolean; returnIdsByCode: boolean },
): Promise<Map<string, number>> {
  const target = sql.id(table);
  const columnList = sql.join(columns.map((c) => sql.id(c)));
  const valueList = sql.join(columns.map((c) => sql`r.${sql.id(c)}`));
  const insertColumns = options.withGeometry ? sql`${columnList}, geom` : columnList;
  const values = options.withGeometry ? sql`${valueList}, ${geometryOf}` : valueList;
  const returning = options.returnIdsByCode ? sql`RETURNING id, code` : sql``;
  const result = await sql<{ id: number; code: string }>`
    INSERT INTO ${target} (${insertColumns})
    SELECT ${values}
    FROM jsonb_array_elements(CAST(${JSON.stringify(rows)} AS jsonb)) AS f
    CROSS JOIN LATERAL jsonb_populate_record(NULL::${target}, f->'properties') AS r
    ${returning}`.execute(db);
  return new Map(result.rows.map((row) => [row.code, row.id]));
}

export async function countRows(db: Db, table: TableName): Promise<number> {
  const result = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.id(table)}`.execute(db);
  return result.rows[0]?.n ?? 0;
}

/** One audit row per loaded file; `requestId` is the load's own (`seed-<uuid>`), shared by all its files. */
export async function recordSeedInAudit(db: Db, load: { table: string; file: string; rows: number; requestId: string }): Promise<void> {
  await writeAudit(db, {
    actor: { name: 'system', role: null },
    action: 'seed',
    table: load.table,
    recordId: null,
    villageCode: null,
    after: { file: load.file, rows: load.rows },
    requestId: load.requestId,
  });
}

/** Transaction-scoped lock so that concurrent first starts do not seed twice. */
export async function lockForSeeding(db: Db): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(7270001)`.execute(db);
}
