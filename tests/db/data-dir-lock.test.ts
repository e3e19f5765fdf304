import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataDirLockedError } from '../../db/engines/data-dir-lock';
import { openPglite } from '../../db/engines/pglite';

function holdDataDir(dataDir: string): { child: ChildProcess; opened: Promise<string> } {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, '../helpers/hold-data-dir.ts')], {
    env: { ...process.env, DATA_DIR: dataDir, DEMO_DATA: 'off', DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const opened = new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => resolve(chunk.toString().trim()));
    child.on('exit', (code) => reject(new Error(`holder exited early with ${code}`)));
  });
  return { child, opened };
}

describe('data folder lock (embedded engine)', () => {
  it('refuses a second process with a clear error, and frees the folder when the holder stops', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lock-test-'));
    const { child, opened } = holdDataDir(dataDir);
    const line = await opened;
    expect(line).toBe(`open pglite ${child.pid}`);

    const second = openPglite(dataDir);
    await expect(second).rejects.toBeInstanceOf(DataDirLockedError);
    await expect(openPglite(dataDir)).rejects.toThrow(`in use by another process (pid ${child.pid})`);

    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    expect(code).toBe(143); // closed on SIGTERM through db/client.ts, not killed
    expect(fs.existsSync(path.join(dataDir, '.lock'))).toBe(false);

    const reopened = await openPglite(dataDir);
    await reopened.close();
  });

  it('takes over a lock left by a process that no longer runs', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'stale-lock-'));
    const gone = spawn(process.execPath, ['-e', '0']);
    await once(gone, 'exit');
    fs.writeFileSync(path.join(dataDir, '.lock'), String(gone.pid));
    const handle = await openPglite(dataDir);
    expect(JSON.parse(fs.readFileSync(path.join(dataDir, '.lock'), 'utf8')).pid).toBe(process.pid);
    await handle.close();
    expect(fs.existsSync(path.join(dataDir, '.lock'))).toBe(false);
  });
});
