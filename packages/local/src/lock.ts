import { closeSync, mkdirSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/** Another live process holds the local data. */
export class LocalDataLockedError extends Error {
  override readonly name = 'LocalDataLockedError';
}

interface LockContent {
  pid: number;
  holder: string;
  since: string;
}

/** The lock file's path in a local state directory. */
export function lockFile(localDir: string): string {
  return join(localDir, 'orders.lock');
}

/**
 * Takes the local data directory for this process: `npm start` holds it while it runs, and `pnpm recover`
 * and the migrations take it too, so no two of them work on one DynamoDB Local data set (or re-drive the
 * same submissions) at once. A lock whose process is gone (killed, crashed) is stale and taken over.
 * Answers a function that releases it.
 */
export function acquireLocalDataLock(localDir: string, holder: string): () => void {
  mkdirSync(localDir, { recursive: true });
  const file = lockFile(localDir);
  const content: LockContent = { pid: process.pid, holder, since: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      // `wx` creates the file only if it is absent: of two processes racing, exactly one wins.
      const fd = openSync(file, 'wx');
      writeSync(fd, `${JSON.stringify(content)}\n`);
      closeSync(fd);
      return () => releaseLock(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const current = readLock(file);
    if (current === undefined && isFresh(file)) {
      throw new LocalDataLockedError(`another process is taking ${file} right now; try again`);
    }
    if (current !== undefined && isAlive(current.pid)) {
      throw new LocalDataLockedError(
        `${current.holder} (pid ${current.pid}) is using ${localDir} since ${current.since}; stop it first`,
      );
    }
    // Stale: its process is gone. Removed and taken on the next pass (or by whoever races us to it).
    try {
      unlinkSync(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  throw new LocalDataLockedError(`another process took ${file} at the same moment; try again`);
}

function releaseLock(file: string): void {
  // Only our own lock: a stale one taken over by someone else is theirs now.
  if (readLock(file)?.pid !== process.pid) return;
  try {
    unlinkSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

function readLock(file: string): LockContent | undefined {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockContent>;
    if (typeof parsed.pid !== 'number') return undefined;
    return {
      pid: parsed.pid,
      holder: String(parsed.holder ?? 'a process'),
      since: String(parsed.since ?? '?'),
    };
  } catch {
    // Unreadable: being written this instant (`isFresh`), or left half-written by a crash long ago.
    return undefined;
  }
}

// A lock file is created empty and written a moment later: one younger than this may be mid-write.
const writeGraceMs = 10_000;

function isFresh(file: string): boolean {
  try {
    return Date.now() - statSync(file).mtimeMs < writeGraceMs;
  } catch {
    return false;
  }
}

function isAlive(pid: number): boolean {
  try {
    // Signal 0 checks that the process exists without touching it; EPERM means it exists as another user.
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
