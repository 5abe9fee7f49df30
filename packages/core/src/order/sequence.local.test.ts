import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { useTestStore } from '../testing/dynamo';
import { contentKey } from './content-key';
import {
  findStoredOutcome,
  maxOrdersPerNumbering,
  type OrderToStore,
  type SequenceOutcome,
  sequenceAndStore,
} from './sequence';

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

  it('waits out a numbering lease whose holder stopped, and gives up with SequenceContentionError meanwhile', async () => {
    // A holder that stopped mid-turn: its lease runs out on its own.
    const leaseUntil = Date.now() + 1_500;
    await db.store.entities.sequencerLease.put({ partnerId: 'p-stuck', holder: 'gone', leaseUntil }).go();
    const input = anOrder('p-stuck', 'S-1');
    await expect(sequenceAndStore(db.store, input, { budgetMs: 200 })).rejects.toMatchObject({
      name: 'SequenceContentionError',
    });
    expect(await storedOrders('p-stuck')).toEqual([]);
    // The claim waits in the backlog; the workflow's retry of the same submission numbers it.
    const retried = await sequenceAndStore(db.store, input, { budgetMs: 10_000 });
    expect(retried).toMatchObject({
      status: 'accepted',
      order: { sequenceNumber: 1, submissionId: input.submissionId },
    });
    expect(Date.now()).toBeGreaterThanOrEqual(leaseUntil);
  });

  it('numbers the queued order of an execution that stopped, and its retry keeps that number', async () => {
    const stopped = anOrder('p-orphan', 'O-1');
    await queueOnly(stopped, '2024-05-01T12:00:00.000Z');
    // The next execution of the partner numbers its own order first, then the backlog it finds.
    const next = await sequenceAndStore(db.store, anOrder('p-orphan', 'O-2'));
    expect(next).toMatchObject({ status: 'accepted', order: { sequenceNumber: 1 } });
    const stored = await storedOrders('p-orphan');
    expect(stored.map((order) => [order.externalOrderId, order.sequenceNumber])).toEqual([
      ['O-2', 1],
      ['O-1', 2],
    ]);
    expect(stored[1]).toMatchObject({ ...stopped, sequenceNumber: 2 });
    const claim = await db.store.entities.orderClaim
      .get({ partnerId: 'p-orphan', externalOrderId: 'O-1' })
      .go({ consistent: true });
    expect(claim.data).toMatchObject({ sequenceNumber: 2 });
    expect(claim.data).not.toHaveProperty('pendingOrder');
    const retried = await sequenceAndStore(db.store, stopped);
    expect(retried).toMatchObject({
      status: 'accepted',
      order: { sequenceNumber: 2, externalOrderId: 'O-1' },
    });
    expect(await storedOrders('p-orphan')).toHaveLength(2);
  });

  it('numbers a backlog larger than one transaction in batches of at most 49 orders', async () => {
    const queued = Array.from({ length: 120 }, (_, i) => anOrder('p-batch', `B-${i}`));
    for (const [i, order] of queued.entries())
      await queueOnly(order, new Date(Date.UTC(2024, 0, 1, 0, 0, i)).toISOString());
    const transactions = countTransactions();
    await sequenceAndStore(db.store, anOrder('p-batch', 'B-last'), { holdMs: 60_000 });
    const stored = await storedOrders('p-batch');
    expect(stored.map((order) => order.sequenceNumber)).toEqual(stored.map((_, i) => i + 1));
    expect(stored).toHaveLength(121);
    // The holder's own order first, then the backlog oldest first.
    expect(stored[0]?.externalOrderId).toBe('B-last');
    expect(stored.slice(1).map((order) => order.externalOrderId)).toEqual(
      queued.map((o) => o.externalOrderId),
    );
    expect(transactions.count()).toBeGreaterThanOrEqual(Math.ceil(121 / maxOrdersPerNumbering));
    transactions.stop();
  });

  it('splits a numbering transaction by bytes, within DynamoDB’s 4 MB', async () => {
    // 30 orders of ~150 KB: written twice each in a numbering transaction, 9 MB in one would be refused.
    const big = 'x'.repeat(150 * 1024);
    for (let i = 0; i < 30; i++) {
      await queueOnly(
        anOrder('p-bytes', `BIG-${i}`, { productId: `${big}-${i}` }),
        `2024-01-01T00:00:${String(i).padStart(2, '0')}.000Z`,
      );
    }
    const transactions = countTransactions();
    await sequenceAndStore(db.store, anOrder('p-bytes', 'SMALL'), { holdMs: 60_000 });
    const stored = await storedOrders('p-bytes');
    expect(stored.map((order) => order.sequenceNumber)).toEqual(stored.map((_, i) => i + 1));
    expect(stored).toHaveLength(31);
    expect(transactions.count()).toBeGreaterThanOrEqual(3);
    transactions.stop();
  });

  it('finds an order still in the backlog by numbering it, never answering "not stored"', async () => {
    const queued = anOrder('p-find', 'Q-1');
    await queueOnly(queued, '2024-05-01T12:00:00.000Z');
    const outcome = await findStoredOutcome(db.store, queued);
    expect(outcome).toMatchObject({
      status: 'accepted',
      order: { sequenceNumber: 1, submissionId: queued.submissionId },
    });
    expect(await findStoredOutcome(db.store, anOrder('p-find', 'never-sent'))).toBeNull();
  });

  it('numbers 2,000 concurrent executions for one partner and 500 for another contiguously, with duplicates, conflicts and twice-run executions', async () => {
    const plan = { 'p-load-a': 2_000, 'p-load-b': 500 };
    const all: OrderToStore[] = [];
    const originals: OrderToStore[] = [];
    for (const [partnerId, count] of Object.entries(plan)) {
      const mine = Array.from({ length: Math.round(count * 0.8) }, (_, i) =>
        anOrder(partnerId, `L-${i}`, { quantity: 1 + (i % 7) }),
      );
      originals.push(...mine);
      const duplicates = Array.from({ length: Math.round(count * 0.1) }, (_, i) => {
        const source = mine[(i * 37) % mine.length] as OrderToStore;
        return { ...source, submissionId: randomUUID(), executionId: `exec-${randomUUID()}` };
      });
      const conflicts = Array.from({ length: Math.round(count * 0.05) }, (_, i) => {
        const source = mine[(i * 53 + 11) % mine.length] as OrderToStore;
        return { ...source, quantity: source.quantity + 100, submissionId: randomUUID() };
      });
      // The same submission run twice (a re-run Express execution): same submission id, other execution.
      const twiceRun = Array.from(
        { length: count - mine.length - duplicates.length - conflicts.length },
        (_, i) => {
          const source = mine[(i * 71 + 5) % mine.length] as OrderToStore;
          return { ...source, executionId: `exec-${randomUUID()}` };
        },
      );
      all.push(...mine, ...duplicates, ...conflicts, ...twiceRun);
    }
    expect(all).toHaveLength(2_500);

    // Every execution at once, far past what the deployed function's reserved concurrency lets in; the
    // budget is raised so that this test is about numbering, not patience (the budget is tested above).
    const transactions = countTransactions();
    const outcomes = await Promise.all(
      shuffle(all).map(async (order) => ({
        order,
        outcome: await sequenceAndStore(db.store, order, { budgetMs: 600_000 }),
      })),
    );
    transactions.stop();

    for (const partnerId of Object.keys(plan)) {
      const stored = await storedOrders(partnerId);
      const expected = new Set(
        originals.filter((o) => o.partnerId === partnerId).map((o) => o.externalOrderId),
      );
      expect(stored.map((order) => order.sequenceNumber)).toEqual(stored.map((_, i) => i + 1));
      expect(new Set(stored.map((order) => order.externalOrderId))).toEqual(expected);
      expect(stored).toHaveLength(expected.size);
    }

    // Per external id: one submission accepted (twice, when it ran twice, with the same order); every other
    // submission reports that order's number, as a duplicate when its content is the same, else a conflict.
    const byId = new Map<string, { order: OrderToStore; outcome: SequenceOutcome }[]>();
    for (const entry of outcomes) {
      const key = `${entry.order.partnerId}/${entry.order.externalOrderId}`;
      byId.set(key, [...(byId.get(key) ?? []), entry]);
    }
    for (const group of byId.values()) {
      const accepted = group.filter(({ outcome }) => outcome.status === 'accepted');
      expect(new Set(accepted.map(({ order }) => order.submissionId)).size).toBe(1);
      const first = accepted[0]?.outcome;
      const winner = accepted[0]?.order as OrderToStore;
      const winnerNumber = first?.status === 'accepted' ? first.order.sequenceNumber : 0;
      for (const { order, outcome } of group) {
        if (outcome.status === 'accepted') {
          expect(outcome).toEqual(first);
          continue;
        }
        const expectedStatus = order.quantity === winner.quantity ? 'duplicate' : 'conflict';
        expect(outcome).toEqual({
          status: expectedStatus,
          sequenceNumber: winnerNumber,
          originalSubmissionId: winner.submissionId,
        });
      }
    }
    const count = (status: SequenceOutcome['status']) =>
      outcomes.filter(({ outcome }) => outcome.status === status).length;
    expect(count('duplicate')).toBeGreaterThanOrEqual(250 - 125);
    expect(count('conflict')).toBeGreaterThanOrEqual(1);
    // A submission run twice answers the same both times: one number, counted once.
    const bySubmission = new Map<string, SequenceOutcome[]>();
    for (const { order, outcome } of outcomes) {
      bySubmission.set(order.submissionId, [...(bySubmission.get(order.submissionId) ?? []), outcome]);
    }
    const twice = [...bySubmission.values()].filter((runs) => runs.length === 2);
    expect(twice).toHaveLength(125);
    for (const [first, second] of twice) expect(second).toEqual(first);
    // Batches, not one transaction per order.
    expect(transactions.count()).toBeLessThan(originals.length / 2);
  }, 600_000);
});

// An execution that wrote its claim and stopped before it was numbered.
async function queueOnly(order: OrderToStore, queuedAt: string): Promise<void> {
  await db.store.entities.orderClaim
    .create({
      partnerId: order.partnerId,
      externalOrderId: order.externalOrderId,
      contentKey: contentKey(order),
      submissionId: order.submissionId,
      pendingOrder: JSON.stringify(order),
      queuedAt,
    })
    .go();
}

// Counts the numbering transactions the test's store sends from now until `stop`.
function countTransactions(): { count(): number; stop(): void } {
  let count = 0;
  const name = `count-transactions-${randomUUID()}`;
  db.engine.client.middlewareStack.add(
    (next, context) => (args) => {
      if (context.commandName === 'TransactWriteItemsCommand') count++;
      return next(args);
    },
    { step: 'initialize', name },
  );
  return { count: () => count, stop: () => db.engine.client.middlewareStack.remove(name) };
}

function shuffle<T>(items: T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

describe('a retried submission whose claim is numbered but whose order is missing', () => {
  it('is refused as StoredOrderMissingError, never reported a duplicate of itself, by both entry points', async () => {
    const input = anOrder('p-lost', 'L-1');
    const first = await sequenceAndStore(db.store, input);
    expect(first).toMatchObject({ status: 'accepted', order: { sequenceNumber: 1 } });
    await db.store.entities.order.delete({ partnerId: 'p-lost', sequenceNumber: 1 }).go();

    for (const attempt of [
      () => sequenceAndStore(db.store, input),
      () => findStoredOutcome(db.store, input),
    ]) {
      await expect(attempt()).rejects.toMatchObject({
        name: 'StoredOrderMissingError',
        message: expect.stringContaining(`submission ${input.submissionId} number 1 of p-lost`),
      });
    }
    // Another submission of the same order is still its duplicate: the claim holds the number.
    const again = await sequenceAndStore(db.store, { ...input, submissionId: randomUUID() });
    expect(again).toMatchObject({
      status: 'duplicate',
      sequenceNumber: 1,
      originalSubmissionId: input.submissionId,
    });
  });
});
