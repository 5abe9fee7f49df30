import { OrderError, Submission } from '@orders/core';
import { partnerAPayload, partnerBPayload } from '@orders/core/testing/orders';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { BusEvent } from './bus';
import { type LocalRuntime, startLocalRuntime } from './runtime';
import { captureAccepted, expectAllAccountedFor } from './testing/invariants';
import { recoverUntilSettled } from './testing/recovery';
import { submit } from './testing/submit';

let runtime: LocalRuntime;
let acceptedEvents: BusEvent[];
beforeAll(async () => {
  runtime = await startLocalRuntime();
  acceptedEvents = captureAccepted(runtime.bus);
});
afterAll(() => runtime?.stop());

const payloadFor = { 'partner-a': partnerAPayload, 'partner-b': partnerBPayload };
const invalidFor = {
  'partner-a': (n: number) => partnerAPayload(n, { quantity: 0, taxRate: 2 }),
  'partner-b': (n: number) => partnerBPayload(n, { qty: '5', purchaseTime: '2024-05-01T10:00:00' }),
};

it('settles 1,000 concurrent submissions from both partners: numbered, duplicated or rejected, none pending', async () => {
  const sent: { partnerId: 'partner-a' | 'partner-b'; payload: Record<string, unknown>; kind: string }[] = [];
  for (const partnerId of ['partner-a', 'partner-b'] as const) {
    for (let n = 0; n < 400; n++) sent.push({ partnerId, payload: payloadFor[partnerId](n), kind: 'valid' });
    for (let n = 0; n < 50; n++)
      sent.push({ partnerId, payload: invalidFor[partnerId](1000 + n), kind: 'invalid' });
    // Duplicates repeat an order exactly, the way a partner's retry would.
    const originals = sent.filter((s) => s.partnerId === partnerId && s.kind === 'valid');
    for (let n = 0; n < 50; n++) {
      const original = originals[n * 7] ?? originals[0];
      if (original) sent.push({ partnerId, payload: original.payload, kind: 'duplicate' });
    }
  }
  expect(sent).toHaveLength(1000);

  const submissions = (
    await Promise.all(
      sent.map(async (item) => {
        const [submission] = await submit(runtime, item.partnerId, [item.payload]);
        return { ...item, submissionId: submission?.submissionId ?? '' };
      }),
    )
  ).flat();
  await runtime.idle();
  // A burst beyond SequenceAndStore's reserved concurrency is throttled; what outlasts the workflow's
  // retries is left pending and re-driven, as the scheduled recovery does.
  const rounds = await recoverUntilSettled(runtime);
  console.log(`pending before each recovery round: ${JSON.stringify(rounds)}`);

  const statuses = await Promise.all(
    submissions.map((s) => Submission.getSubmission(runtime.store, s.partnerId, s.submissionId)),
  );
  const count = (status: string) => statuses.filter((s) => s?.status === status).length;
  expect(count('pending')).toBe(0);
  expect(count('accepted')).toBe(800);
  expect(count('duplicate')).toBe(100);
  expect(count('rejected')).toBe(100);

  for (const partnerId of ['partner-a', 'partner-b'] as const) {
    const { data: orders } = await runtime.store.entities.order.query
      .bySequence({ partnerId })
      .go({ pages: 'all' });
    expect(orders.map((order) => order.sequenceNumber)).toEqual(orders.map((_, i) => i + 1));
    expect(orders).toHaveLength(400);
    expect(new Set(orders.map((order) => order.externalOrderId)).size).toBe(400);

    const errors = [];
    let cursor: string | null = null;
    do {
      const page = await OrderError.listOrderErrors(runtime.store, partnerId, { limit: 100, cursor });
      errors.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(errors).toHaveLength(50);
    for (const error of errors) {
      expect(error.category).toBe('validation');
      expect(error.issues.length).toBeGreaterThanOrEqual(2);
      expect(() => JSON.parse(error.payload)).not.toThrow();
    }
  }

  // Each duplicate reports the number its original got.
  submissions.forEach((s, i) => {
    if (s.kind !== 'duplicate') return;
    const original = submissions.find(
      (o) => o.kind === 'valid' && o.partnerId === s.partnerId && o.payload === s.payload,
    );
    const originalStatus = statuses[submissions.indexOf(original as (typeof submissions)[number])];
    expect(statuses[i]?.sequenceNumber).toBe(originalStatus?.sequenceNumber);
  });
  expect(runtime.bus.deadLetters).toEqual([]);
  await expectAllAccountedFor(runtime.store, submissions, {
    acceptedEvents,
    expected: { accepted: 800, duplicate: 100, rejected: 100 },
  });
}, 180_000);
