import { type Storage, Submission } from '@orders/core';
import { expect } from 'vitest';

export interface SubmittedRef {
  partnerId: string;
  submissionId: string;
}

/** The statuses of the given submissions, counted. */
export async function countStatuses(
  store: Storage.Store,
  submitted: SubmittedRef[],
): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const { partnerId, submissionId } of submitted) {
    const status = (await Submission.getSubmission(store, partnerId, submissionId))?.status ?? 'missing';
    counts[status] = (counts[status] ?? 0) + 1;
  }
  return counts;
}

/**
 * What every fault must leave intact: each submission settled (accepted, duplicate or rejected), each
 * partner's numbers 1..N without a gap or repeat, each external order id stored once.
 */
export async function expectAllAccountedFor(store: Storage.Store, submitted: SubmittedRef[]): Promise<void> {
  const counts = await countStatuses(store, submitted);
  expect(counts.pending ?? 0).toBe(0);
  expect(counts.missing ?? 0).toBe(0);
  expect((counts.accepted ?? 0) + (counts.duplicate ?? 0) + (counts.rejected ?? 0)).toBe(submitted.length);
  for (const partnerId of new Set(submitted.map((s) => s.partnerId))) {
    const { data } = await store.entities.order.query.bySequence({ partnerId }).go({ pages: 'all' });
    expect(data.map((order) => order.sequenceNumber)).toEqual(data.map((_, i) => i + 1));
    expect(new Set(data.map((order) => order.externalOrderId)).size).toBe(data.length);
  }
}
