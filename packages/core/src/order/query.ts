import { createConversions } from 'electrodb';
import type { Store } from '../storage/store';
import {
  isEmptyKeyRange,
  pageReadOptions,
  type TimeRange,
  timeKeyRange,
  toPage,
} from '../storage/time-range';
import type { StoredOrder } from './entity';

export interface OrderQuery extends TimeRange {
  limit?: number;
  /** ElectroDB's cursor from the previous page. */
  cursor?: string | null;
}

/**
 * A partner's orders: by sequence number, or by transaction time when a time range is given. The range is
 * a key condition on the time index, so a page reads at most `limit + 1` items however wide the range.
 */
export async function listOrders(
  store: Store,
  partnerId: string,
  query: OrderQuery = {},
): Promise<{ items: StoredOrder[]; nextCursor: string | null }> {
  const { order } = store.entities;
  const options = pageReadOptions(query);
  const range = timeKeyRange(query);
  if (range === undefined) {
    const { data } = await order.query.bySequence({ partnerId }).go(options);
    return toPage(data, query, createConversions(order).byAccessPattern.bySequence.fromComposite.toCursor);
  }
  if (isEmptyKeyRange(range)) return { items: [], nextCursor: null };
  const byTime = order.query.byTransactionTime({ partnerId });
  const ranged =
    range.from === undefined
      ? byTime.lt({ transactionTime: range.before ?? '' })
      : range.before === undefined
        ? byTime.gte({ transactionTime: range.from })
        : byTime.between({ transactionTime: range.from }, { transactionTime: range.before });
  const { data } = await ranged.go(options);
  return toPage(
    data,
    query,
    createConversions(order).byAccessPattern.byTransactionTime.fromComposite.toCursor,
  );
}

/** One order by partner and sequence number, or null. */
export async function getOrder(
  store: Store,
  partnerId: string,
  sequenceNumber: number,
): Promise<StoredOrder | null> {
  const { data } = await store.entities.order.get({ partnerId, sequenceNumber }).go();
  return data;
}

/**
 * A partner's order by its own id, exactly as written (`ORD-1` is not `ord-1`): a read of the id's claim,
 * then of the order under the claim's number; no scan and no filtered query. A claim still waiting in the
 * backlog has no number yet, so it answers null like an unclaimed id: its submission says pending.
 */
export async function findOrderByExternalId(
  store: Store,
  partnerId: string,
  externalOrderId: string,
): Promise<StoredOrder | null> {
  const { data: claim } = await store.entities.orderClaim.get({ partnerId, externalOrderId }).go();
  if (claim?.sequenceNumber === undefined) return null;
  const order = await getOrder(store, partnerId, claim.sequenceNumber);
  return order?.externalOrderId === externalOrderId ? order : null;
}
