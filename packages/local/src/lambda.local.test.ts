import { Submission } from '@orders/core';
import { functionSettings } from '@orders/core/aws/functions';
import { lambda } from '@orders/core/aws/limits';
import { partnerAPayload } from '@orders/core/testing/orders';
import { afterEach, describe, expect, it } from 'vitest';
import { AsyncFunction, withFunctionTimeout } from './lambda';
import { throttleConcurrency } from './limit';
import { type LocalRuntime, type LocalRuntimeOptions, startLocalRuntime } from './runtime';
import { submit } from './testing/submit';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const errorOf = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: Error) => error,
  );

const runtimes: LocalRuntime[] = [];
afterEach(async () => {
  for (const runtime of runtimes.splice(0)) await runtime.stop();
});
async function start(options: LocalRuntimeOptions): Promise<LocalRuntime> {
  const runtime = await startLocalRuntime(options);
  runtimes.push(runtime);
  return runtime;
}

describe('a function past its timeout', () => {
  it('fails with Lambda.Unknown, its cause naming Sandbox.Timedout', async () => {
    const slow = withFunctionTimeout(50, async () => {
      await sleep(500);
      return 'late';
    });
    const error = await errorOf(slow({}));
    expect(error?.name).toBe(lambda.unknownError);
    expect(JSON.parse(error?.message ?? '{}')).toMatchObject({
      errorType: lambda.timedOutErrorType,
      errorMessage: expect.stringMatching(/Task timed out after 0\.05 seconds$/),
    });
    expect(await withFunctionTimeout(500, async () => 'in time')({})).toBe('in time');
  });

  it('is retried by the order workflow, which then accepts the order', async () => {
    let slowCalls = 1;
    const runtime = await start({
      retryIntervalOverrides: { SequenceAndStore: 10 },
      // Room for the real call that follows on a loaded machine (the first against a fresh engine is the
      // slowest); only the injected one runs past it.
      functionTimeoutsMs: { sequenceAndStore: 4_000 },
      wrapTask: (task, handler) =>
        task !== 'sequenceAndStore'
          ? handler
          : async (input) => {
              if (slowCalls > 0) {
                slowCalls--;
                await sleep(4_500);
              }
              return handler(input);
            },
    });
    const [submission] = await submit(runtime, 'partner-a', [partnerAPayload(1)]);
    await runtime.idle();
    expect(slowCalls).toBe(0);
    const execution = runtime.executions.list(1)[0];
    const failed = execution?.events.filter((event) => event.type === 'StateFailed');
    expect(failed?.map((event) => [event.stateName, event.error])).toEqual([
      ['SequenceAndStore', lambda.unknownError],
    ]);
    expect(failed?.[0]?.cause).toContain(lambda.timedOutErrorType);
    const status = await Submission.getSubmission(runtime.store, 'partner-a', submission?.submissionId ?? '');
    expect(status?.status).toBe('accepted');
  }, 60_000);
});

describe('reserved concurrency', () => {
  it('throttles an invocation beyond it with Lambda.TooManyRequestsException instead of queueing it', async () => {
    let release = () => {};
    const busy = new Promise<void>((resolve) => {
      release = resolve;
    });
    const fn = throttleConcurrency(1, async () => busy);
    const first = fn(undefined);
    const error = await errorOf(fn(undefined));
    expect(error?.name).toBe(lambda.throttledError);
    release();
    await first;
    // A freed slot takes the next invocation.
    await expect(fn(undefined)).resolves.toBeUndefined();
  });

  it("throttles SequenceAndStore beyond the stack's reserved concurrency, and the workflow's retries absorb a burst", async () => {
    const reserved = functionSettings.sequenceAndStore.reservedConcurrency ?? 0;
    const count = 4 * reserved;
    // Each invocation that gets a slot keeps it until the first one is refused, so the burst meets a full
    // reservation however fast the machine is (were none refused, all of them would get in, and that opens
    // the gate too); after that, each takes long enough for the retries to meet busy slots again.
    let entered = 0;
    let inWhenRefused: number | undefined;
    let open = () => {};
    const gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    const runtime = await start({
      wrapTask: (task, handler) =>
        task !== 'sequenceAndStore'
          ? handler
          : async (input) => {
              entered++;
              if (entered >= count) open();
              await gate;
              await sleep(200);
              return handler(input);
            },
    });
    const watch = setInterval(() => {
      if ((runtime.throttles.sequenceAndStore ?? 0) === 0) return;
      inWhenRefused ??= entered;
      open();
    }, 5);
    const submissions = await submit(
      runtime,
      'partner-a',
      Array.from({ length: count }, (_, n) => partnerAPayload(100 + n)),
    );
    await runtime.idle();
    clearInterval(watch);
    expect(runtime.throttles.sequenceAndStore ?? 0).toBeGreaterThan(0);
    expect(inWhenRefused).toBe(reserved);
    const statuses = await Promise.all(
      submissions.map((s) => Submission.getSubmission(runtime.store, 'partner-a', s.submissionId)),
    );
    expect(statuses.map((status) => status?.status)).toEqual(Array(count).fill('accepted'));
  }, 120_000);
});

describe('a function invoked asynchronously, as an EventBridge rule invokes it', () => {
  it('runs a failing event twice more, then hands it to the on-failure destination', async () => {
    const calls: number[] = [];
    const fn = new AsyncFunction<{ n: number }>(
      async (event) => {
        calls.push(event.n);
        throw new TypeError('injected: always fails');
      },
      { functionArn: 'arn:aws:lambda:us-east-1:000000000000:function:probe', retryDelaysMs: [5, 5] },
    );
    await fn.invoke({ n: 7 });
    await fn.idle();
    expect(calls).toEqual([7, 7, 7]);
    expect(fn.onFailure).toMatchObject([
      {
        requestContext: { condition: 'RetriesExhausted', approximateInvokeCount: 3 },
        requestPayload: { n: 7 },
        responseContext: { functionError: 'Unhandled' },
        responsePayload: { errorType: 'TypeError', errorMessage: 'injected: always fails' },
      },
    ]);
  });

  it("settles without a record when one of Lambda's retries succeeds", async () => {
    let failures = 2;
    const fn = new AsyncFunction(
      async () => {
        if (failures-- > 0) throw new Error('injected');
      },
      { functionArn: 'arn:aws:lambda:us-east-1:000000000000:function:probe', retryDelaysMs: [5, 5] },
    );
    await fn.invoke({});
    await fn.idle();
    expect(failures).toBe(-1);
    expect(fn.onFailure).toEqual([]);
  });

  it("waits AWS's one and two minutes between retries unless told otherwise", () => {
    expect(lambda.asyncRetryDelaysSeconds).toEqual([60, 120]);
    expect(
      () =>
        new AsyncFunction(async () => {}, { functionArn: 'arn:aws:lambda:::function:x', retryDelaysMs: [1] }),
    ).toThrow(/2 times/);
  });
});
