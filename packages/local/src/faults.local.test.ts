import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { OrderError, Stats, StorageUnavailableError, Submission } from '@orders/core';
import { afterEach, describe, expect, it } from 'vitest';
import type { BusEvent } from './bus';
import { type LocalRuntime, type LocalRuntimeOptions, startLocalRuntime } from './runtime';
import {
  type Fault,
  failAcceptedEmits,
  failAfterCommit,
  failAfterSettle,
  failBeforeSequencing,
  orderKey,
} from './testing/faults';
import {
  captureAccepted,
  countStatuses,
  expectAllAccountedFor,
  type SubmittedRef,
} from './testing/invariants';
import { expectedOutcomes, type LoadItem, mixedLoad } from './testing/mixed-load';
import { recoverUntilSettled } from './testing/recovery';
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

// The workflow's real retries, with short waits so that running them out takes milliseconds; but a
// throttled call of the SequenceAndStore function waits 100 ms a try, as a burst needs slots to free up.
const quickRetries: Record<string, number | number[]> = {
  ...Object.fromEntries(['Validate', 'EmitAccepted', 'EmitRejected'].map((state) => [state, 5])),
  SequenceAndStore: [5, 100, 5],
  // Their first retrier is the throttle's.
  FindStoredOrder: [100, 5],
  RecordAnnouncementPending: [100, 5],
};

async function start(
  options: LocalRuntimeOptions = {},
): Promise<LocalRuntime & { acceptedEvents: BusEvent[] }> {
  const runtime = await startLocalRuntime(options);
  cleanups.push(() => runtime.stop());
  return Object.assign(runtime, { acceptedEvents: captureAccepted(runtime.bus) });
}

async function submitLoad(runtime: LocalRuntime, load: LoadItem[]): Promise<SubmittedRef[]> {
  return Promise.all(
    load.map(async ({ partnerId, payload }) => {
      const [submission] = await submit(runtime, partnerId, [payload]);
      return { partnerId, submissionId: submission?.submissionId ?? '' };
    }),
  );
}

const submitAll = (runtime: LocalRuntime, count: number, offset = 0) =>
  submitLoad(runtime, mixedLoad(count, offset));

const externalId = (payload: Record<string, unknown>) => String(payload.orderId ?? payload.transactionId);

/** Aims the fault at every third order of the load that should be accepted and is not sent again. */
function aimAt(fault: Fault, load: LoadItem[]): void {
  const resent = new Set(load.filter((item) => item.outcome === 'duplicate').map((item) => item.payload));
  load
    .filter((item) => item.outcome === 'accepted' && !resent.has(item.payload))
    .forEach((item, i) => {
      if (i % 3 === 0) fault.targets.add(orderKey(item.partnerId, externalId(item.payload)));
    });
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
    await recoverUntilSettled(runtime);
    await expectAllAccountedFor(runtime.store, submitted, {
      acceptedEvents: runtime.acceptedEvents,
      expected: expectedOutcomes(mixedLoad(200)),
    });
  }, 180_000);

  it('rides out a handler that fails transiently, leaving what outlasts its retries pending until recovered', async () => {
    let failures = 150;
    let fired = 0;
    const runtime = await start({
      retryIntervalOverrides: quickRetries,
      wrapTask: (task, handler) =>
        task !== 'sequenceAndStore'
          ? handler
          : async (input) => {
              if (failures > 0) {
                failures--;
                fired++;
                throw new StorageUnavailableError('injected: throttled');
              }
              return handler(input);
            },
    });
    const submitted = await submitAll(runtime, 100);
    await runtime.idle();
    console.log(`after ${fired} failures: ${JSON.stringify(await countStatuses(runtime.store, submitted))}`);
    expect(fired).toBe(150);
    await recoverUntilSettled(runtime);
    await expectAllAccountedFor(runtime.store, submitted, {
      acceptedEvents: runtime.acceptedEvents,
      expected: expectedOutcomes(mixedLoad(100)),
    });
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
    expect(runtime.bus.deadLetters).toEqual([]);
    await expectAllAccountedFor(runtime.store, submitted, {
      acceptedEvents: runtime.acceptedEvents,
      expected: expectedOutcomes(mixedLoad(100)),
    });
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
    await recoverUntilSettled(runtime);
    // What the killed process announced died with it, so the announcements cannot be checked here.
    await expectAllAccountedFor(runtime.store, submitted, { expected: expectedOutcomes(mixedLoad(150)) });
  }, 180_000);
});

describe('a task that fails after its handler ran never turns a stored order into a rejection', () => {
  async function runWith(fault: Fault, count = 30, recover = true) {
    const load = mixedLoad(count);
    aimAt(fault, load);
    const runtime = await start({ retryIntervalOverrides: quickRetries, wrapTask: fault.wrapTask });
    const submitted = await submitLoad(runtime, load);
    // What a throttle left pending (the failure path's lookups run on the same, throttled function) is
    // re-driven, as the scheduled recovery does; a stored order then settles as accepted, never rejected.
    if (recover) await recoverUntilSettled(runtime);
    else await runtime.idle();
    return { runtime, submitted, load };
  }

  it('settles as accepted, with its number and one OrderAccepted, an order whose function died after the commit', async () => {
    const fault = failAfterCommit();
    const { runtime, submitted, load } = await runWith(fault);
    expect(fault.fired).toBeGreaterThan(0);
    await expectAllAccountedFor(runtime.store, submitted, {
      acceptedEvents: runtime.acceptedEvents,
      expected: expectedOutcomes(load),
    });
  }, 180_000);

  it('settles as accepted, with its number and one OrderAccepted, an order whose function failed after settling it', async () => {
    const fault = failAfterSettle(() => new TypeError('injected: a defect after the settle'));
    const { runtime, submitted, load } = await runWith(fault);
    expect(fault.fired).toBeGreaterThan(0);
    await expectAllAccountedFor(runtime.store, submitted, {
      acceptedEvents: runtime.acceptedEvents,
      expected: expectedOutcomes(load),
    });
  }, 180_000);

  it('announces an order whose OrderAccepted could not be put once recovery re-emits it, and only then', async () => {
    const fault = failAcceptedEmits();
    // Ten orders, no more than SequenceAndStore's reserved concurrency: no throttle gets in the way, so
    // what is unannounced is exactly what the fault kept from being announced.
    const { runtime, submitted, load } = await runWith(fault, 10, false);
    expect(fault.fired).toBeGreaterThan(0);
    const unannounced = [...fault.targets].filter(
      (key) =>
        !runtime.acceptedEvents.some(
          (e) => orderKey(String(e.detail.partnerId), String(e.detail.externalOrderId)) === key,
        ),
    );
    expect(unannounced.length).toBe(fault.targets.size);

    expect((await countStatuses(runtime.store, submitted)).pending ?? 0).toBe(0);

    fault.active = false;
    expect((await requeue(runtime)).reannounced).toHaveLength(fault.targets.size);
    await runtime.idle();
    await expectAllAccountedFor(runtime.store, submitted, {
      acceptedEvents: runtime.acceptedEvents,
      expected: expectedOutcomes(load),
    });
    // Announced: a second recovery has nothing left to announce.
    expect((await requeue(runtime)).reannounced).toEqual([]);
  }, 180_000);
});

describe('past its retries a valid order stays pending, never rejected for the platform', () => {
  const transient: [string, () => Error][] = [
    ['StorageUnavailableError', () => new StorageUnavailableError('injected: storage is not answering')],
    ['SequenceContentionError', () => named('SequenceContentionError')],
    ['Lambda.TooManyRequestsException', () => named('Lambda.TooManyRequestsException')],
    ['States.Timeout', () => named('States.Timeout')],
    ['Lambda.Unknown', () => named('Lambda.Unknown')],
  ];

  it.each(transient)(
    'leaves it pending after %s outlasts every retry, and recovery accepts it',
    async (_, error) => {
      const fault = failBeforeSequencing(error);
      const load = mixedLoad(20);
      aimAt(fault, load);
      const runtime = await start({ retryIntervalOverrides: quickRetries, wrapTask: fault.wrapTask });
      const submitted = await submitLoad(runtime, load);
      await runtime.idle();
      expect(fault.fired).toBeGreaterThan(0);
      const counts = await countStatuses(runtime.store, submitted);
      expect(counts.pending).toBe(fault.targets.size);
      const failed = runtime.executions.list(1_000).filter((e) => e.status === 'FAILED');
      expect(new Set(failed.map((e) => e.error))).toEqual(new Set(['OrderLeftPending']));

      fault.active = false;
      expect((await requeue(runtime)).pending).toBe(fault.targets.size);
      await recoverUntilSettled(runtime);
      await expectAllAccountedFor(runtime.store, submitted, {
        acceptedEvents: runtime.acceptedEvents,
        expected: expectedOutcomes(load),
      });
    },
    180_000,
  );

  it('rejects as processing a defect that is not transient when nothing was stored, saying it was not stored', async () => {
    const fault = failBeforeSequencing(() => new TypeError('injected: a defect in sequencing'));
    const load = mixedLoad(20);
    aimAt(fault, load);
    const runtime = await start({ retryIntervalOverrides: quickRetries, wrapTask: fault.wrapTask });
    const submitted = await submitLoad(runtime, load);
    await runtime.idle();
    expect(fault.fired).toBe(fault.targets.size);
    const expected = expectedOutcomes(load);
    await expectAllAccountedFor(runtime.store, submitted, {
      acceptedEvents: runtime.acceptedEvents,
      expected: {
        ...expected,
        accepted: expected.accepted - fault.targets.size,
        rejected: expected.rejected + fault.targets.size,
      },
      processingRejections: fault.targets.size,
    });
    const { items } = await OrderError.listOrderErrors(runtime.store, 'partner-a', { limit: 100 });
    const processing = items.filter((item) => item.category === 'processing');
    expect(processing.length).toBeGreaterThan(0);
    for (const item of processing) {
      expect(item.issues).toEqual([expect.objectContaining({ code: 'processing_failed' })]);
      expect(item.issues[0]?.message).toContain('not stored');
      expect(JSON.parse(item.payload)).toMatchObject({ orderId: expect.any(String) });
    }
  }, 180_000);
});

describe('an execution that runs twice', () => {
  it('counts and announces its order once, whether the runs follow each other or overlap', async () => {
    const runtime = await start({ retryIntervalOverrides: quickRetries });
    const load = mixedLoad(10);
    const submitted = await submitLoad(runtime, load);
    await runtime.idle();
    const before = await Stats.readPartnerStats(runtime.store);
    const inputs = runtime.executions.list(1_000).map((execution) => execution.input);
    expect(inputs).toHaveLength(load.length);
    // Express is at-least-once: the same input again, once after the first run and twice at the same time.
    for (const input of inputs) runtime.workflow.start(input);
    await runtime.idle();
    for (const input of inputs) {
      runtime.workflow.start(input);
      runtime.workflow.start(input);
    }
    await runtime.idle();
    expect(await Stats.readPartnerStats(runtime.store)).toEqual(before);
    expect(runtime.executions.list(1_000).filter((e) => e.status !== 'SUCCEEDED')).toEqual([]);
    await expectAllAccountedFor(runtime.store, submitted, {
      acceptedEvents: runtime.acceptedEvents,
      expected: expectedOutcomes(load),
    });
  }, 180_000);
});

function named(name: string): Error {
  const error = new Error(`injected: ${name}`);
  error.name = name;
  return error;
}
