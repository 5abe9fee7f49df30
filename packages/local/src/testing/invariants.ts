import { Events, OrderError, type Storage, Submission } from '@orders/core';
import { expect } from 'vitest';
import type { BusEvent, LocalBus } from '../bus';

export interface SubmittedRef {
  partnerId: string;
  submissionId: string;
}

/** How many submissions of a load should end in each final status. */
export interface ExpectedOutcomes {
  accepted: number;
  duplicate: number;
  rejected: number;
}

export interface InvariantOptions {
  /**
   * The OrderAccepted events the bus delivered (see `captureAccepted`). Left out only where the process that
   * emitted them is gone (a crash test), so that what it announced cannot be seen.
   */
  acceptedEvents?: BusEvent[];
  expected?: ExpectedOutcomes;
  /** Rejections with category `processing` the test allows; none unless it says so. */
  processingRejections?: number;
}

/** Collects every OrderAccepted event the bus delivers, through a rule of its own. */
export function captureAccepted(bus: LocalBus): BusEvent[] {
  const events: BusEvent[] = [];
  bus.addRule(
    'InvariantAccepted',
    { source: [Events.workflowSource], 'detail-type': [Events.detailTypes.orderAccepted] },
    async (event) => {
      events.push(event);
    },
  );
  return events;
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
 * What every fault and every load must leave intact:
 * - each submission is exactly one of accepted, duplicate or rejected, none pending or missing;
 * - a submission is accepted if and only if an order with its id and its number is stored;
 * - a rejected submission has no stored order, and no error item exists for a stored order;
 * - each partner's numbers are 1..N without a gap or repeat, each external id stored once;
 * - each stored order has exactly one OrderAccepted once deduplicated by partner and sequence number;
 * - the counts per outcome are those the load calls for, with no `processing` rejection unless allowed.
 */
export async function expectAllAccountedFor(
  store: Storage.Store,
  submitted: SubmittedRef[],
  options: InvariantOptions = {},
): Promise<void> {
  const statuses = await Promise.all(
    submitted.map(({ partnerId, submissionId }) => Submission.getSubmission(store, partnerId, submissionId)),
  );
  const counts: Record<string, number> = {};
  for (const status of statuses)
    counts[status?.status ?? 'missing'] = (counts[status?.status ?? 'missing'] ?? 0) + 1;
  expect(counts.pending ?? 0, 'pending submissions').toBe(0);
  expect(counts.missing ?? 0, 'missing submissions').toBe(0);
  if (options.expected !== undefined) {
    expect({
      accepted: counts.accepted ?? 0,
      duplicate: counts.duplicate ?? 0,
      rejected: counts.rejected ?? 0,
    }).toEqual(options.expected);
  }

  const submittedIds = new Set(submitted.map((s) => s.submissionId));
  const announced = new Map<string, BusEvent[]>();
  for (const event of options.acceptedEvents ?? []) {
    const { partnerId, sequenceNumber } = event.detail as { partnerId: string; sequenceNumber: number };
    const key = `${partnerId}#${sequenceNumber}`;
    announced.set(key, [...(announced.get(key) ?? []), event]);
  }
  const storedKeys = new Set<string>();
  let processing = 0;

  for (const partnerId of new Set(submitted.map((s) => s.partnerId))) {
    const { data: orders } = await store.entities.order.query.bySequence({ partnerId }).go({ pages: 'all' });
    expect(
      orders.map((order) => order.sequenceNumber),
      `${partnerId}'s numbers`,
    ).toEqual(orders.map((_, i) => i + 1));
    expect(new Set(orders.map((order) => order.externalOrderId)).size).toBe(orders.length);

    const storedBySubmission = new Map(orders.map((order) => [order.submissionId, order]));
    submitted.forEach((ref, i) => {
      if (ref.partnerId !== partnerId) return;
      const status = statuses[i];
      const order = storedBySubmission.get(ref.submissionId);
      if (status?.status === 'accepted') {
        expect(order?.sequenceNumber, `the order of accepted submission ${ref.submissionId}`).toBe(
          status.sequenceNumber,
        );
      } else {
        expect(order, `an order stored for ${status?.status} submission ${ref.submissionId}`).toBeUndefined();
      }
    });
    for (const order of orders) {
      if (submittedIds.has(order.submissionId)) {
        const status = statuses[submitted.findIndex((s) => s.submissionId === order.submissionId)];
        expect(status?.status, `the submission of stored order ${order.sequenceNumber}`).toBe('accepted');
      }
      storedKeys.add(`${partnerId}#${order.sequenceNumber}`);
      if (options.acceptedEvents !== undefined) {
        const events = announced.get(`${partnerId}#${order.sequenceNumber}`) ?? [];
        expect(
          events.length,
          `OrderAccepted events for ${partnerId} #${order.sequenceNumber}`,
        ).toBeGreaterThan(0);
        for (const event of events) {
          expect(event.detail).toMatchObject({
            submissionId: order.submissionId,
            externalOrderId: order.externalOrderId,
            deduplicationId: Events.acceptedDeduplicationId(partnerId, order.sequenceNumber),
          });
        }
      }
    }

    const errors: OrderError.OrderError[] = [];
    let cursor: string | null = null;
    do {
      const page = await OrderError.listOrderErrors(store, partnerId, { limit: 100, cursor });
      errors.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor !== null);
    for (const error of errors) {
      expect(
        storedBySubmission.get(error.submissionId),
        `an error item for stored order ${error.submissionId}`,
      ).toBeUndefined();
      if (submittedIds.has(error.submissionId) && error.category === 'processing') processing++;
    }
  }
  if (options.acceptedEvents !== undefined) {
    // No announcement of an order that is not stored.
    expect([...announced.keys()].filter((key) => !storedKeys.has(key))).toEqual([]);
  }
  expect(processing, 'processing rejections').toBe(options.processingRejections ?? 0);
}
