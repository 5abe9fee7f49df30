import { Storage, Submission } from '@orders/core';
import { partnerAPayload, partnerBPayload } from '@orders/core/testing/orders';
import { createRecoveryHandler } from '@orders/functions';
import type { Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalRuntime, startLocalRuntime } from './runtime';

let runtime: LocalRuntime;
beforeAll(async () => {
  runtime = await startLocalRuntime();
});
afterAll(async () => {
  await runtime?.stop();
});

const minute = 60_000;
const threshold = 15 * minute;

// What Lambda hands a handler besides the event; the handler gives it to the logger and metrics only.
const context: Context = {
  callbackWaitsForEmptyEventLoop: true,
  functionName: 'test-orders-Recovery',
  functionVersion: '1',
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:test-orders-Recovery:live',
  memoryLimitInMB: '1024',
  awsRequestId: 'request-1',
  logGroupName: '/aws/lambda/test-orders-Recovery',
  logStreamName: 'stream-1',
  getRemainingTimeInMillis: () => 60_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
};

/**
 * A table of its own on the runtime's engine, so that what a test finds pending is what it stranded, and
 * not what another test left behind.
 */
async function freshStore(name: string): Promise<Storage.Store> {
  await Storage.ensureTable(runtime.engine.client, name);
  return Storage.createStore({ client: runtime.engine.client, tableName: name });
}

/** Records a submission as the feed does but leaves it unannounced, as a failed publish would. */
async function strand(
  partnerId: string,
  n: number,
  ageMs: number,
  store: Storage.Store = runtime.store,
): Promise<string> {
  const submissionId = `${partnerId}-stranded-${n}-${ageMs}`;
  const payload = partnerId === 'partner-a' ? partnerAPayload(n) : partnerBPayload(n);
  await Submission.recordSubmission(store, {
    partnerId,
    submissionId,
    receivedAt: new Date(Date.now() - ageMs).toISOString(),
    payload,
  });
  return submissionId;
}

async function statusOf(
  partnerId: string,
  submissionId: string,
  store: Storage.Store = runtime.store,
): Promise<string | undefined> {
  return (await Submission.getSubmission(store, partnerId, submissionId))?.status;
}

describe('the recovery schedule handler', () => {
  // The workflow settles what recovery announces in the runtime's own table: this test alone writes there.
  it('announces submissions pending past the threshold, which then settle, and leaves younger ones', async () => {
    const old = [
      { partnerId: 'partner-a', submissionId: await strand('partner-a', 1, threshold + minute) },
      { partnerId: 'partner-b', submissionId: await strand('partner-b', 2, 3 * threshold) },
    ];
    const young = [
      { partnerId: 'partner-a', submissionId: await strand('partner-a', 3, minute) },
      { partnerId: 'partner-b', submissionId: await strand('partner-b', 4, threshold - minute) },
    ];
    const recover = createRecoveryHandler({
      store: runtime.store,
      publisher: runtime.bus,
      busName: runtime.bus.name,
      minAgeMs: threshold,
    });

    const report = await recover({}, context);
    await runtime.idle();

    expect(report.requeued.map(({ submissionId }) => submissionId).sort()).toEqual(
      old.map(({ submissionId }) => submissionId).sort(),
    );
    for (const { partnerId, submissionId } of old) {
      expect(await statusOf(partnerId, submissionId)).toBe('accepted');
    }
    for (const { partnerId, submissionId } of young) {
      expect(await statusOf(partnerId, submissionId)).toBe('pending');
    }
    // Settled submissions leave the index; the young ones are all that is still pending.
    const stillPending = await Submission.listPendingSubmissions(runtime.store, new Date().toISOString());
    expect(stillPending.map(({ submissionId }) => submissionId).sort()).toEqual(
      young.map(({ submissionId }) => submissionId).sort(),
    );
  });

  it('announces nothing when nothing is old enough', async () => {
    const store = await freshStore('orders-nothing-old-enough');
    const submissionId = await strand('partner-a', 5, minute, store);
    const recover = createRecoveryHandler({
      store,
      publisher: runtime.bus,
      busName: runtime.bus.name,
      minAgeMs: threshold,
    });
    const report = await recover({}, context);
    await runtime.idle();
    expect(report).toEqual({ pending: 0, requeued: [], reannounced: [] });
    expect(await statusOf('partner-a', submissionId, store)).toBe('pending');
  });
});
