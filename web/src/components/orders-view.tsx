import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { formatDateTime, formatMoney } from '../format';
import { ordersQuery } from '../queries/orders';
import { href } from '../router';
import { useCursorPager } from '../use-cursor-pager';
import { Pager } from './pager';
import { Empty, ErrorMessage, Loading } from './query-state';
import { type TimeRange, TimeRangeFilter } from './time-range-filter';

const PAGE_SIZES = [10, 25, 50, 100];

export function OrdersView({ partnerId }: { partnerId: string }) {
  const [range, setRange] = useState<TimeRange>({});
  const [limit, setLimit] = useState(25);
  const pager = useCursorPager();
  const orders = useQuery({ ...ordersQuery(partnerId, { limit, cursor: pager.cursor, ...range }) });
  const filtered = Boolean(range.from || range.to);

  return (
    <section aria-labelledby="orders-title">
      <div className="view-header">
        <h2 id="orders-title">Orders</h2>
        <p className="muted">
          {filtered ? 'Filtered by transaction time, in transaction-time order.' : 'By sequence number.'}
        </p>
      </div>
      <div className="toolbar">
        <TimeRangeFilter
          legend="Transaction time"
          value={range}
          onChange={(next) => {
            setRange(next);
            pager.reset();
          }}
        />
        <label className="inline-field">
          Rows per page
          <select
            value={limit}
            onChange={(event) => {
              setLimit(Number(event.target.value));
              pager.reset();
            }}
          >
            {PAGE_SIZES.map((size) => (
              <option key={size} value={size}>
                {size}
              </option>
            ))}
          </select>
        </label>
      </div>
      {orders.isPending ? (
        <Loading label="Loading orders…" />
      ) : orders.isError ? (
        <ErrorMessage error={orders.error} title="Could not load orders" onRetry={() => orders.refetch()} />
      ) : orders.data.items.length === 0 ? (
        <Empty>{filtered ? 'No orders in this time range.' : 'No orders yet for this partner.'}</Empty>
      ) : (
        <div className={`table-wrap${orders.isPlaceholderData ? ' is-stale' : ''}`}>
          <table className="table" data-testid="orders-table">
            <thead>
              <tr>
                <th scope="col" className="num">
                  Seq
                </th>
                <th scope="col">External id</th>
                <th scope="col">Product</th>
                <th scope="col">Customer</th>
                <th scope="col" className="num">
                  Qty
                </th>
                <th scope="col" className="num">
                  Unit price
                </th>
                <th scope="col" className="num">
                  Net amount
                </th>
                <th scope="col">Transaction time</th>
              </tr>
            </thead>
            <tbody>
              {orders.data.items.map((order) => (
                <tr key={order.sequenceNumber} data-testid="order-row">
                  <td className="num" data-testid="order-seq">
                    <a href={href(`/orders/${order.sequenceNumber}`, partnerId)}>{order.sequenceNumber}</a>
                  </td>
                  <td className="mono">{order.externalOrderId}</td>
                  <td className="mono">{order.productId}</td>
                  <td className="mono">{order.customerId}</td>
                  <td className="num">{order.quantity}</td>
                  <td className="num">{formatMoney(order.unitPrice)}</td>
                  <td className="num">{formatMoney(order.netAmount)}</td>
                  <td title={order.transactionTime}>{formatDateTime(order.transactionTime)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {orders.data && (
        <Pager
          page={pager.page}
          hasPrevious={pager.hasPrevious}
          nextCursor={orders.data.nextCursor}
          busy={orders.isPlaceholderData}
          onPrevious={pager.previous}
          onNext={pager.next}
        />
      )}
    </section>
  );
}
