import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireLocalDataLock, LocalDataLockedError, lockFile } from './lock';

const here = dirname(fileURLToPath(import.meta.url));
const dirs: string[] = [];

function aLocalDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'orders-lock-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** The pid of a process that has run and exited: no process holds it now. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.once('exit', resolve));
  if (child.pid === undefined) throw new Error('no child was started');
  return child.pid;
}

function run(
  script: string,
  localDir: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(here, script)], {
    cwd: join(here, '..'),
    env: { ...process.env, ORDERS_LOCAL_DIR: localDir },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
}

describe('the local data lock', () => {
  it('refuses a second holder while the first holds the data, and lets it in once released', () => {
    const dir = aLocalDir();
    const release = acquireLocalDataLock(dir, 'npm start');
    expect(() => acquireLocalDataLock(dir, 'pnpm recover')).toThrow(LocalDataLockedError);
    expect(() => acquireLocalDataLock(dir, 'pnpm recover')).toThrow(/npm start \(pid \d+\)/);
    release();
    expect(existsSync(lockFile(dir))).toBe(false);
    acquireLocalDataLock(dir, 'pnpm recover')();
  });

  it('takes over a lock whose process has died', async () => {
    const dir = aLocalDir();
    const pid = await deadPid();
    writeFileSync(lockFile(dir), JSON.stringify({ pid, holder: 'npm start', since: '2024-05-01T00:00:00Z' }));
    const release = acquireLocalDataLock(dir, 'pnpm recover');
    expect(() => acquireLocalDataLock(dir, 'npm start')).toThrow(/pnpm recover/);
    release();
  });

  it('makes pnpm recover refuse to run while npm start holds the same data', async () => {
    const dir = aLocalDir();
    const release = acquireLocalDataLock(dir, 'npm start');
    try {
      const { code, stderr } = await run('recover.ts', dir);
      expect(code).toBe(1);
      expect(stderr).toContain(`npm start (pid ${process.pid}) is using ${dir}`);
      // It stopped before starting anything on the data.
      expect(existsSync(join(dir, 'dynamodb'))).toBe(false);
    } finally {
      release();
    }
  }, 60_000);

  it('lets pnpm recover run when the process that held the data has died, and frees it after', async () => {
    const dir = aLocalDir();
    writeFileSync(lockFile(dir), JSON.stringify({ pid: await deadPid(), holder: 'npm start', since: '?' }));
    const { code, stdout } = await run('recover.ts', dir);
    expect(code).toBe(0);
    expect(stdout).toContain('0 pending submission(s) re-queued');
    expect(existsSync(lockFile(dir))).toBe(false);
  }, 120_000);
});
