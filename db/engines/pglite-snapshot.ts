import fs from 'node:fs';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../schema';
import { holderOf } from './data-dir-lock';

/**
 * A consistent snapshot of the embedded database while the app runs. Only the process holding the data folder
 * may touch PGlite, so a backup asks it: the backup writes a request file next to the lock and sends SIGUSR2;
 * the app, between two queries (it holds the one connection), checkpoints and dumps its data folder to the
 * requested file, then writes `<file>.done` (or `<file>.failed` with the reason). Signalling needs the rights of
 * the app's OS user, which is who may read its data folder anyway.
 */
const REQUEST_FILE = '.snapshot-request';
const SNAPSHOT_SIGNAL = 'SIGUSR2';

/** Dumps the data folder (a tarball PGlite can load) to `out`, holding the connection so no query runs meanwhile. */
export async function dumpPglite(pglite: PGlite, db: Kysely<Database>, out: string): Promise<void> {
  await db.connection().execute(async (connection) => {
    await sql`CHECKPOINT`.execute(connection);
    const dump = await pglite.dumpDataDir('none');
    await fs.promises.writeFile(out, Buffer.from(await dump.arrayBuffer()));
  });
}

/** Serves snapshot requests for as long as the database is open; returns the function that stops it. */
export function serveSnapshotRequests(dataDir: string, pglite: PGlite, db: Kysely<Database>): () => void {
  const onSignal = () => {
    const requestFile = path.join(dataDir, REQUEST_FILE);
    let out: string;
    try {
      out = JSON.parse(fs.readFileSync(requestFile, 'utf8')).out;
      fs.rmSync(requestFile, { force: true });
    } catch {
      return; // a stray signal without a request
    }
    dumpPglite(pglite, db, out)
      .then(() => fs.writeFileSync(`${out}.done`, ''))
      .catch((error: Error) => fs.writeFileSync(`${out}.failed`, error.message));
  };
  process.on(SNAPSHOT_SIGNAL, onSignal);
  return () => process.off(SNAPSHOT_SIGNAL, onSignal);
}

/**
 * Asks the app that holds `dataDir` for a snapshot into `out`; resolves when it is written. Null when no
 * process holds the folder (the caller may then open it itself).
 */
export async function requestSnapshot(dataDir: string, out: string, timeoutMs = 10 * 60_000): Promise<'written' | null> {
  const holder = holderOf(dataDir);
  if (!holder) return null;
  fs.writeFileSync(path.join(dataDir, REQUEST_FILE), JSON.stringify({ out }));
  process.kill(holder.pid, SNAPSHOT_SIGNAL);
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (fs.existsSync(`${out}.done`)) {
      fs.rmSync(`${out}.done`);
      return 'written';
    }
    if (fs.existsSync(`${out}.failed`))
      throw new Error(`the app could not write the snapshot: ${fs.readFileSync(`${out}.failed`, 'utf8')}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the app holding ${dataDir} (pid ${holder.pid}) did not write the snapshot within ${timeoutMs / 1000} s`);
}
