import { beforeAll, describe, expect, it } from 'vitest';
import { useTestStore } from '../testing/dynamo';
import { anOrderToStore } from '../testing/orders';
import { countItemsRead, recordCommands } from '../testing/read-counter';
import type { StoredOrder } from './entity';
import { findOrderByExternalId, listOrders } from './query';

const db = useTestStore();
const partnerId = 'p-range';
const base = Date.parse('2025-03-01T00:00:00.000Z');
const minute = 60_000;
const total = 400;
let reads: ReturnType<typeof countItemsRead>;

function anOrder(n: number): StoredOrder {
  // One order a minute, so minute n holds order n.
  const at = new Date(base + n * minute).toISOString();
  return {
    ...anOrderToStore({
      partnerId,
      externalOrderId: `R-${n}`,
      transactionTime: at,
      receivedAt: at,
      executionId: `exec-${n}`,
    }),
    sequenceNumber: n,
    processedAt: at,
  };
}

const at = (n: number) => new Date(base + n * minute).toISOString();

beforeAll(async () => {
  const orders = Array.from({ length: total }, (_, i) => anOrder(i + 1));
  const { unprocessed } = await db.store.entities.order.put(orders).go();
  expect(unprocessed).toEqual([]);
  reads = countItemsRead(db.engine.client);
});

describe('orders by transaction time', () => {
  it('returns a narrow range among many orders, both bounds included, reading only that range', async () => {
    reads.reset();
    const page = await listOrders(db.store, partnerId, { from: at(200), to: at(202), limit: 50 });
    expect(page.items.map((order) => order.sequenceNumber)).toEqual([200, 201, 202]);
    expect(page.nextCursor).toBeNull();
    expect(reads.items).toBeLessThanOrEqual(3);
  });

  it('reads at most limit + 1 items for a page of a wide range, and pages through all of it', async () => {
    reads.reset();
    const first = await listOrders(db.store, partnerId, { from: at(10), to: at(390), limit: 20 });
    expect(first.items.map((order) => order.sequenceNumber)).toEqual(
      Array.from({ length: 20 }, (_, i) => 10 + i),
    );
    expect(reads.items).toBeLessThanOrEqual(21);

    const seen = [...first.items];
    let cursor = first.nextCursor;
    while (cursor !== null) {
      reads.reset();
      const page = await listOrders(db.store, partnerId, { from: at(10), to: at(390), limit: 100, cursor });
      expect(reads.items).toBeLessThanOrEqual(101);
      seen.push(...page.items);
      cursor = page.nextCursor;
    }
    expect(seen.map((order) => order.sequenceNumber)).toEqual(Array.from({ length: 381 }, (_, i) => 10 + i));
  });

  it('bounds a range open on one side by its other side alone', async () => {
    reads.reset();
    const upTo = await listOrders(db.store, partnerId, { to: at(3), limit: 50 });
    expect(upTo.items.map((order) => order.sequenceNumber)).toEqual([1, 2, 3]);
    const since = await listOrders(db.store, partnerId, { from: at(398), limit: 50 });
    expect(since.items.map((order) => order.sequenceNumber)).toEqual([398, 399, 400]);
    expect(reads.items).toBeLessThanOrEqual(6);
  });

  it('answers a range with nothing in it with an empty last page', async () => {
    const empty = await listOrders(db.store, partnerId, { from: at(1000), to: at(2000) });
    expect(empty).toEqual({ items: [], nextCursor: null });
    const reversed = await listOrders(db.store, partnerId, { from: at(5), to: at(4) });
    expect(reversed).toEqual({ items: [], nextCursor: null });
  });

  it('gives the last full page no cursor to an empty one', async () => {
    reads.reset();
    const page = await listOrders(db.store, partnerId, { from: at(101), to: at(110), limit: 10 });
    expect(page.items).toHaveLength(10);
    expect(page.nextCursor).toBeNull();
    expect(reads.items).toBeLessThanOrEqual(11);
  });
});

describe('an order by its external id', () => {
  const partner = 'p-external';
  beforeAll(async () => {
    const order = { ...anOrder(1), partnerId: partner, externalOrderId: 'ORD-1' };
    await db.store.entities.order.put(order).go();
    await db.store.entities.orderClaim
      .put({
        partnerId: partner,
        externalOrderId: 'ORD-1',
        sequenceNumber: 1,
        contentKey: 'k-1',
        submissionId: order.submissionId,
        queuedAt: order.receivedAt,
      })
      .go();
    // Claimed and waiting in the backlog: no number yet.
    await db.store.entities.orderClaim
      .put({
        partnerId: partner,
        externalOrderId: 'QUEUED-1',
        contentKey: 'k-2',
        submissionId: 'sub-queued',
        queuedAt: order.receivedAt,
        pendingOrder: '{}',
      })
      .go();
  });

  it('finds the order whose id matches exactly, and not one differing only in case', async () => {
    expect(await findOrderByExternalId(db.store, partner, 'ORD-1')).toMatchObject({
      externalOrderId: 'ORD-1',
      sequenceNumber: 1,
    });
    expect(await findOrderByExternalId(db.store, partner, 'ord-1')).toBeNull();
    expect(await findOrderByExternalId(db.store, partner, 'ORD-2')).toBeNull();
    expect(await findOrderByExternalId(db.store, 'p-other', 'ORD-1')).toBeNull();
  });

  it('answers nothing for a claim not yet numbered', async () => {
    expect(await findOrderByExternalId(db.store, partner, 'QUEUED-1')).toBeNull();
  });

  it('reads the claim and then the order, and nothing else', async () => {
    const commands = recordCommands(db.engine.client);
    await findOrderByExternalId(db.store, partner, 'ORD-1');
    expect(commands.sent).toEqual([{ command: 'GetItemCommand' }, { command: 'GetItemCommand' }]);
    commands.reset();
    await findOrderByExternalId(db.store, partner, 'nope');
    expect(commands.sent).toEqual([{ command: 'GetItemCommand' }]);
  });
});
