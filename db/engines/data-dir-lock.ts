import fs from 'node:fs';
import path from 'node:path';

export class DataDirLockedError extends Error {
  constructor(dataDir: string, pid: number) {
    super(
      `The data folder ${dataDir} is in use by another process (pid ${pid}). ` +
        'Stop that process, or set DATA_DIR to a different folder. PGlite cannot share a folder between processes.',
    );
    this.name = 'DataDirLockedError';
  }
}

/**
 * Who holds the lock: the pid alone is not enough, because pids are reused — an app that runs as pid 1 in a
 * container finds "pid 1" alive again after a crash and restart. The process's start time and the kernel's boot
 * id tell a reused pid from the holder (Linux; elsewhere they are null and the pid decides).
 */
interface LockHolder {
  pid: number;
  started: string | null;
  boot: string | null;
}

function readOrNull(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    return null;
  }
}

/** Field 22 of /proc/<pid>/stat: the start time in clock ticks since boot. */
function startTimeOf(pid: number): string | null {
  const stat = readOrNull(`/proc/${pid}/stat`);
  if (!stat) return null;
  // The command name (field 2) may hold spaces and parentheses; the fields after its last ')' are plain.
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
}

const bootId = () => readOrNull('/proc/sys/kernel/random/boot_id');

function ourselves(): LockHolder {
  return { pid: process.pid, started: startTimeOf(process.pid), boot: bootId() };
}

/** A lock file of this version (JSON), or of the earlier one (just the pid). */
function parseHolder(text: string): LockHolder | null {
  if (/^\d+$/.test(text.trim())) return { pid: Number(text), started: null, boot: null };
  try {
    const value = JSON.parse(text) as Partial<LockHolder>;
    return Number.isInteger(value.pid) ? { pid: value.pid as number, started: value.started ?? null, boot: value.boot ?? null } : null;
  } catch {
    return null;
  }
}

function pidExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** True when the process that wrote the lock still runs (not merely a process with its pid). */
export function holderIsRunning(holder: LockHolder): boolean {
  if (!pidExists(holder.pid)) return false;
  const boot = bootId();
  if (holder.boot && boot && holder.boot !== boot) return false;
  const started = startTimeOf(holder.pid);
  if (holder.started && started && holder.started !== started) return false;
  return true;
}

/** The running process that holds the data folder, or null when none does. */
export function holderOf(dataDir: string): LockHolder | null {
  const holder = parseHolder(readOrNull(path.join(dataDir, '.lock')) ?? '');
  return holder && holderIsRunning(holder) ? holder : null;
}

/**
 * Takes an exclusive lock on a data folder by creating `<dataDir>/.lock` naming this process.
 * A lock whose process no longer runs (gone, or its pid now another process's) is stale and taken over.
 * Returns the function that releases it.
 */
export function lockDataDir(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockFile = path.join(dataDir, '.lock');
  const me = JSON.stringify(ourselves());
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockFile, me, { flag: 'wx' });
      return () => {
        if (readOrNull(lockFile) === me) fs.rmSync(lockFile, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = parseHolder(readOrNull(lockFile) ?? '');
      if (holder && holderIsRunning(holder)) throw new DataDirLockedError(dataDir, holder.pid);
      fs.rmSync(lockFile, { force: true }); // stale: its process is gone, or unreadable
    }
  }
  throw new Error(`Could not lock the data folder ${dataDir}`);
}
