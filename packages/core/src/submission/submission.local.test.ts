import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { EventEntry } from '../events/publisher';
import { readPartnerStats } from '../stats/stats';
import { useTestStore } from '../testing/dynamo';
import { requeuePendingSubmissions } from './recover';
import {
  getSubmission,
  recordSubmission,
  recordSubmissionOnce,
  type SubmissionSettlement,
  settleSubmission,
} from './submission';

const db = useTestStore();

function aSettlement(
  submissionId: string,
  overrides: Partial<SubmissionSettlement> = {},
): SubmissionSettlement {
  return {
    partnerId: 'partner-a',
    submissionId,
    status: 'rejected',
    receivedAt: '2024-05-01T12:00:00.000Z',
    payload: { orderId: 'A-1' },
    executionId: 'exec-1',
    issues: [{ path: 'quantity', code: 'type', message: 'quantity must be a number' }],
    ...overrides,
  };
}

describe('submissions', () => {
  it('are recorded once per id for a redelivered direct event, keeping the first record and its outcome', async () => {
    const submissionId = randomUUID();
    const first = {
      partnerId: 'partner-a',
      submissionId,
      receivedAt: '2024-05-01T12:00:00.000Z',
      payload: { orderId: 'A-1' },
    };
    expect((await recordSubmissionOnce(db.store, first)).recorded).toBe(true);
    await settleSubmission(
      db.store,
      aSettlement(submissionId, { status: 'accepted', sequenceNumber: 7, issues: undefined }),
    );
    const again = await recordSubmissionOnce(db.store, { ...first, receivedAt: '2024-05-01T12:05:00.000Z' });
    expect(again.recorded).toBe(false);
    expect(again.submission).toMatchObject({
      status: 'accepted',
      sequenceNumber: 7,
      receivedAt: first.receivedAt,
    });
    expect(await getSubmission(db.store, 'partner-a', submissionId)).toMatchObject({
      status: 'accepted',
      receivedAt: first.receivedAt,
    });
  });

  it('are recorded as pending with the raw payload', async () => {
    const submissionId = randomUUID();
    await recordSubmission(db.store, {
      partnerId: 'partner-a',
      submissionId,
      receivedAt: '2024-05-01T12:00:00.000Z',
      payload: { orderId: 'A-1', quantity: '5' },
    });
    const stored = await getSubmission(db.store, 'partner-a', submissionId);
    expect(stored).toMatchObject({ status: 'pending' });
    expect(JSON.parse(stored?.payload ?? '')).toEqual({ orderId: 'A-1', quantity: '5' });
  });

  it('are settled once: a second settlement changes and counts nothing', async () => {
    const submissionId = randomUUID();
    await recordSubmission(db.store, { ...aSettlement(submissionId) });
    const before = (await readPartnerStats(db.store)).find((s) => s.partnerId === 'partner-a');
    expect(await settleSubmission(db.store, aSettlement(submissionId))).toBe(true);
    expect(
      await settleSubmission(
        db.store,
        aSettlement(submissionId, { issues: [{ path: 'sku', code: 'type', message: 'other' }] }),
      ),
    ).toBe(false);
    const after = (await readPartnerStats(db.store)).find((s) => s.partnerId === 'partner-a');
    expect(await getSubmission(db.store, 'partner-a', submissionId)).toMatchObject({
      status: 'rejected',
      issues: [{ path: 'quantity' }],
    });
    expect(after?.rejected).toBe((before?.rejected ?? 0) + 1);
  });

  it('are settled even when no pending record exists (events put directly on the bus)', async () => {
    const submissionId = randomUUID();
    expect(
      await settleSubmission(db.store, aSettlement(submissionId, { status: 'duplicate', sequenceNumber: 3 })),
    ).toBe(true);
    expect(await getSubmission(db.store, 'partner-a', submissionId)).toMatchObject({
      status: 'duplicate',
      sequenceNumber: 3,
    });
  });

  it('keep submission ids that differ only in case apart', async () => {
    const id = `Sub-${randomUUID()}`;
    await recordSubmission(db.store, {
      partnerId: 'partner-a',
      submissionId: id,
      receivedAt: '2024-05-01T12:00:00.000Z',
      payload: { orderId: 'A-1' },
    });
    expect(await getSubmission(db.store, 'partner-a', id.toLowerCase())).toBeNull();
    expect(await settleSubmission(db.store, aSettlement(id.toLowerCase()))).toBe(true);
    expect(await getSubmission(db.store, 'partner-a', id)).toMatchObject({
      status: 'pending',
      submissionId: id,
    });
    expect(await getSubmission(db.store, 'partner-a', id.toLowerCase())).toMatchObject({
      status: 'rejected',
    });
  });

  it('count rejections and duplicates per partner, also when settled concurrently', async () => {
    const before = (await readPartnerStats(db.store)).find((s) => s.partnerId === 'partner-b');
    const settlements = Array.from({ length: 30 }, (_, i) =>
      aSettlement(randomUUID(), { partnerId: 'partner-b', status: i % 3 === 0 ? 'duplicate' : 'rejected' }),
    );
    await Promise.all(settlements.map((settlement) => settleSubmission(db.store, settlement)));
    const after = (await readPartnerStats(db.store)).find((s) => s.partnerId === 'partner-b');
    expect((after?.duplicates ?? 0) - (before?.duplicates ?? 0)).toBe(10);
    expect((after?.rejected ?? 0) - (before?.rejected ?? 0)).toBe(20);
  });

  it('are rejected on recovery when the stored payload is not whole, never replayed as text', async () => {
    const submissionId = randomUUID();
    await db.store.entities.submission
      .put({
        partnerId: 'partner-a',
        submissionId,
        status: 'pending',
        payload: '{"orderId":"A-1","note":"cut her',
        receivedAt: '2024-05-01T12:00:00.000Z',
        updatedAt: '2024-05-01T12:00:00.000Z',
      })
      .go();
    const published: EventEntry[] = [];
    const publisher = {
      putEvents: async (entries: EventEntry[]) => {
        published.push(...entries);
        return { FailedEntryCount: 0, Entries: entries.map(() => ({ EventId: randomUUID() })) };
      },
    };
    const report = await requeuePendingSubmissions({ store: db.store, publisher, busName: 'orders' });
    expect(report.requeued.map((r) => r.submissionId)).not.toContain(submissionId);
    expect(published.filter((entry) => entry.Detail.includes(submissionId))).toEqual([]);
    expect(await getSubmission(db.store, 'partner-a', submissionId)).toMatchObject({
      status: 'rejected',
      issues: [{ code: 'payload_unreadable' }],
    });
  });
});
