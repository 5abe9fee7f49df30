import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { StorageUnavailableError, Submission } from '@orders/core';
import { afterEach, describe, expect, it } from 'vitest';
import { type LocalRuntime, type LocalRuntimeOptions, startLocalRuntime } from './runtime';
import { countStatuses, expectAllAccountedFor, type SubmittedRef } from './testing/invariants';
import { mixedLoad } from './testing/mixed-load';
import { submit } from './testing/submit';

const here = dirname(fileURLToPath(import.meta.url));
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'orders-faults-'));
  cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function start(options: LocalRuntimeOptions = {}): Promise<LocalRuntime> {
  const runtime = await startLocalRuntime(options);
  cleanups.push(() => runtime.stop());
  return runtime;
}

async function submitAll(runtime: LocalRuntime, count: number, offset = 0): Promise<SubmittedRef[]> {
  return Promise.all(
    mixedLoad(count, offset).map(async ({ partnerId, payload }) => {
      const [submission] = await submit(runtime, partnerId, [payload]);
      return { partnerId, submissionId: submission?.submissionId ?? '' };
    }),
  );
}

const requeue = (runtime: LocalRuntime) =>
  Submission.requeuePendingSubmissions({
    store: runtime.store,
    publisher: runtime.bus,
    busName: runtime.bus.name,
  });

describe('under faults nothing is lost', () => {
  it('survives DynamoDB Local stopping mid-run and coming back', async () => {
    const runtime = await start({ dataDir: tempDir() });
    const submitted = await submitAll(runtime, 200);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await runtime.engine.restart();
    await runtime.idle();
    // Whatever the outage left pending is visible as such and is settled by the recovery.
    const pending = await Submission.listPendingSubmissions(runtime.store, new Date().toISOString());
    console.log(`after the outage: ${JSON.stringify(await countStatuses(runtime.store, submitted))}`);
    expect((await requeue(runtime)).pending).toBe(pending.length);
    await runtime.idle();
    await expectAllAccountedFor(runtime.store, submitted);
  }, 180_000);

  it('rides out a handler that fails transiently for a while', async () => {
    let failUntil = 0;
    const runtime = await start({
      wrapTask: (task, handler) =>
        task !== 'sequenceAndStore'
          ? handler
          : async (input) => {
              if (Date.now() < failUntil) throw new StorageUnavailableError('injected: throttled');
              return handler(input);
            },
    });
    failUntil = Date.now() + 1_000;
    const submitted = await submitAll(runtime, 100);
    await runtime.idle();
    const counts = await countStatuses(runtime.store, submitted);
    console.log(`after a second of failures: ${JSON.stringify(counts)}`);
    expect(counts.accepted ?? 0).toBeGreaterThan(0);
    await expectAllAccountedFor(runtime.store, submitted);
  }, 180_000);

  it('hands a rejection its function keeps failing to the on-failure destination, its submission pending, until redriven', async () => {
    let failing = true;
    let calls = 0;
    const runtime = await start({
      // Lambda's two retries of an asynchronous event, 1 and 2 minutes apart on AWS, a few ms apart here.
      asyncRetryDelaysMs: [5, 5],
      wrapTask: (task, handler) =>
        task !== 'orderRejected'
          ? handler
          : async (input) => {
              calls++;
              if (failing) throw new StorageUnavailableError('injected: the error table is down');
              return handler(input);
            },
    });
    const submitted = await submitAll(runtime, 100);
    await runtime.idle();
    const failed = runtime.recordError.onFailure.length;
    expect(failed).toBeGreaterThan(0);
    // Each event was tried three times by Lambda; EventBridge delivered it once, and its rule's dead-letter
    // queue, for delivery failures only, stays empty.
    expect(calls).toBe(failed * 3);
    expect(runtime.recordError.onFailure.map((r) => r.requestContext.approximateInvokeCount)).toEqual(
      Array(failed).fill(3),
    );
    expect(runtime.bus.deadLetters).toEqual([]);
    expect((await countStatuses(runtime.store, submitted)).pending).toBe(failed);

    failing = false;
    expect(runtime.recordError.redriveOnFailure()).toBe(failed);
    await runtime.idle();
    expect(runtime.recordError.onFailure).toEqual([]);
    await expectAllAccountedFor(runtime.store, submitted);
  }, 180_000);

  it('finishes what a crashed process left in flight once restarted and recovered', async () => {
    const dataDir = tempDir();
    const submitted: SubmittedRef[] = [];
    const child = spawn(process.execPath, ['--import', 'tsx', join(here, 'testing', 'crash-child.ts')], {
      cwd: join(here, '..'),
      env: { ...process.env, CRASH_DATA_DIR: dataDir, CRASH_COUNT: '150' },
      detached: true,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let inFlight = -1;
    await new Promise<void>((resolve, reject) => {
      let buffer = '';
      child.stdout?.on('data', (chunk: Buffer) => {
        buffer += chunk.toString();
        for (let newline = buffer.indexOf('\n'); newline >= 0; newline = buffer.indexOf('\n')) {
          const line = buffer.slice(0, newline);
          buffer = buffer.slice(newline + 1);
          if (line.startsWith('{')) submitted.push(JSON.parse(line) as SubmittedRef);
          if (line.startsWith('in-flight')) {
            inFlight = Number(line.split(' ')[1]);
            // The crash: the Node process and its DynamoDB Local JVM die at once, mid-work.
            if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
          }
        }
      });
      child.once('exit', () => resolve());
      child.once('error', reject);
    });
    expect(submitted).toHaveLength(150);
    expect(inFlight).toBeGreaterThan(0);

    const runtime = await start({ dataDir });
    const pendingAfterCrash = (await countStatuses(runtime.store, submitted)).pending ?? 0;
    console.log(
      `after the crash: ${pendingAfterCrash} pending of ${submitted.length}, ${inFlight} executions were running`,
    );
    expect(pendingAfterCrash).toBeGreaterThan(0);
    expect((await requeue(runtime)).pending).toBe(pendingAfterCrash);
    await runtime.idle();
    await expectAllAccountedFor(runtime.store, submitted);
  }, 180_000);
});
