import type { EntityItem } from 'electrodb';
import type { Issue } from '../order/issue';
import { toStoredPayload } from '../storage/payload';
import type { Store } from '../storage/store';
import type { createOrderErrorEntity, ErrorCategory } from './entity';

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

export interface ErrorQuery {
  /** Inclusive ISO bounds on the received time. */
  from?: string;
  to?: string;
  limit?: number;
  cursor?: string | null;
  now?: Date;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * A partner's rejections, newest first. DynamoDB deletes expired items only eventually, so anything past
 * its `expiresAt` is filtered out here rather than trusted to be gone.
 */
export async function listOrderErrors(
  store: Store,
  partnerId: string,
  query: ErrorQuery = {},
): Promise<Page<OrderError>> {
  const nowSeconds = Math.floor((query.now ?? new Date()).getTime() / 1000);
  const { data, cursor } = await store.entities.orderError.query
    .byReceivedAt({ partnerId })
    .where(({ expiresAt, receivedAt }, { gt, gte, lte }) =>
      [
        gt(expiresAt, nowSeconds),
        query.from === undefined ? '' : gte(receivedAt, query.from),
        query.to === undefined ? '' : lte(receivedAt, query.to),
      ]
        .filter((clause) => clause !== '')
        .join(' AND '),
    )
    .go({ order: 'desc', count: query.limit ?? 50, cursor: query.cursor ?? null });
  return { items: data, nextCursor: cursor };
}
