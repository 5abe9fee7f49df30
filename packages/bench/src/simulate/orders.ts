import { randomInt } from 'node:crypto';

export type Format = 'partner-a' | 'partner-b';

const products = ['SKU-1001', 'SKU-1002', 'SKU-2040', 'SKU-3300', 'SKU-4711', 'SKU-5150', 'SKU-8080'];
const prices = [4.99, 9.5, 12.25, 19.99, 24, 49.9, 129.95, 0.35];

/** A plausible order in a partner's format; `n` keeps ids unique within a run. */
export function realisticOrder(format: Format, runId: string, n: number): Record<string, unknown> {
  const product = products[randomInt(products.length)] ?? 'SKU-1';
  const customer = `C-${randomInt(1, 5000)}`;
  const quantity = randomInt(1, 12);
  const price = prices[randomInt(prices.length)] ?? 1;
  const time = Date.now() - randomInt(0, 120_000);
  if (format === 'partner-a') {
    return {
      orderId: `${runId}-A-${n}`,
      skuId: product,
      customerId: customer,
      quantity,
      unitPrice: price,
      taxRate: [0, 0.07, 0.19, 0.2][randomInt(4)],
      transactionTimeMs: time,
    };
  }
  return {
    transactionId: `${runId}-B-${n}`,
    itemCode: product,
    clientId: customer,
    qty: quantity,
    price,
    tax: [0, 7.25, 8.875, 20][randomInt(4)],
    purchaseTime: new Date(time).toISOString(),
  };
}

// The mistakes partners really make: strings for numbers, missing fields, impossible values, zone-less times.
const breakers: ((order: Record<string, unknown>, format: Format) => void)[] = [
  (order, format) => {
    const field = format === 'partner-a' ? 'quantity' : 'qty';
    order[field] = String(order[field]);
  },
  (order, format) => {
    delete order[format === 'partner-a' ? 'skuId' : 'itemCode'];
  },
  (order, format) => {
    order[format === 'partner-a' ? 'quantity' : 'qty'] = 0;
  },
  (order, format) => {
    order[format === 'partner-a' ? 'unitPrice' : 'price'] = -5;
  },
  (order, format) => {
    if (format === 'partner-a') order.taxRate = 19;
    else order.purchaseTime = String(order.purchaseTime).replace('Z', '');
  },
  (order, format) => {
    order[format === 'partner-a' ? 'orderId' : 'transactionId'] = '   ';
  },
];

/** The order with one realistic mistake. */
export function breakOrder(order: Record<string, unknown>, format: Format): Record<string, unknown> {
  const copy = { ...order };
  breakers[randomInt(breakers.length)]?.(copy, format);
  return copy;
}
