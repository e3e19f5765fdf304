import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Database } from '../schema';
import type { DatabaseHandle } from './handle';
import { RAW_TYPE_PARSERS } from './type-parsers';

export class PostgisMissingError extends Error {
  constructor(detail: string) {
    super(
      `The PostgreSQL server given by DATABASE_URL has no PostGIS extension available (${detail}). ` +
        'Install PostGIS on the server (Debian: apt-get install postgresql-<version>-postgis-3) ' +
        'or unset DATABASE_URL to use the embedded engine.',
    );
    this.name = 'PostgisMissingError';
  }
}

const typeParsers = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    const raw = RAW_TYPE_PARSERS[oid];
    if (raw && format !== 'binary') return raw;
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

/** The server engine: PostgreSQL + PostGIS through a `pg` pool. */
export async function openPostgres(connectionString: string): Promise<DatabaseHandle> {
  // JIT off: PostGIS functions carry high planner costs, so short spatial queries cross the JIT threshold and
  // spend 80–130 ms compiling for a query that runs in 20 ms (measured with bench:hazards).
  const pool = new pg.Pool({
    connectionString,
    max: Number(process.env.PG_POOL_MAX ?? 10),
    types: typeParsers,
    options: '-c jit=off',
  });
  // An idle connection the server drops (restart, admin termination) must not crash the process:
  // the pool discards it and opens a new one for the next query.
  pool.on('error', (error) => console.error(`PostgreSQL connection lost: ${error.message}`));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    const available = await sql<{ name: string }>`
      SELECT name FROM pg_available_extensions WHERE name = 'postgis'`.execute(db);
    if (available.rows.length === 0) throw new PostgisMissingError('postgis is not in pg_available_extensions');
    await sql`CREATE EXTENSION IF NOT EXISTS postgis`.execute(db);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return { engine: 'postgres', db, close: () => db.destroy() };
}
