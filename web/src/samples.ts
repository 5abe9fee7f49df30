// Sample orders for the submit form, in the partner's own format (its mapping as GET /v1/partners tells
// it), each with a fresh id and the current time.
import type { Partner } from './types';

export type Format = Partner['format'];

function freshId(prefix: string): string {
  const random =
    typeof crypto !== 'undefined' && 'randomUUID' in crypto
      ? crypto.randomUUID().slice(0, 8)
      : Math.random().toString(16).slice(2, 10);
  return `${prefix}-${random}`;
}

function encodeTime(format: Format, now: Date): number | string {
  if (format.time === 'iso-8601') return now.toISOString();
  return format.time === 'epoch-s' ? Math.floor(now.getTime() / 1000) : now.getTime();
}

export function sampleOrder(format: Format, now: Date = new Date()): Record<string, unknown> {
  const { fields } = format;
  const percent = format.tax === 'percent';
  return {
    [fields.externalOrderId]: freshId(percent ? 'TX' : 'ORD'),
    [fields.productId]: percent ? 'ITEM-2042' : 'SKU-1001',
    [fields.customerId]: percent ? 'CLIENT-77' : 'CUST-42',
    [fields.quantity]: percent ? 2 : 3,
    [fields.unitPrice]: percent ? 24.5 : 19.99,
    [fields.taxRate]: percent ? 8.5 : 0.2,
    [fields.transactionTime]: encodeTime(format, now),
  };
}

export function sampleOrderText(format: Format, now?: Date): string {
  return JSON.stringify(sampleOrder(format, now), null, 2);
}

/** How a format reads in a sentence: "epoch-ms time, decimal tax". */
export function describeFormat(format: Format): string {
  return `${format.time} time, ${format.tax} tax`;
}
