import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestStore } from '../testing/dynamo';
import { countItemsRead, recordCommands } from '../testing/read-counter';
import { statusShardCount, statusShardOf } from './entity';
import { InvalidSubmissionCursorError, listSubmissionsByStatus } from './list';
import { recordSubmission, settleSubmission } from './submission';

const db = useTestStore();
const partnerId = 'p-status';
const base = Date.parse('2025-04-01T00:00:00.000Z');
const second = 1000;
const at = (n: number) => new Date(base + n * second).toISOString();
// Submission n is received at second n; odd ones are accepted, multiples of 5 stay pending, the rest rejected.
const total = 60;
const ids = new Map<number, string>();
const statusOf = (n: number) => (n % 5 === 0 ? 'pending' : n % 2 === 1 ? 'accepted' : 'rejected');
const numbers = (status: string) =>
  Array.from({ length: total }, (_, i) => i + 1)
    .filter((n) => statusOf(n) === status)
    .reverse();

async function record(n: number, status = statusOf(n), receivedAt = at(n)): Promise<string> {
  const submissionId = randomUUID();
  ids.set(n, submissionId);
  await recordSubmission(db.store, { partnerId, submissionId, receivedAt, payload: { n } });
  if (status !== 'pending') {
    await settleSubmission(db.store, {
      partnerId,
      submissionId,
      status: status as 'accepted' | 'rejected',
      receivedAt,
      payload: { n },
      executionId: `exec-${n}`,
    });
  }
  return submissionId;
}

const numberOf = (submissionId: string) => [...ids].find(([, id]) => id === submissionId)?.[0];

beforeAll(async () => {
  for (let n = 1; n <= total; n++) await record(n);
});

describe('submissions by status', () => {
  it('lists one status newest first, paging with the cursor without gaps or repeats', async () => {
    const seen: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await listSubmissionsByStatus(db.store, partnerId, {
        status: 'accepted',
        limit: 7,
        cursor,
      });
      expect(page.items.length).toBeLessThanOrEqual(7);
      seen.push(...page.items.map((item) => numberOf(item.submissionId) ?? 0));
      cursor = page.nextCursor;
      pages++;
    } while (cursor !== null);
    expect(seen).toEqual(numbers('accepted'));
    expect(pages).toBe(Math.ceil(numbers('accepted').length / 7));
  });

  it('bounds the received time, both ends included, and pages within the range', async () => {
    const first = await listSubmissionsByStatus(db.store, partnerId, {
      status: 'rejected',
      from: at(10),
      to: at(30),
      limit: 4,
    });
    const rest = await listSubmissionsByStatus(db.store, partnerId, {
      status: 'rejected',
      from: at(10),
      to: at(30),
      limit: 50,
      cursor: first.nextCursor,
    });
    const listed = [...first.items, ...rest.items].map((item) => numberOf(item.submissionId));
    expect(listed).toEqual(numbers('rejected').filter((n) => n >= 10 && n <= 30));
    expect(rest.nextCursor).toBeNull();
  });

  it('keeps submissions received in the same millisecond apart, ordered by id', async () => {
    const same = new Date(base + 10_000 * second).toISOString();
    const sameIds = await Promise.all([1, 2, 3, 4, 5].map((k) => record(10_000 + k, 'duplicate', same)));
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await listSubmissionsByStatus(db.store, partnerId, {
        status: 'duplicate',
        limit: 2,
        cursor,
      });
      seen.push(...page.items.map((item) => item.submissionId));
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(seen).toEqual([...sameIds].sort().reverse());
  });

  it('moves a submission from the pending list to the accepted one when it is settled', async () => {
    const receivedAt = at(5_000);
    const submissionId = randomUUID();
    await recordSubmission(db.store, { partnerId, submissionId, receivedAt, payload: {} });
    const listed = async (status: 'pending' | 'accepted') =>
      (
        await listSubmissionsByStatus(db.store, partnerId, { status, from: receivedAt, to: receivedAt })
      ).items.map((item) => item.submissionId);
    expect(await listed('pending')).toEqual([submissionId]);
    expect(await listed('accepted')).toEqual([]);
    await settleSubmission(db.store, {
      partnerId,
      submissionId,
      status: 'accepted',
      receivedAt,
      payload: {},
      executionId: 'exec-move',
      sequenceNumber: 1,
    });
    expect(await listed('pending')).toEqual([]);
    expect(await listed('accepted')).toEqual([submissionId]);
  });

  it('keeps a submission in its list when the workflow marks it unannounced and recovery clears the mark', async () => {
    const receivedAt = at(6_000);
    const submissionId = await record(6_000, 'accepted', receivedAt);
    const listed = async () =>
      (
        await listSubmissionsByStatus(db.store, partnerId, {
          status: 'accepted',
          from: receivedAt,
          to: receivedAt,
        })
      ).items.map((item) => item.submissionId);
    const key = { partnerId, submissionId };
    await db.store.entities.submission.patch(key).set({ announcementPending: true }).go();
    expect(await listed()).toEqual([submissionId]);
    await db.store.entities.submission.patch(key).remove(['announcementPending']).go();
    expect(await listed()).toEqual([submissionId]);
  });

  it('reads only the status index, one Query per shard, and never scans', async () => {
    const commands = recordCommands(db.engine.client);
    const reads = countItemsRead(db.engine.client);
    const page = await listSubmissionsByStatus(db.store, partnerId, { status: 'accepted', limit: 3 });
    expect(page.items).toHaveLength(3);
    expect(commands.sent).toEqual(
      Array.from({ length: statusShardCount }, () => ({ command: 'QueryCommand', indexName: 'gsi3' })),
    );
    // Each shard reads at most limit + 1 items, whatever the partner holds.
    expect(reads.items).toBeLessThanOrEqual(statusShardCount * 4);
  });

  it('spreads one partner’s submissions over the shards', () => {
    const shards = new Set([...ids.values()].map(statusShardOf));
    expect(shards.size).toBe(statusShardCount);
  });

  it('refuses a cursor it did not write', async () => {
    await expect(
      listSubmissionsByStatus(db.store, partnerId, { status: 'accepted', cursor: 'not json' }),
    ).rejects.toBeInstanceOf(InvalidSubmissionCursorError);
  });
});
