import type { Store } from '../storage/store';
import type { StoredOrder } from './entity';

export interface OrderQuery {
  /** Inclusive ISO bounds on the transaction time; either one switches to the time index. */
  from?: string;
  to?: string;
  limit?: number;
  /** ElectroDB's cursor from the previous page. */
  cursor?: string | null;
}

/** A partner's orders: by sequence number, or by transaction time when a time range is given. */
export async function listOrders(
  store: Store,
  partnerId: string,
  query: OrderQuery = {},
): Promise<{ items: StoredOrder[]; nextCursor: string | null }> {
  const options = { count: query.limit ?? 50, cursor: query.cursor ?? null };
  if (query.from === undefined && query.to === undefined) {
    const { data, cursor } = await store.entities.order.query.bySequence({ partnerId }).go(options);
    return { items: data, nextCursor: cursor };
  }
  const { from, to } = query;
  const byTime = store.entities.order.query.byTransactionTime({ partnerId });
  const ranged = from === undefined ? byTime : byTime.gte({ transactionTime: from });
  // The upper bound is a filter: in the sort key a time is followed by its sequence number, so a key
  // condition "<= to" would leave out orders at exactly `to`.
  const { data, cursor } = await ranged
    .where(({ transactionTime }, { lte }) => (to === undefined ? '' : lte(transactionTime, to)))
    .go(options);
  return { items: data, nextCursor: cursor };
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
