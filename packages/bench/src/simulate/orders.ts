import { randomInt } from 'node:crypto';
import type { PartnerFormat } from '@orders/core/partner/partner';

/** A partner's format as config/partners.json declares it: the orders below follow its mapping. */
export type Format = PartnerFormat;

const products = ['SKU-1001', 'SKU-1002', 'SKU-2040', 'SKU-3300', 'SKU-4711', 'SKU-5150', 'SKU-8080'];
const prices = [4.99, 9.5, 12.25, 19.99, 24, 49.9, 129.95, 0.35];
const percents = [0, 7.25, 8.875, 20];

function encodeTime(format: Format, ms: number): number | string {
  if (format.time === 'iso-8601') return new Date(ms).toISOString();
  return format.time === 'epoch-s' ? Math.floor(ms / 1000) : ms;
}

/** A plausible order in a partner's format; `n` keeps ids unique within a run. */
export function realisticOrder(format: Format, runId: string, n: number): Record<string, unknown> {
  const { fields, bounds } = format;
  const percent = percents[randomInt(percents.length)] ?? 0;
  return {
    [fields.externalOrderId]: `${runId}-${n}`,
    [fields.productId]: products[randomInt(products.length)] ?? 'SKU-1',
    [fields.customerId]: `C-${randomInt(1, 5000)}`,
    [fields.quantity]: randomInt(
      bounds.quantity.min,
      Math.min(bounds.quantity.max, bounds.quantity.min + 11) + 1,
    ),
    [fields.unitPrice]: Math.min(prices[randomInt(prices.length)] ?? 1, bounds.unitPrice.max),
    [fields.taxRate]: format.tax === 'percent' ? percent : percent / 100,
    [fields.transactionTime]: encodeTime(format, Date.now() - randomInt(0, 120_000)),
  };
}

// The mistakes partners really make: strings for numbers, missing fields, impossible values, zone-less times.
const breakers: ((order: Record<string, unknown>, format: Format) => void)[] = [
  (order, { fields }) => {
    order[fields.quantity] = String(order[fields.quantity]);
  },
  (order, { fields }) => {
    delete order[fields.productId];
  },
  (order, { fields }) => {
    order[fields.quantity] = 0;
  },
  (order, { fields }) => {
    order[fields.unitPrice] = -5;
  },
  (order, format) => {
    if (format.time === 'iso-8601') {
      order[format.fields.transactionTime] = String(order[format.fields.transactionTime]).replace('Z', '');
    } else order[format.fields.taxRate] = format.tax === 'percent' ? 190 : 19;
  },
  (order, { fields }) => {
    order[fields.externalOrderId] = '   ';
  },
];

/** The order with one realistic mistake. */
export function breakOrder(order: Record<string, unknown>, format: Format): Record<string, unknown> {
  const copy = { ...order };
  breakers[randomInt(breakers.length)]?.(copy, format);
  return copy;
}
