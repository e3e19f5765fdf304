import type { DatabaseHandle, Engine } from '../../db/client';
import { openPglite } from '../../db/engines/pglite';
import { openPostgres } from '../../db/engines/postgres';
import { migrateToLatest } from '../../db/migrate';
import { temporaryDatabase } from './postgres-admin';

/**
 * The engines every integration test runs on: the embedded one always, a real PostGIS server when
 * TEST_DATABASE_URL is set (CI sets it). Each `open` gives a fresh, empty, migrated database.
 */
export interface TestEngine {
  name: Engine;
  open(options?: { migrate?: boolean }): Promise<DatabaseHandle>;
}

/** A throwaway database on the test server, dropped again when the handle closes. */
async function openTemporaryPostgres(): Promise<DatabaseHandle> {
  const database = await temporaryDatabase(process.env.TEST_DATABASE_URL!, 'fire_test');
  const handle = await openPostgres(database.url);
  return {
    ...handle,
    async close() {
      await handle.close();
      await database.drop();
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
