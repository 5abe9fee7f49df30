import { randomUUID } from 'node:crypto';
import type { ThrottleError } from '@orders/dynamo-local';
import { afterEach, describe, expect, it } from 'vitest';
import { StorageUnavailableError } from '../errors';
import { sequenceAndStore } from '../order/sequence';
import {
  getSubmission,
  recordSubmission,
  recordSubmissionOnce,
  settleSubmission,
} from '../submission/submission';
import { useTestStore } from '../testing/dynamo';
import { anOrderToStore } from '../testing/orders';

// Past its attempts, a request the table keeps refusing ends as StorageUnavailableError, the name the
// workflow's Retry and Catch lists match (a transient failure: the submission stays pending), never as the
// SDK's or ElectroDB's own error, and nothing is left half done.

const db = useTestStore();
afterEach(() => db.engine.faults.clear());

/** Throttles every request that names the partition of `pk`, until cleared; answers how many were refused since. */
function throttle(pk: string, error: ThrottleError = 'ThrottlingException'): () => number {
  const before = db.engine.faults.injected;
  db.engine.faults.throttle({ key: pk, error });
  return () => db.engine.faults.injected - before;
}

async function failureOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Error) return error;
    throw new Error(`rejected with a non-error: ${String(error)}`);
  }
  throw new Error('expected a failure, but it succeeded');
}

/** The names down an error's cause chain, outermost first. */
function causeNames(error: unknown): string[] {
  const names: string[] = [];
  for (let current = error; current instanceof Error; current = current.cause) names.push(current.name);
  return names;
}

const submissionPk = (partnerId: string, submissionId: string) =>
  (db.store.entities.submission.get({ partnerId, submissionId }).params() as { Key: { pk: string } }).Key.pk;

function aSubmission(partnerId: string) {
  return {
    partnerId,
    submissionId: randomUUID(),
    receivedAt: new Date().toISOString(),
    payload: { orderId: `X-${randomUUID()}` },
  };
}

describe('StorageUnavailableError once the attempts run out', () => {
  it('is what recording a direct submission answers while its partition is throttled; then it records it', async () => {
    const submission = aSubmission('partner-a');
    const refused = throttle(submissionPk(submission.partnerId, submission.submissionId));
    const error = await failureOf(recordSubmissionOnce(db.store, submission));
    expect(error).toBeInstanceOf(StorageUnavailableError);
    expect(causeNames(error)).toContain('ThrottlingException');
    expect(refused()).toBeGreaterThan(1);
    db.engine.faults.clear();
    expect(await getSubmission(db.store, submission.partnerId, submission.submissionId)).toBeNull();
    await expect(recordSubmissionOnce(db.store, submission)).resolves.toMatchObject({ recorded: true });
  });

  for (const status of ['rejected', 'accepted'] as const) {
    it(`is what settling as ${status} answers while throttled, leaving it pending and uncounted; then it settles once`, async () => {
      const partnerId = `p-settle-${status}-${randomUUID().slice(0, 8)}`;
      const submission = aSubmission(partnerId);
      await recordSubmission(db.store, submission);
      const settlement = {
        ...submission,
        status,
        executionId: 'exec-1',
        ...(status === 'accepted'
          ? { sequenceNumber: 1 }
          : { issues: [{ path: 'quantity', code: 'type', message: 'quantity must be a number' }] }),
      };
      const refused = throttle(
        submissionPk(partnerId, submission.submissionId),
        'ProvisionedThroughputExceededException',
      );
      const error = await failureOf(settleSubmission(db.store, settlement));
      expect(error).toBeInstanceOf(StorageUnavailableError);
      expect(causeNames(error)).toContain('ProvisionedThroughputExceededException');
      expect(refused()).toBeGreaterThan(1);
      db.engine.faults.clear();
      expect((await getSubmission(db.store, partnerId, submission.submissionId))?.status).toBe('pending');

      await expect(settleSubmission(db.store, settlement)).resolves.toBe(true);
      await expect(settleSubmission(db.store, settlement)).resolves.toBe(false);
      expect((await getSubmission(db.store, partnerId, submission.submissionId))?.status).toBe(status);
    });
  }

  it('counts a rejection settled after a throttle once, not once per attempt', async () => {
    const partnerId = `p-count-${randomUUID().slice(0, 8)}`;
    const submission = aSubmission(partnerId);
    await recordSubmission(db.store, submission);
    const settlement = {
      ...submission,
      status: 'duplicate' as const,
      executionId: 'exec-1',
      sequenceNumber: 1,
    };
    const refused = throttle(submissionPk(partnerId, submission.submissionId));
    await failureOf(settleSubmission(db.store, settlement));
    expect(refused()).toBeGreaterThan(1);
    db.engine.faults.clear();
    await settleSubmission(db.store, settlement);
    const stats = await db.store.entities.partnerStats.get({ partnerId }).go({ consistent: true });
    expect(stats.data).toMatchObject({ duplicates: 1 });
  });

  it('is what sequencing answers while the claim cannot be written; nothing is numbered, and then the order takes 1', async () => {
    const partnerId = `p-seq-${randomUUID().slice(0, 8)}`;
    const order = anOrderToStore({ partnerId, externalOrderId: 'S-1' });
    const claimPk = (
      db.store.entities.orderClaim.get({ partnerId, externalOrderId: 'S-1' }).params() as {
        Key: { pk: string };
      }
    ).Key.pk;
    const refused = throttle(claimPk);
    const error = await failureOf(sequenceAndStore(db.store, order, { maxAttempts: 3, baseDelayMs: 1 }));
    expect(error).toBeInstanceOf(StorageUnavailableError);
    expect(error.message).toBe('storage did not answer after 3 attempts');
    expect(causeNames(error)).toContain('ThrottlingException');
    expect(refused()).toBeGreaterThanOrEqual(3);
    db.engine.faults.clear();
    const counter = await db.store.entities.partnerCounter.get({ partnerId }).go({ consistent: true });
    expect(counter.data).toBeNull();

    await expect(sequenceAndStore(db.store, order)).resolves.toMatchObject({
      status: 'accepted',
      order: { sequenceNumber: 1 },
    });
  });
});
