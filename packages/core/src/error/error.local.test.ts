import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { maxOrderBytes, maxStoredPayloadBytes } from '../storage/payload';
import { useTestStore } from '../testing/dynamo';
import { countItemsRead } from '../testing/read-counter';
import { listOrderErrors, type NewOrderError, recordOrderError } from './error';

const db = useTestStore();
const day = 24 * 60 * 60 * 1000;

function aRejection(
  partnerId: string,
  receivedAt: Date,
  overrides: Partial<NewOrderError> = {},
): NewOrderError {
  return {
    submissionId: randomUUID(),
    partnerId,
    receivedAt: receivedAt.toISOString(),
    category: 'validation',
    issues: [{ path: 'quantity', code: 'type', message: 'quantity must be an integer' }],
    payload: { orderId: 'A-1', quantity: '5' },
    executionId: `exec-${randomUUID()}`,
    ...overrides,
  };
}

describe('order errors', () => {
  it('expire 30 days after the order was received', async () => {
    const receivedAt = new Date('2024-05-01T00:00:00.000Z');
    const stored = await recordOrderError(db.store, aRejection('p-ttl', receivedAt));
    expect(stored.expiresAt).toBe(receivedAt.getTime() / 1000 + 30 * 24 * 60 * 60);
  });

  it('are not returned by reads once expired, even while DynamoDB still holds them', async () => {
    const now = new Date('2024-06-15T00:00:00.000Z');
    const fresh = await recordOrderError(
      db.store,
      aRejection('p-expired', new Date(now.getTime() - 29 * day)),
    );
    const expired = await recordOrderError(
      db.store,
      aRejection('p-expired', new Date(now.getTime() - 31 * day)),
    );
    const justExpired = await recordOrderError(
      db.store,
      aRejection('p-expired', new Date(now.getTime() - 30 * day)),
    );

    const { items } = await listOrderErrors(db.store, 'p-expired', { now });
    expect(items.map((item) => item.submissionId)).toEqual([fresh.submissionId]);

    const earlier = await listOrderErrors(db.store, 'p-expired', { now: new Date(now.getTime() - 3 * day) });
    expect(earlier.items.map((item) => item.submissionId)).toEqual([
      fresh.submissionId,
      justExpired.submissionId,
      expired.submissionId,
    ]);
  });

  it('are listed newest first with their issues and raw payload, page by page', async () => {
    const start = Date.now() - day;
    const recorded = [];
    for (let i = 0; i < 7; i++) {
      recorded.push(await recordOrderError(db.store, aRejection('p-pages', new Date(start + i * 1000))));
    }
    const seen = [];
    let cursor: string | null = null;
    do {
      const page = await listOrderErrors(db.store, 'p-pages', { limit: 3, cursor });
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(seen.map((item) => item.submissionId)).toEqual(
      recorded.map((item) => item.submissionId).reverse(),
    );
    expect(seen[0]?.issues).toEqual([
      { path: 'quantity', code: 'type', message: 'quantity must be an integer' },
    ]);
    expect(JSON.parse(seen[0]?.payload ?? '')).toEqual({ orderId: 'A-1', quantity: '5' });
  });

  it('are filtered by received time, both bounds included', async () => {
    const base = Date.now() - day;
    const times = [0, 1, 2, 3].map((i) => new Date(base + i * 60_000));
    const recorded = [];
    for (const time of times) recorded.push(await recordOrderError(db.store, aRejection('p-range', time)));
    const { items } = await listOrderErrors(db.store, 'p-range', {
      from: times[1]?.toISOString(),
      to: times[2]?.toISOString(),
    });
    expect(items.map((item) => item.submissionId)).toEqual([
      recorded[2]?.submissionId,
      recorded[1]?.submissionId,
    ]);
  });

  it('keep rejections of submission ids that differ only in case apart', async () => {
    const receivedAt = new Date(Date.now() - day);
    const id = `Sub-${randomUUID()}`;
    await recordOrderError(db.store, aRejection('p-case', receivedAt, { submissionId: id }));
    await recordOrderError(db.store, aRejection('p-case', receivedAt, { submissionId: id.toLowerCase() }));
    const { items } = await listOrderErrors(db.store, 'p-case');
    expect(items.map((item) => item.submissionId).sort()).toEqual([id, id.toLowerCase()].sort());
  });

  it('keep a payload of the largest order the feed takes whole', async () => {
    const payload = { note: 'x'.repeat(maxOrderBytes - 20) };
    await recordOrderError(db.store, aRejection('p-whole', new Date(), { payload }));
    const { items } = await listOrderErrors(db.store, 'p-whole');
    expect(items[0]?.payloadTruncated).toBe(false);
    expect(JSON.parse(items[0]?.payload ?? '')).toEqual(payload);
  });

  it('cut only a payload over what an item can hold, and say so', async () => {
    const payload = 'x'.repeat(maxStoredPayloadBytes + 10);
    const stored = await recordOrderError(db.store, aRejection('p-big', new Date(), { payload }));
    const { items } = await listOrderErrors(db.store, 'p-big');
    expect(stored.payloadTruncated).toBe(true);
    expect(items[0]?.payload).toHaveLength(maxStoredPayloadBytes);
    expect(items[0]?.payloadTruncated).toBe(true);
  });

  it('read only a narrow range among many rejections, and at most limit + 1 of a wide one', async () => {
    const now = new Date('2024-07-01T00:00:00.000Z');
    const start = now.getTime() - 10 * day;
    const at = (i: number) => new Date(start + i * 60_000);
    const rejections = Array.from({ length: 300 }, (_, i) => aRejection('p-bounded', at(i)));
    for (const rejection of rejections) await recordOrderError(db.store, rejection);
    const reads = countItemsRead(db.engine.client);

    const narrow = await listOrderErrors(db.store, 'p-bounded', {
      from: at(150).toISOString(),
      to: at(152).toISOString(),
      now,
    });
    expect(narrow.items.map((item) => item.submissionId)).toEqual(
      [152, 151, 150].map((i) => rejections[i]?.submissionId),
    );
    expect(narrow.nextCursor).toBeNull();
    expect(reads.items).toBeLessThanOrEqual(3);

    reads.reset();
    const wide = await listOrderErrors(db.store, 'p-bounded', {
      from: at(0).toISOString(),
      to: at(299).toISOString(),
      limit: 10,
      now,
    });
    expect(wide.items.map((item) => item.submissionId)).toEqual(
      Array.from({ length: 10 }, (_, i) => rejections[299 - i]?.submissionId),
    );
    expect(wide.nextCursor).not.toBeNull();
    expect(reads.items).toBeLessThanOrEqual(11);
  });

  it('read no expired rejection that DynamoDB still holds', async () => {
    const now = new Date('2024-09-01T00:00:00.000Z');
    for (let i = 0; i < 50; i++) {
      await recordOrderError(db.store, aRejection('p-stale', new Date(now.getTime() - 40 * day + i * 1000)));
    }
    const fresh = await recordOrderError(db.store, aRejection('p-stale', new Date(now.getTime() - day)));
    const reads = countItemsRead(db.engine.client);
    const { items } = await listOrderErrors(db.store, 'p-stale', { now });
    expect(items.map((item) => item.submissionId)).toEqual([fresh.submissionId]);
    expect(reads.items).toBe(1);
  });

  it('are filtered by category and by issue code, newest first, page by page', async () => {
    const partnerId = 'p-filter';
    const now = new Date('2024-07-01T00:00:00.000Z');
    const at = (n: number) => new Date(now.getTime() - n * 60_000);
    const stored: NewOrderError[] = [];
    for (let n = 1; n <= 30; n++) {
      const rejection =
        n % 3 === 0
          ? aRejection(partnerId, at(n), {
              category: 'conflict',
              issues: [{ path: 'externalOrderId', code: 'conflict', message: 'taken' }],
            })
          : n % 3 === 1
            ? aRejection(partnerId, at(n), {
                issues: [
                  { path: 'quantity', code: 'type', message: 'not a number' },
                  { path: 'skuId', code: 'required', message: 'skuId is required' },
                ],
              })
            : aRejection(partnerId, at(n));
      stored.push(rejection);
      await recordOrderError(db.store, rejection);
    }
    const all = async (query: Parameters<typeof listOrderErrors>[2]) => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page = await listOrderErrors(db.store, partnerId, { ...query, now, limit: 3, cursor });
        expect(page.items.length).toBeLessThanOrEqual(3);
        seen.push(...page.items.map((item) => item.submissionId));
        cursor = page.nextCursor;
      } while (cursor !== null);
      return seen;
    };
    const ids = (keep: (n: number) => boolean) =>
      stored.filter((_, i) => keep(i + 1)).map((rejection) => rejection.submissionId);
    expect(await all({ category: 'conflict' })).toEqual(ids((n) => n % 3 === 0));
    expect(await all({ category: 'validation' })).toEqual(ids((n) => n % 3 !== 0));
    expect(await all({ code: 'required' })).toEqual(ids((n) => n % 3 === 1));
    expect(await all({ code: 'type', category: 'validation' })).toEqual(ids((n) => n % 3 !== 0));
    expect(await all({ code: 'processing_failed' })).toEqual([]);
    const [listed] = (await listOrderErrors(db.store, partnerId, { now, code: 'required', limit: 1 })).items;
    expect(listed).not.toHaveProperty('issueCodes');
  });
});
