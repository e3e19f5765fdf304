import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import { Kysely, PGliteDialect } from 'kysely';
import type { Database } from '../schema';
import { lockDataDir } from './data-dir-lock';
import type { DatabaseHandle } from './handle';
import { dumpPglite, serveSnapshotRequests } from './pglite-snapshot';
import { SerializedDriver } from './serialized-driver';
import { RAW_TYPE_PARSERS } from './type-parsers';

class SerializedPGliteDialect extends PGliteDialect {
  override createDriver() {
    return new SerializedDriver(super.createDriver());
  }
}

/**
 * The embedded engine: PGlite (Postgres in WASM) with PostGIS, persisted under `dataDir`
 * (or in memory when `dataDir` is null, for tests).
 */
export async function openPglite(dataDir: string | null): Promise<DatabaseHandle> {
  const release = dataDir ? lockDataDir(dataDir) : () => {};
  let pglite: PGlite;
  try {
    pglite = await PGlite.create({
      dataDir: dataDir ? path.join(dataDir, 'pglite') : undefined,
      extensions: { postgis },
      parsers: RAW_TYPE_PARSERS,
    });
    await pglite.exec('CREATE EXTENSION IF NOT EXISTS postgis');
  } catch (error) {
    release();
    throw error;
  }
  const db = new Kysely<Database>({ dialect: new SerializedPGliteDialect({ pglite }) });
  const stopSnapshots = dataDir ? serveSnapshotRequests(dataDir, pglite, db) : () => {};
  return {
    engine: 'pglite',
    db,
    snapshot: (out) => dumpPglite(pglite, db, out),
    async close() {
      try {
        // fsync is off in PGlite: a checkpoint writes everything out before we let go of the folder.
        if (!pglite.closed) await pglite.exec('CHECKPOINT');
        await db.destroy();
      } finally {
        stopSnapshots();
        release();
      }
    },
  };
}
