import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import pg from 'pg';
import { configFromEnvironment } from '../../db/client';
import { lockDataDir } from '../../db/engines/data-dir-lock';
import type { Engine } from '../../db/engines/handle';
import { openPglite } from '../../db/engines/pglite';
import { requestSnapshot } from '../../db/engines/pglite-snapshot';
import { photoDirectory } from '../photos/photo-store';

const run = promisify(execFile);

/**
 * One backup file: a tar holding `manifest.json`, the database (`database.dump` from pg_dump, or `database.tar`,
 * the embedded engine's data folder) and `photos/` (the disk photo store, by SHA-256). Photos are copied after
 * the database: a photo's file is written before its row, so every row in the snapshot finds its file.
 */
export interface BackupManifest {
  format: 1;
  engine: Engine;
  created_at: string;
  photos: number;
}

export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

type Environment = Record<string, string | undefined>;

function countFiles(dir: string): number {
  if (!fs.existsSync(dir)) return 0;
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).length;
}

async function snapshotEmbedded(dataDir: string, out: string): Promise<void> {
  // The running app writes the snapshot itself (it holds the folder); with no app running, open it here.
  if ((await requestSnapshot(dataDir, out)) === 'written') return;
  const handle = await openPglite(dataDir);
  try {
    await handle.snapshot?.(out);
  } finally {
    await handle.close();
  }
}

/** Takes a consistent backup of the configured database and photos into `out` while the app may run. */
export async function backup(out: string, env: Environment = process.env): Promise<BackupManifest> {
  const config = configFromEnvironment(env as NodeJS.ProcessEnv);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'fire-gis-backup-'));
  try {
    const engine: Engine = config.databaseUrl ? 'postgres' : 'pglite';
    if (config.databaseUrl) {
      await run('pg_dump', ['--format=custom', '--no-owner', '--file', path.join(work, 'database.dump'), config.databaseUrl]);
    } else {
      await snapshotEmbedded(config.dataDir as string, path.join(work, 'database.tar'));
    }
    const photos = photoDirectory(env as NodeJS.ProcessEnv);
    if (fs.existsSync(photos)) fs.cpSync(photos, path.join(work, 'photos'), { recursive: true });
    const manifest: BackupManifest = {
      format: 1,
      engine,
      created_at: new Date().toISOString(),
      photos: countFiles(path.join(work, 'photos')),
    };
    fs.writeFileSync(path.join(work, 'manifest.json'), JSON.stringify(manifest, null, 2));
    // Written beside the target and renamed: a backup file is never half written.
    const partial = `${out}.partial`;
    await run('tar', ['-cf', partial, '-C', work, '.']);
    fs.renameSync(partial, out);
    return manifest;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

async function assertEmptyServerDatabase(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(
      "SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'spatial_ref_sys'",
    );
    if (rows[0].n > 0) throw new BackupError('the database given by DATABASE_URL is not empty; restore into a new, empty database');
  } finally {
    await client.end();
  }
}

async function restoreEmbedded(dataDir: string, tarball: string): Promise<void> {
  const pgliteDir = path.join(dataDir, 'pglite');
  if (fs.existsSync(pgliteDir) && fs.readdirSync(pgliteDir).length > 0) {
    throw new BackupError(`the data folder ${dataDir} already holds a database; restore into an empty DATA_DIR`);
  }
  const release = lockDataDir(dataDir);
  try {
    const loadDataDir = new Blob([fs.readFileSync(tarball)]);
    const pglite = await PGlite.create({ dataDir: pgliteDir, loadDataDir, extensions: { postgis } });
    await pglite.exec('CHECKPOINT');
    await pglite.close();
  } finally {
    release();
  }
}

/** Restores a backup into an empty data folder (embedded) or an empty database (DATABASE_URL), photos included. */
export async function restore(file: string, env: Environment = process.env): Promise<BackupManifest> {
  const config = configFromEnvironment(env as NodeJS.ProcessEnv);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'fire-gis-restore-'));
  try {
    await run('tar', ['-xf', file, '-C', work]).catch(() => {
      throw new BackupError(`${file} is not a backup file (not a tar archive)`);
    });
    const manifestFile = path.join(work, 'manifest.json');
    if (!fs.existsSync(manifestFile)) throw new BackupError(`${file} is not a backup file (no manifest.json)`);
    const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as BackupManifest;
    const target: Engine = config.databaseUrl ? 'postgres' : 'pglite';
    if (manifest.engine !== target) {
      throw new BackupError(
        `this backup is of the ${manifest.engine} engine and the configured target is ${target}; ` +
          'restore it on the same engine (moving between engines: see docs/operations.md)',
      );
    }
    if (config.databaseUrl) {
      await assertEmptyServerDatabase(config.databaseUrl);
      await run('pg_restore', ['--no-owner', '--exit-on-error', '--dbname', config.databaseUrl, path.join(work, 'database.dump')]);
    } else {
      await restoreEmbedded(config.dataDir as string, path.join(work, 'database.tar'));
    }
    const photos = path.join(work, 'photos');
    if (fs.existsSync(photos)) fs.cpSync(photos, photoDirectory(env as NodeJS.ProcessEnv), { recursive: true });
    return manifest;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
