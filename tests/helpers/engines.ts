import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { DatabaseHandle, Engine } from '../../db/client';
import { openPglite } from '../../db/engines/pglite';
import { openPostgres } from '../../db/engines/postgres';
import { migrateToLatest } from '../../db/migrate';

/**
 * The engines every integration test runs on: the embedded one always, a real PostGIS server when
 * TEST_DATABASE_URL is set (CI sets it). Each `open` gives a fresh, empty, migrated database.
 */
export interface TestEngine {
  name: Engine;
  open(options?: { migrate?: boolean }): Promise<DatabaseHandle>;
}

async function adminQuery(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** A throwaway database on the test server, dropped again when the handle closes. */
async function openTemporaryPostgres(): Promise<DatabaseHandle> {
  const name = `fire_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const url = new URL(process.env.TEST_DATABASE_URL!);
  url.pathname = `/${name}`;
  const handle = await openPostgres(url.toString());
  return {
    ...handle,
    async close() {
      await handle.close();
      await adminQuery(`DROP DATABASE IF EXISTS ${name}`);
    },
  };
}

async function migrated(handle: DatabaseHandle, migrate: boolean): Promise<DatabaseHandle> {
  if (migrate) await migrateToLatest(handle.db);
  return handle;
}

export const testEngines: TestEngine[] = [
  { name: 'pglite', open: async ({ migrate = true } = {}) => migrated(await openPglite(null), migrate) },
  ...(process.env.TEST_DATABASE_URL
    ? [{ name: 'postgres' as const, open: async ({ migrate = true } = {}) => migrated(await openTemporaryPostgres(), migrate) }]
    : []),
];
