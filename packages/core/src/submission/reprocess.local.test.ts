import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { recordOrderError } from '../error/error';
import type { EventEntry, EventPublisher } from '../events/publisher';
import { useTestStore } from '../testing/dynamo';
import { reprocessSubmission } from './reprocess';
import { getSubmission, recordSubmission, settleSubmission } from './submission';

const db = useTestStore();

const issues = [{ path: 'quantity', code: 'too_big', message: 'quantity must be at most 10' }];

function recordingPublisher(): EventPublisher & { published: EventEntry[] } {
  const published: EventEntry[] = [];
  return {
    published,
    putEvents: async (entries) => {
      published.push(...entries);
      return { FailedEntryCount: 0, Entries: entries.map(() => ({ EventId: randomUUID() })) };
    },
  };
}

async function rejectedSubmission(partnerId: string) {
  const submissionId = randomUUID();
  const base = { partnerId, submissionId, receivedAt: '2026-05-01T12:00:00.000Z' };
  const payload = { orderId: `A-${submissionId}`, quantity: 50 };
  await recordSubmission(db.store, { ...base, payload });
  const rejection = { ...base, category: 'validation' as const, issues, payload, executionId: 'exec-1' };
  await recordOrderError(db.store, rejection);
  await settleSubmission(db.store, {
    ...rejection,
    status: 'rejected',
    now: new Date('2026-05-01T12:00:02.000Z'),
  });
  return { ...base, payload };
}

// The partner's counts as stored (the stats listing covers registered partners only).
async function countsOf(partnerId: string) {
  const { data } = await db.store.entities.partnerStats.get({ partnerId }).go({ consistent: true });
  return { rejected: data?.rejected ?? 0, duplicates: data?.duplicates ?? 0 };
}

async function rejectedCount(partnerId: string): Promise<number> {
  return (await countsOf(partnerId)).rejected;
}

async function errorItem(partnerId: string, receivedAt: string, submissionId: string) {
  const { data } = await db.store.entities.orderError.get({ partnerId, receivedAt, submissionId }).go();
  return data;
}

describe('reprocessing a submission', () => {
  it('moves a rejected one back to pending, keeps the rejection in its history and announces it again', async () => {
    const { partnerId, submissionId, receivedAt, payload } = await rejectedSubmission('p-requeue');
    expect(await rejectedCount(partnerId)).toBe(1);
    const publisher = recordingPublisher();
    const now = new Date('2026-05-02T08:00:00.000Z');
    const result = await reprocessSubmission(
      { store: db.store, publisher, busName: 'orders' },
      partnerId,
      submissionId,
      { now },
    );
    expect(result.outcome).toBe('requeued');
    const stored = await getSubmission(db.store, partnerId, submissionId);
    expect(stored).toMatchObject({ status: 'pending', updatedAt: now.toISOString() });
    expect(stored?.issues).toBeUndefined();
    expect(stored?.history).toEqual([
      {
        status: 'rejected',
        executionId: 'exec-1',
        settledAt: '2026-05-01T12:00:02.000Z',
        replacedAt: now.toISOString(),
        issues,
      },
    ]);
    expect(publisher.published).toHaveLength(1);
    expect(publisher.published[0]).toMatchObject({
      Source: `orders.${partnerId}`,
      DetailType: 'OrderSubmitted',
    });
    expect(JSON.parse(publisher.published[0]?.Detail ?? '')).toEqual({
      submissionId,
      partnerId,
      receivedAt,
      payload,
    });
    // No longer counted as a rejection while it runs again.
    expect(await rejectedCount(partnerId)).toBe(0);
  });

  it('keeps every attempt when a reprocessed submission is rejected again and reprocessed once more', async () => {
    const { partnerId, submissionId, receivedAt, payload } = await rejectedSubmission('p-twice');
    const deps = { store: db.store, publisher: recordingPublisher(), busName: 'orders' };
    await reprocessSubmission(deps, partnerId, submissionId);
    const again = [{ path: 'quantity', code: 'too_big', message: 'still too big' }];
    await settleSubmission(db.store, {
      partnerId,
      submissionId,
      receivedAt,
      payload,
      status: 'rejected',
      executionId: 'exec-2',
      issues: again,
    });
    expect(await rejectedCount(partnerId)).toBe(1);
    await reprocessSubmission(deps, partnerId, submissionId);
    const stored = await getSubmission(db.store, partnerId, submissionId);
    expect(stored?.history?.map(({ executionId, issues: its }) => ({ executionId, its }))).toEqual([
      { executionId: 'exec-1', its: issues },
      { executionId: 'exec-2', its: again },
    ]);
    expect(deps.publisher.published).toHaveLength(2);
  });

  it('changes nothing and announces nothing for an accepted, a duplicate or a pending submission', async () => {
    const publisher = recordingPublisher();
    const deps = { store: db.store, publisher, busName: 'orders' };
    const base = {
      partnerId: 'p-settled',
      receivedAt: '2026-05-01T12:00:00.000Z',
      payload: { orderId: 'A-1' },
    };
    const accepted = randomUUID();
    const duplicate = randomUUID();
    const pending = randomUUID();
    for (const submissionId of [accepted, duplicate, pending])
      await recordSubmission(db.store, { ...base, submissionId });
    await settleSubmission(db.store, {
      ...base,
      submissionId: accepted,
      status: 'accepted',
      sequenceNumber: 4,
      executionId: 'e',
    });
    await settleSubmission(db.store, {
      ...base,
      submissionId: duplicate,
      status: 'duplicate',
      sequenceNumber: 4,
      executionId: 'e',
    });
    const before = await Promise.all(
      [accepted, duplicate, pending].map((id) => getSubmission(db.store, 'p-settled', id)),
    );
    const results = await Promise.all(
      [accepted, duplicate, pending].map((id) => reprocessSubmission(deps, 'p-settled', id)),
    );
    expect(results.map((result) => result.outcome)).toEqual([
      'already_settled',
      'already_settled',
      'in_progress',
    ]);
    const after = await Promise.all(
      [accepted, duplicate, pending].map((id) => getSubmission(db.store, 'p-settled', id)),
    );
    expect(after).toEqual(before);
    expect(publisher.published).toEqual([]);
  });

  it('announces a rejection once when two reprocess it at the same moment', async () => {
    const { partnerId, submissionId } = await rejectedSubmission('p-race');
    const publisher = recordingPublisher();
    const deps = { store: db.store, publisher, busName: 'orders' };
    const results = await Promise.all(
      Array.from({ length: 5 }, () => reprocessSubmission(deps, partnerId, submissionId)),
    );
    expect(results.filter((result) => result.outcome === 'requeued')).toHaveLength(1);
    expect(results.filter((result) => result.outcome === 'in_progress')).toHaveLength(4);
    expect(publisher.published).toHaveLength(1);
    expect((await getSubmission(db.store, partnerId, submissionId))?.history).toHaveLength(1);
    expect(await rejectedCount(partnerId)).toBe(0);
  });

  it('answers not_found for an unknown submission and unreadable for a payload cut to fit storage', async () => {
    const deps = { store: db.store, publisher: recordingPublisher(), busName: 'orders' };
    expect(await reprocessSubmission(deps, 'p-none', randomUUID())).toEqual({ outcome: 'not_found' });
    const submissionId = randomUUID();
    await db.store.entities.submission
      .put({
        partnerId: 'p-none',
        submissionId,
        status: 'rejected',
        payload: '{"orderId":"A-1","note":"cut her',
        receivedAt: '2026-05-01T12:00:00.000Z',
        updatedAt: '2026-05-01T12:00:00.000Z',
      })
      .go();
    expect((await reprocessSubmission(deps, 'p-none', submissionId)).outcome).toBe('unreadable');
    expect(deps.publisher.published).toEqual([]);
  });
});

describe('a rejection accepted later', () => {
  it('marks the error item superseded when the reprocessed submission is accepted, keeping its history', async () => {
    const { partnerId, submissionId, receivedAt, payload } = await rejectedSubmission('p-superseded');
    await reprocessSubmission(
      { store: db.store, publisher: recordingPublisher(), busName: 'orders' },
      partnerId,
      submissionId,
    );
    const now = new Date('2026-05-02T09:00:00.000Z');
    const settlement = { partnerId, submissionId, receivedAt, payload, executionId: 'exec-2', now };
    expect(await settleSubmission(db.store, { ...settlement, status: 'accepted', sequenceNumber: 12 })).toBe(
      true,
    );
    const stored = await getSubmission(db.store, partnerId, submissionId);
    expect(stored).toMatchObject({ status: 'accepted', sequenceNumber: 12, executionId: 'exec-2' });
    expect(stored?.history?.map((attempt) => attempt.status)).toEqual(['rejected']);
    expect(await errorItem(partnerId, receivedAt, submissionId)).toMatchObject({
      issues,
      supersededBy: { status: 'accepted', sequenceNumber: 12 },
      supersededAt: now.toISOString(),
    });
    expect(await rejectedCount(partnerId)).toBe(0);
  });

  it('accepts a rejected submission whose replayed order was stored, uncounting the rejection', async () => {
    const { partnerId, submissionId, receivedAt, payload } = await rejectedSubmission('p-replayed');
    const settlement = { partnerId, submissionId, receivedAt, payload, executionId: 'exec-replay' };
    expect(await settleSubmission(db.store, { ...settlement, status: 'duplicate', sequenceNumber: 3 })).toBe(
      true,
    );
    const stored = await getSubmission(db.store, partnerId, submissionId);
    expect(stored).toMatchObject({ status: 'duplicate', sequenceNumber: 3 });
    expect(stored?.issues).toBeUndefined();
    expect(stored?.history).toMatchObject([{ status: 'rejected', executionId: 'exec-1', issues }]);
    expect(await errorItem(partnerId, receivedAt, submissionId)).toMatchObject({
      supersededBy: { status: 'duplicate', sequenceNumber: 3 },
    });
    expect(await countsOf(partnerId)).toEqual({ rejected: 0, duplicates: 1 });
    // Settled once: the same settlement again changes nothing.
    expect(await settleSubmission(db.store, { ...settlement, status: 'duplicate', sequenceNumber: 3 })).toBe(
      false,
    );
    expect((await getSubmission(db.store, partnerId, submissionId))?.history).toHaveLength(1);
  });

  it('leaves an error item that was never superseded unmarked', async () => {
    const { partnerId, submissionId, receivedAt } = await rejectedSubmission('p-unmarked');
    const item = await errorItem(partnerId, receivedAt, submissionId);
    expect(item?.supersededBy).toBeUndefined();
    expect(item?.supersededAt).toBeUndefined();
  });
});
