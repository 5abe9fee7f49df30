import type { Store } from '../storage/store';
import { isEmptyKeyRange, type TimeRange, timeKeyRange } from '../storage/time-range';
import { type SubmissionStatus, statusShards } from './entity';
import type { Submission } from './submission';

export interface SubmissionQuery extends TimeRange {
  status: SubmissionStatus;
  limit?: number;
  /** Where the previous page ended (`nextCursor`), or null for the first page. */
  cursor?: string | null;
}

/** Thrown for a cursor that is not a position this listing wrote. */
export class InvalidSubmissionCursorError extends Error {
  override readonly name = 'InvalidSubmissionCursorError';
}

interface Position {
  receivedAt: string;
  submissionId: string;
}

/**
 * A partner's submissions in one status, newest first, from the `byStatus` index: one Query per shard of
 * that partner and status, each a key condition on the received time, merged by (received time, id). A
 * page reads at most `limit + 2` items per shard however wide the range, and never scans.
 *
 * The cursor is the last item's received time and id: every shard resumes strictly below it, so the merged
 * order has no gap and no repeat across pages whichever shards the items came from.
 */
export async function listSubmissionsByStatus(
  store: Store,
  partnerId: string,
  query: SubmissionQuery,
): Promise<{ items: Submission[]; nextCursor: string | null }> {
  const size = query.limit ?? 50;
  const after = query.cursor == null ? undefined : parsePosition(query.cursor);
  const range = timeKeyRange(query) ?? {};
  if (isEmptyKeyRange(range)) return { items: [], nextCursor: null };
  const shards = await Promise.all(
    statusShards.map((statusShard) =>
      readShard(store, partnerId, query.status, statusShard, range, after, size),
    ),
  );
  const merged = shards.flat().sort(newestFirst);
  const items = merged.slice(0, size);
  const last = items[items.length - 1];
  const more = merged.length > size && last !== undefined;
  return { items, nextCursor: more ? formatPosition(last) : null };
}

async function readShard(
  store: Store,
  partnerId: string,
  status: SubmissionStatus,
  statusShard: string,
  range: { from?: string; before?: string },
  after: Position | undefined,
  size: number,
): Promise<Submission[]> {
  const byStatus = store.entities.submission.query.byStatus({ partnerId, status, statusShard });
  // The upper bound is exclusive either way: the bare key of `to`'s next millisecond, which no item has, or
  // the cursor's item, which `lt` leaves out; `between` includes its bound, so that one item is dropped
  // after reading, and one more is read to make up for it.
  const upper =
    after === undefined
      ? range.before === undefined
        ? undefined
        : { receivedAt: range.before }
      : range.before !== undefined && range.before <= after.receivedAt
        ? { receivedAt: range.before }
        : after;
  const count = size + (upper === after && range.from !== undefined ? 2 : 1);
  const ranged =
    upper === undefined
      ? range.from === undefined
        ? byStatus
        : byStatus.gte({ receivedAt: range.from })
      : range.from === undefined
        ? byStatus.lt(upper)
        : byStatus.between({ receivedAt: range.from }, upper);
  const { data } = await ranged.go({ order: 'desc', count, limit: count });
  const read = data as Submission[];
  return after === undefined ? read : read.filter((item) => newestFirst(item, after) > 0);
}

function newestFirst(a: Position, b: Position): number {
  if (a.receivedAt !== b.receivedAt) return a.receivedAt < b.receivedAt ? 1 : -1;
  if (a.submissionId === b.submissionId) return 0;
  return a.submissionId < b.submissionId ? 1 : -1;
}

function formatPosition({ receivedAt, submissionId }: Position): string {
  return JSON.stringify([receivedAt, submissionId]);
}

function parsePosition(cursor: string): Position {
  try {
    const parsed: unknown = JSON.parse(cursor);
    if (Array.isArray(parsed) && parsed.length === 2 && parsed.every((part) => typeof part === 'string')) {
      const [receivedAt, submissionId] = parsed as [string, string];
      return { receivedAt, submissionId };
    }
  } catch {
    // Falls through to the same answer as a cursor of the wrong shape.
  }
  throw new InvalidSubmissionCursorError('not a position in a submissions listing');
}

/** How many pending submissions one `byStatus` partition is counted up to, per request. */
export const pendingCountCap = 1_000;

/**
 * How many of a partner's submissions are pending now: one bounded Query per `byStatus` shard of the
 * `pending` status, reading only the ids, up to `pendingCountCap` each. `capped` says a shard held more.
 */
export async function countPending(
  store: Store,
  partnerId: string,
): Promise<{ count: number; capped: boolean }> {
  const shards = await Promise.all(
    statusShards.map((statusShard) =>
      store.entities.submission.query
        .byStatus({ partnerId, status: 'pending', statusShard })
        .go({ attributes: ['submissionId'], count: pendingCountCap, pages: 'all' }),
    ),
  );
  return {
    count: shards.reduce((sum, page) => sum + page.data.length, 0),
    capped: shards.some((page) => page.data.length >= pendingCountCap),
  };
}
