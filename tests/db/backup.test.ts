import { type ChildProcess, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Kysely, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openPglite } from '../../db/engines/pglite';
import { openPostgres } from '../../db/engines/postgres';
import type { Database } from '../../db/schema';
import { BackupError, backup, restore } from '../../lib/operations/backup';
import { DiskPhotoStore } from '../../lib/photos/photo-store';
import { temporaryDatabase } from '../helpers/postgres-admin';

const serverUrl = process.env.TEST_DATABASE_URL;
const temp = (prefix: string) => fs.mkdtempSync(path.join(os.tmpdir(), prefix));
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** The writer child: resolves once it has the database open; `acknowledged()` is its last committed write. */
function startWriter(env: Record<string, string>) {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(import.meta.dirname, '../helpers/write-while-held.ts')],
    {
      env: { ...process.env, DEMO_DATA: 'off', DATABASE_URL: '', ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let last = 0;
  const opened = new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString().trim().split('\n')) {
        if (line === 'open') resolve();
        else last = Number(line);
      }
    });
    child.on('exit', (code) => reject(new Error(`writer exited early with ${code}`)));
  });
  return {
    opened,
    acknowledged: () => last,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

async function waitForWrites(writer: { acknowledged(): number }, atLeast: number) {
  while (writer.acknowledged() < atLeast) await new Promise((resolve) => setTimeout(resolve, 50));
}

/** Three photos in a disk store, by SHA-256 → bytes. */
async function savePhotos(dir: string): Promise<Map<string, Buffer>> {
  const store = new DiskPhotoStore(dir);
  const photos = new Map<string, Buffer>();
  for (let i = 0; i < 3; i++) {
    const bytes = randomBytes(50_000 + i);
    await store.save(bytes, sha256(bytes));
    photos.set(sha256(bytes), bytes);
  }
  return photos;
}

function photoFilesBySha(dir: string): Map<string, string> {
  const files = fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
  return new Map(files.map((entry) => [sha256(fs.readFileSync(path.join(entry.parentPath, entry.name))), entry.name]));
}

/** The restored writes: users, their audit rows, and whether every user has its audit row and no more. */
async function writesIn(db: Kysely<Database>) {
  const users = await sql<{ n: number }>`SELECT count(*)::int AS n FROM users WHERE username LIKE 'writer%'`.execute(db);
  const audit = await sql<{ n: number; matched: number }>`
    SELECT count(*)::int AS n, count(u.id)::int AS matched
    FROM audit_log a LEFT JOIN users u ON u.id::text = a.record_id
    WHERE a.actor = 'writer'`.execute(db);
  return { users: users.rows[0]?.n ?? -1, audit: audit.rows[0]?.n ?? -1, auditWithUser: audit.rows[0]?.matched ?? -1 };
}

describe('backup and restore', () => {
  it('embedded: a backup taken from the running app while it writes restores into an empty folder', async () => {
    const source = { DATA_DIR: temp('backup-src-'), PHOTO_DIR: temp('backup-src-photos-') };
    const photos = await savePhotos(source.PHOTO_DIR);
    const writer = startWriter(source);
    await writer.opened;
    await waitForWrites(writer, 20);
    const before = writer.acknowledged();
    const file = path.join(temp('backup-file-'), 'town.backup');
    const manifest = await backup(file, { ...source, DEMO_DATA: 'off' });
    const after = writer.acknowledged();
    await waitForWrites(writer, after + 5); // the app kept writing after the snapshot
    await writer.stop();
    expect(manifest).toMatchObject({ engine: 'pglite', photos: 3 });

    const target = { DATA_DIR: temp('backup-dst-'), PHOTO_DIR: temp('backup-dst-photos-') };
    await restore(file, target);
    expect(fs.existsSync(path.join(target.DATA_DIR, '.lock'))).toBe(false);
    const restored = await openPglite(target.DATA_DIR);
    try {
      const writes = await writesIn(restored.db);
      // Every write acknowledged before the backup began is there, each whole (user and audit row), none torn.
      expect(writes.users).toBeGreaterThanOrEqual(before);
      expect(writes.users).toBeLessThanOrEqual(after + 1);
      expect(writes.audit).toBe(writes.users);
      expect(writes.auditWithUser).toBe(writes.users);
    } finally {
      await restored.close();
    }
    const restoredPhotos = photoFilesBySha(target.PHOTO_DIR);
    expect([...restoredPhotos.keys()].sort()).toEqual([...photos.keys()].sort());

    // A second restore into the same folder is refused, and nothing there changes.
    await expect(restore(file, target)).rejects.toBeInstanceOf(BackupError);
  }, 400_000);

  it('refuses a file that is not a backup', async () => {
    const file = path.join(temp('not-backup-'), 'x.backup');
    fs.writeFileSync(file, 'hello');
    await expect(restore(file, { DATA_DIR: temp('backup-dst-') })).rejects.toThrow('is not a backup file');
  });

  it.runIf(serverUrl)(
    'PostgreSQL: a backup taken while the app writes restores into an empty database',
    async () => {
      const sourceDb = await temporaryDatabase(serverUrl as string, 'backup_src');
      const targetDb = await temporaryDatabase(serverUrl as string, 'backup_dst');
      try {
        const source = { DATABASE_URL: sourceDb.url, PHOTO_DIR: temp('backup-src-photos-') };
        const photos = await savePhotos(source.PHOTO_DIR);
        const writer = startWriter(source);
        await writer.opened;
        await waitForWrites(writer, 20);
        const before = writer.acknowledged();
        const file = path.join(temp('backup-file-'), 'town.backup');
        const manifest = await backup(file, { ...source, DEMO_DATA: 'off' });
        const after = writer.acknowledged();
        await writer.stop();
        expect(manifest).toMatchObject({ engine: 'postgres', photos: 3 });

        const target = { DATABASE_URL: targetDb.url, PHOTO_DIR: temp('backup-dst-photos-') };
        await restore(file, target);
        const restored = await openPostgres(targetDb.url);
        try {
          const writes = await writesIn(restored.db);
          expect(writes.users).toBeGreaterThanOrEqual(before);
          expect(writes.users).toBeLessThanOrEqual(after + 1);
          expect(writes.audit).toBe(writes.users);
          expect(writes.auditWithUser).toBe(writes.users);
        } finally {
          await restored.close();
        }
        expect([...photoFilesBySha(target.PHOTO_DIR).keys()].sort()).toEqual([...photos.keys()].sort());
        await expect(restore(file, target)).rejects.toThrow('is not empty');
      } finally {
        await sourceDb.drop();
        await targetDb.drop();
      }
    },
    180_000,
  );
});
