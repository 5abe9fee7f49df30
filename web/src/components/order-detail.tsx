import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ApiError } from '../api';
import { formatDateTime, formatMoney, formatPercent } from '../format';
import { orderQuery } from '../queries/orders';
import { href } from '../router';
import { ExecutionLink } from './execution-link';
import { ErrorMessage, Loading } from './query-state';

export function OrderDetail({ partnerId, sequenceNumber }: { partnerId: string; sequenceNumber: number }) {
  const order = useQuery({ ...orderQuery(partnerId, sequenceNumber) });

  return (
    <section aria-labelledby="order-title">
      <p>
        <a href={href('/orders', partnerId)}>← Back to the list</a>
      </p>
      <div className="view-header">
        <h2 id="order-title">Order #{sequenceNumber}</h2>
        <code className="muted">{partnerId}</code>
      </div>
      {order.isPending ? (
        <Loading label="Loading order…" />
      ) : order.isError ? (
        order.error instanceof ApiError && order.error.status === 404 ? (
          <ErrorMessage error={order.error} title={`There is no order #${sequenceNumber} for ${partnerId}`} />
        ) : (
          <ErrorMessage
            error={order.error}
            title="Could not load the order"
            onRetry={() => order.refetch()}
          />
        )
      ) : (
        <div className="detail-grid">
          <article className="card" aria-label="Amounts">
            <h3>Amounts</h3>
            <dl className="amounts">
              <Field label="Quantity">{order.data.quantity}</Field>
              <Field label="Unit price">{formatMoney(order.data.unitPrice)}</Field>
              <Field label="Gross amount" testId="gross-amount">
                {formatMoney(order.data.grossAmount)}
              </Field>
              <Field label={`Tax (${formatPercent(order.data.taxRate)})`} testId="tax-amount">
                {formatMoney(order.data.taxAmount)}
              </Field>
              <Field label="Net amount" testId="net-amount" strong>
                {formatMoney(order.data.netAmount)}
              </Field>
            </dl>
          </article>
          <article className="card" aria-label="Order">
            <h3>Order</h3>
            <dl className="fields">
              <Field label="Sequence number">{order.data.sequenceNumber}</Field>
              <Field label="Partner" mono>
                {order.data.partnerId}
              </Field>
              <Field label="External order id" mono>
                {order.data.externalOrderId}
              </Field>
              <Field label="Product" mono>
                {order.data.productId}
              </Field>
              <Field label="Customer" mono>
                {order.data.customerId}
              </Field>
              <Field label="Tax rate">{order.data.taxRate}</Field>
              <Time label="Transaction time" value={order.data.transactionTime} />
            </dl>
          </article>
          <article className="card" aria-label="Processing">
            <h3>Processing</h3>
            <dl className="fields">
              <Field label="Submission" mono>
                {order.data.submissionId}
              </Field>
              <Time label="Received" value={order.data.receivedAt} />
              <Time label="Processed" value={order.data.processedAt} />
              <Field label="Execution">
                {order.data.executionId ? (
                  <ExecutionLink executionId={order.data.executionId} partnerId={partnerId} />
                ) : (
                  '—'
                )}
              </Field>
            </dl>
          </article>
        </div>
      )}
    </section>
  );
}

function Field({
  label,
  children,
  mono,
  strong,
  testId,
}: {
  label: string;
  children: ReactNode;
  mono?: boolean;
  strong?: boolean;
  testId?: string;
}) {
  const classes = [mono && 'mono', strong && 'strong'].filter(Boolean).join(' ');
  return (
    <div>
      <dt>{label}</dt>
      <dd className={classes || undefined} data-testid={testId}>
        {children}
      </dd>
    </div>
  );
}

function Time({ label, value }: { label: string; value: string }) {
  return (
    <Field label={label}>
      <time dateTime={value} title={value}>
        {formatDateTime(value)}
      </time>
    </Field>
  );
}
