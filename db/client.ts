import path from 'node:path';
import type { DatabaseHandle } from './engines/handle';
import { openPglite } from './engines/pglite';
import { openPostgres } from './engines/postgres';
import { migrateToLatest } from './migrate';
import { seedIfEmpty } from './seed';
import { ensureDemoAccounts, ensureInitialAdmin } from './seed/accounts';

export type { DatabaseHandle, Engine } from './engines/handle';

export interface DatabaseConfig {
  /** PostgreSQL + PostGIS server; when absent the embedded engine is used. */
  databaseUrl?: string;
  /** Embedded engine's folder; null keeps the database in memory (tests). */
  dataDir: string | null;
  /** Where the demo data set lives; null starts with an empty database. */
  geodataDir: string | null;
  /** The environment read for the first admin account (ADMIN_USERNAME, ADMIN_PASSWORD). */
  env?: Record<string, string | undefined>;
}

export function configFromEnvironment(env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(/*turbopackIgnore: true*/ env.DATA_DIR || '.data'),
    geodataDir: env.DEMO_DATA === 'off' ? null : path.resolve(/*turbopackIgnore: true*/ env.GEODATA_DIR || 'geodata'),
    env,
  };
}

/**
 * Opens the configured engine, brings the schema up to date, loads the demo data (with its demo accounts)
 * into an empty database, and creates the first admin from the environment when there are no users.
 */
export async function openDatabase(config: DatabaseConfig): Promise<DatabaseHandle> {
  const handle = config.databaseUrl ? await openPostgres(config.databaseUrl) : await openPglite(config.dataDir);
  try {
    await migrateToLatest(handle.db);
    if (config.geodataDir) {
      await seedIfEmpty(handle.db, config.geodataDir);
      await ensureDemoAccounts(handle.db);
    }
    if (config.env) await ensureInitialAdmin(handle.db, config.env);
    return handle;
  } catch (error) {
    await handle.close();
    throw error;
  }
}

// One database per server process, kept on globalThis so Next's module reloading in dev reuses it.
const globalState = globalThis as unknown as { __fireGisDatabase?: Promise<DatabaseHandle> };

export function getDatabase(): Promise<DatabaseHandle> {
  if (!globalState.__fireGisDatabase) {
    const opening = openDatabase(configFromEnvironment());
    globalState.__fireGisDatabase = opening;
    opening.then(closeOnShutdown, () => {
      // Let the next request retry (e.g. after the other process holding the data folder stops).
      if (globalState.__fireGisDatabase === opening) globalState.__fireGisDatabase = undefined;
    });
  }
  return globalState.__fireGisDatabase;
}

function closeOnShutdown(handle: DatabaseHandle): void {
  let closing = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    handle
      .close()
      .catch((error) => console.error('Closing the database failed:', error))
      .finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}
