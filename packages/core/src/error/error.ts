import { createConversions, type EntityItem } from 'electrodb';
import type { Issue, RejectionCode } from '../order/issue';
import { formatInstant } from '../order/time';
import { toStoredPayload } from '../storage/payload';
import type { Store } from '../storage/store';
import {
  isEmptyKeyRange,
  pageReadOptions,
  type TimeRange,
  timeKeyRange,
  toPage,
} from '../storage/time-range';
import type { ErrorCategory } from './category';
import type { createOrderErrorEntity } from './entity';

export type OrderError = EntityItem<ReturnType<typeof createOrderErrorEntity>>;

export interface NewOrderError {
  submissionId: string;
  partnerId: string;
  receivedAt: string;
  category: ErrorCategory;
  issues: Issue[];
  /** The raw payload as received: kept verbatim (as JSON text) so the partner can see what was rejected. */
  payload: unknown;
  executionId: string;
}

/** How long a rejection is kept, counted from when the order was received. */
export const errorRetentionDays = 30;

/** Stores a rejection, to expire 30 days after the order was received. */
export async function recordOrderError(store: Store, error: NewOrderError): Promise<OrderError> {
  const payload = toStoredPayload(error.payload);
  const item: OrderError = {
    ...error,
    payload: payload.text,
    payloadTruncated: payload.truncated,
    expiresAt: expiryOf(error.receivedAt),
  };
  // Recording is idempotent: a redelivered rejection overwrites the same item with the same content.
  await store.entities.orderError.put(item).go();
  return item;
}

/** Epoch seconds at which a rejection received at `receivedAt` expires. */
export function expiryOf(receivedAt: string): number {
  return Math.floor(Date.parse(receivedAt) / 1000) + errorRetentionDays * 24 * 60 * 60;
}

export interface ErrorQuery extends TimeRange {
  limit?: number;
  cursor?: string | null;
  now?: Date;
  category?: ErrorCategory;
  /** Only rejections with an issue of this code. */
  code?: RejectionCode;
}

/**
 * A filtered page reads at most this many items, over at most `maxFilteredRequests` requests, before it
 * answers with what it found and a cursor to go on from: a rare category or code in a busy range answers a
 * short (even empty) page with a `nextCursor` rather than reading the whole retention in one call.
 */
export const filteredReadItems = 200;
export const maxFilteredRequests = 5;

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * A partner's rejections, newest first. The range is a key condition on the received time, so a page
 * reads at most `limit + 1` items however wide the range. DynamoDB deletes expired items only eventually:
 * the range starts no earlier than the oldest unexpired time, and the filter on `expiresAt` stays as a
 * guard that, with that bound, removes nothing a page has read.
 */
export async function listOrderErrors(
  store: Store,
  partnerId: string,
  query: ErrorQuery = {},
): Promise<Page<OrderError>> {
  const nowSeconds = Math.floor((query.now ?? new Date()).getTime() / 1000);
  const from = laterOf(query.from, oldestUnexpired(nowSeconds));
  const range = timeKeyRange({ from, ...(query.to === undefined ? {} : { to: query.to }) });
  if (range === undefined || isEmptyKeyRange(range)) return { items: [], nextCursor: null };
  const byReceivedAt = store.entities.orderError.query.byReceivedAt({ partnerId });
  const ranged =
    range.before === undefined
      ? byReceivedAt.gte({ receivedAt: from })
      : byReceivedAt.between({ receivedAt: from }, { receivedAt: range.before });
  const toCursor = createConversions(store.entities.orderError).byAccessPattern.byReceivedAt.fromComposite
    .toCursor;
  const { category, code } = query;
  const filtered = ranged.where(({ expiresAt, category: categoryOf, issueCodes }, { gt, eq, contains }) =>
    [
      gt(expiresAt, nowSeconds),
      ...(category === undefined ? [] : [eq(categoryOf, category)]),
      ...(code === undefined ? [] : [contains(issueCodes, code)]),
    ].join(' AND '),
  );
  if (category === undefined && code === undefined) {
    const { data } = await filtered.go({ order: 'desc', ...pageReadOptions(query) });
    return toPage(data, query, toCursor);
  }
  // A filter by category or code is applied by DynamoDB after it reads the range (the read costs the same
  // as unfiltered: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Query.FilterExpression.html),
  // so the read is bounded and the page may be short; its cursor goes on from where reading stopped.
  const size = query.limit ?? 50;
  const found: OrderError[] = [];
  let cursor = query.cursor ?? null;
  for (let request = 0; request < maxFilteredRequests; request++) {
    const page = await filtered.go({ order: 'desc', limit: filteredReadItems, pages: 1, cursor });
    found.push(...page.data);
    if (found.length > size) return toPage(found, query, toCursor);
    cursor = page.cursor;
    if (cursor === null) break;
  }
  return { items: found, nextCursor: cursor };
}

// `expiresAt` is whole seconds (`expiryOf`): an error is unexpired while expiresAt > now, that is while
// its received second is later than now's second minus the retention.
function oldestUnexpired(nowSeconds: number): string {
  return formatInstant((nowSeconds - errorRetentionDays * 24 * 60 * 60 + 1) * 1000);
}

function laterOf(a: string | undefined, b: string): string {
  return a !== undefined && a > b ? a : b;
}
