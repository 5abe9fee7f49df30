import { Submission } from '@orders/core';
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

/** Records a submission as the feed does but leaves it unannounced, as a failed publish would. */
async function strand(partnerId: string, n: number, ageMs: number): Promise<string> {
  const submissionId = `${partnerId}-stranded-${n}-${ageMs}`;
  const payload = partnerId === 'partner-a' ? partnerAPayload(n) : partnerBPayload(n);
  await Submission.recordSubmission(runtime.store, {
    partnerId,
    submissionId,
    receivedAt: new Date(Date.now() - ageMs).toISOString(),
    payload,
  });
  return submissionId;
}

async function statusOf(partnerId: string, submissionId: string): Promise<string | undefined> {
  return (await Submission.getSubmission(runtime.store, partnerId, submissionId))?.status;
}

describe('the recovery schedule handler', () => {
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
    const submissionId = await strand('partner-a', 5, minute);
    const recover = createRecoveryHandler({
      store: runtime.store,
      publisher: runtime.bus,
      busName: runtime.bus.name,
      minAgeMs: threshold,
    });
    const report = await recover({}, context);
    await runtime.idle();
    expect(report).toEqual({ pending: 0, requeued: [], reannounced: [] });
    expect(await statusOf('partner-a', submissionId)).toBe('pending');
  });
});
