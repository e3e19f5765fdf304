import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataDirLockedError, lockDataDir } from '../../db/engines/data-dir-lock';

/** What /proc says of a running process: its start time (field 22 of stat) and the kernel's boot id. */
function procFacts(pid: number) {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const started = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  return { started, boot: fs.readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() };
}

const writeLock = (dataDir: string, holder: object) => fs.writeFileSync(path.join(dataDir, '.lock'), JSON.stringify(holder));
const newDataDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'reused-pid-'));

describe.runIf(fs.existsSync('/proc/1/stat'))('data folder lock with reused pids (as in a restarted container)', () => {
  it('takes over a lock of "pid 1" that a crashed app left, now that pid 1 is another process', () => {
    const dataDir = newDataDir();
    const init = procFacts(1);
    writeLock(dataDir, { pid: 1, started: String(Number(init.started) + 12345), boot: init.boot });
    const release = lockDataDir(dataDir);
    expect(JSON.parse(fs.readFileSync(path.join(dataDir, '.lock'), 'utf8')).pid).toBe(process.pid);
    release();
    expect(fs.existsSync(path.join(dataDir, '.lock'))).toBe(false);
  });

  it('takes over a lock written before the machine rebooted', () => {
    const dataDir = newDataDir();
    writeLock(dataDir, { pid: 1, started: procFacts(1).started, boot: '00000000-0000-0000-0000-000000000000' });
    lockDataDir(dataDir)();
  });

  it('still refuses the folder while the process that wrote the lock runs', () => {
    const dataDir = newDataDir();
    writeLock(dataDir, { pid: 1, ...procFacts(1) });
    expect(() => lockDataDir(dataDir)).toThrow(DataDirLockedError);
  });

  it('refuses a second lock from the same process', () => {
    const dataDir = newDataDir();
    const release = lockDataDir(dataDir);
    expect(() => lockDataDir(dataDir)).toThrow(DataDirLockedError);
    release();
  });
});
