import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { useTestStore } from '../testing/dynamo';
import { type OrderToStore, type SequenceOutcome, sequenceAndStore } from './sequence';

const db = useTestStore();

function anOrder(
  partnerId: string,
  externalOrderId: string,
  overrides: Partial<OrderToStore> = {},
): OrderToStore {
  return {
    partnerId,
    externalOrderId,
    productId: 'SKU-1',
    customerId: 'C-1',
    quantity: 3,
    unitPrice: 19.99,
    taxRate: 0.2,
    grossAmount: '59.97',
    taxAmount: '11.99',
    netAmount: '71.96',
    transactionTime: '2024-05-01T12:00:00.000Z',
    submissionId: randomUUID(),
    receivedAt: '2024-05-01T12:00:01.000Z',
    executionId: `exec-${randomUUID()}`,
    ...overrides,
  };
}

async function storedOrders(partnerId: string) {
  const { data } = await db.store.entities.order.query.bySequence({ partnerId }).go({ pages: 'all' });
  return data;
}

describe('sequenceAndStore', () => {
  it('numbers a partner’s orders from 1 and keeps partners apart', async () => {
    const first = await sequenceAndStore(db.store, anOrder('p-first', 'A-1'));
    const second = await sequenceAndStore(db.store, anOrder('p-first', 'A-2'));
    const other = await sequenceAndStore(db.store, anOrder('p-other', 'A-1'));
    expect(first).toMatchObject({ status: 'accepted', order: { sequenceNumber: 1 } });
    expect(second).toMatchObject({ status: 'accepted', order: { sequenceNumber: 2 } });
    expect(other).toMatchObject({ status: 'accepted', order: { sequenceNumber: 1 } });
  });

  it('stores the order with every normalized field', async () => {
    const input = anOrder('p-fields', 'F-1');
    await sequenceAndStore(db.store, input);
    const [stored] = await storedOrders('p-fields');
    expect(stored).toMatchObject({ ...input, sequenceNumber: 1 });
    expect(Date.parse(stored?.processedAt ?? '')).not.toBeNaN();
  });

  it('gives the duplicate the original sequence number and takes no new one', async () => {
    const original = anOrder('p-dup', 'D-1');
    await sequenceAndStore(db.store, anOrder('p-dup', 'D-0'));
    await sequenceAndStore(db.store, original);
    const again = await sequenceAndStore(db.store, { ...original, submissionId: randomUUID() });
    expect(again).toEqual({
      status: 'duplicate',
      sequenceNumber: 2,
      originalSubmissionId: original.submissionId,
    });
    const next = await sequenceAndStore(db.store, anOrder('p-dup', 'D-2'));
    expect(next).toMatchObject({ status: 'accepted', order: { sequenceNumber: 3 } });
  });

  it('rejects the same external id with different content as a conflict', async () => {
    const original = anOrder('p-conflict', 'X-1');
    await sequenceAndStore(db.store, original);
    const changed = await sequenceAndStore(db.store, {
      ...original,
      quantity: 4,
      submissionId: randomUUID(),
    });
    expect(changed).toEqual({
      status: 'conflict',
      sequenceNumber: 1,
      originalSubmissionId: original.submissionId,
    });
    expect(await storedOrders('p-conflict')).toHaveLength(1);
  });

  it('treats external ids that differ only in case as two orders', async () => {
    const upper = await sequenceAndStore(db.store, anOrder('p-case', 'ORD-1'));
    const lower = await sequenceAndStore(db.store, anOrder('p-case', 'ord-1', { quantity: 4 }));
    expect(upper).toMatchObject({
      status: 'accepted',
      order: { sequenceNumber: 1, externalOrderId: 'ORD-1' },
    });
    expect(lower).toMatchObject({
      status: 'accepted',
      order: { sequenceNumber: 2, externalOrderId: 'ord-1' },
    });
    expect((await storedOrders('p-case')).map((order) => order.externalOrderId)).toEqual(['ORD-1', 'ord-1']);
  });

  it('answers a retried submission whose first try committed with its own acceptance', async () => {
    const input = anOrder('p-retry', 'R-1');
    const first = await sequenceAndStore(db.store, input);
    const retried = await sequenceAndStore(db.store, input);
    expect(retried).toEqual(first);
    expect(await storedOrders('p-retry')).toHaveLength(1);
  });

  it('gives up with SequenceContentionError when it cannot win a number within its attempts', async () => {
    const racers = Array.from({ length: 20 }, (_, i) => anOrder('p-contention', `C-${i}`));
    const results = await Promise.allSettled(
      racers.map((order) => sequenceAndStore(db.store, order, { maxAttempts: 1 })),
    );
    const failures = results.filter((result) => result.status === 'rejected');
    expect(failures.length).toBeGreaterThan(0);
    for (const failure of failures) expect(failure.reason).toMatchObject({ name: 'SequenceContentionError' });
    const stored = await storedOrders('p-contention');
    expect(stored.map((order) => order.sequenceNumber)).toEqual(stored.map((_, i) => i + 1));
  });

  it('numbers 500 concurrent orders over 2 partners contiguously, duplicates and conflicts included', async () => {
    const partners = ['p-load-a', 'p-load-b'];
    const originals = Array.from({ length: 380 }, (_, i) =>
      anOrder(partners[i % 2] ?? '', `L-${i}`, { quantity: 1 + (i % 7) }),
    );
    const duplicates = Array.from({ length: 100 }, (_, i) => {
      const source = originals[(i * 37) % originals.length] as OrderToStore;
      return { ...source, submissionId: randomUUID(), executionId: `exec-${randomUUID()}` };
    });
    const conflicts = Array.from({ length: 20 }, (_, i) => {
      const source = originals[(i * 53 + 11) % originals.length] as OrderToStore;
      return { ...source, quantity: source.quantity + 100, submissionId: randomUUID() };
    });
    const all = shuffle([...originals, ...duplicates, ...conflicts]);
    expect(all).toHaveLength(500);

    // 250 unbounded writers per partner is far past what the deployed function's reserved concurrency
    // allows; the attempt bound (tested above) is raised so that this test is about numbering, not patience.
    const outcomes = await Promise.all(
      all.map((order) => sequenceAndStore(db.store, order, { maxAttempts: 1_000 })),
    );

    for (const partnerId of partners) {
      const stored = await storedOrders(partnerId);
      const expected = new Set(
        originals.filter((o) => o.partnerId === partnerId).map((o) => o.externalOrderId),
      );
      expect(stored.map((order) => order.sequenceNumber)).toEqual(stored.map((_, i) => i + 1));
      expect(new Set(stored.map((order) => order.externalOrderId))).toEqual(expected);
      expect(stored).toHaveLength(expected.size);
    }

    // Per external id: exactly one acceptance; every other submission reports that order's number,
    // as a duplicate when its content is the same and as a conflict when it is not.
    const byId = new Map<string, { order: OrderToStore; outcome: SequenceOutcome }[]>();
    all.forEach((order, i) => {
      const key = `${order.partnerId}/${order.externalOrderId}`;
      byId.set(key, [...(byId.get(key) ?? []), { order, outcome: outcomes[i] as SequenceOutcome }]);
    });
    for (const group of byId.values()) {
      const accepted = group.filter(({ outcome }) => outcome.status === 'accepted');
      expect(accepted).toHaveLength(1);
      const winner = accepted[0]?.order as OrderToStore;
      const winnerNumber =
        accepted[0]?.outcome.status === 'accepted' ? accepted[0].outcome.order.sequenceNumber : 0;
      for (const { order, outcome } of group) {
        if (outcome.status === 'accepted') continue;
        const expectedStatus = order.quantity === winner.quantity ? 'duplicate' : 'conflict';
        expect(outcome).toEqual({
          status: expectedStatus,
          sequenceNumber: winnerNumber,
          originalSubmissionId: winner.submissionId,
        });
      }
    }
    expect(outcomes.filter((o) => o.status === 'duplicate').length).toBeGreaterThanOrEqual(100 - 20);
    expect(outcomes.filter((o) => o.status === 'conflict').length).toBeGreaterThanOrEqual(1);
  }, 240_000);
});

function shuffle<T>(items: T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}
