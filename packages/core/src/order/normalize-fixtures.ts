// Test data shared by the normalize tests; nothing outside tests imports it.

import type { Partner } from '../partner/partner';
import { getPartner } from '../partner/registry';
import type { ValidationIssue } from './issue';
import { type NormalizeContext, normalize } from './normalize';
import type { NewOrder } from './order';

export const now = new Date('2024-05-01T12:00:00.000Z');
export const context: NormalizeContext = {
  submissionId: 'sub-1',
  receivedAt: '2024-05-01T12:00:01.000Z',
  now,
};

function requirePartner(id: string): Partner {
  const partner = getPartner(id);
  if (partner === undefined) throw new Error(`partner ${id} is not registered`);
  return partner;
}

export const partnerA = requirePartner('partner-a');
export const partnerB = requirePartner('partner-b');

export const validPartnerAOrder = {
  orderId: 'A-1001',
  skuId: 'SKU-42',
  customerId: 'C-7',
  quantity: 3,
  unitPrice: 19.99,
  taxRate: 0.2,
  transactionTimeMs: Date.parse('2024-05-01T11:00:00.000Z'),
};

export const validPartnerBOrder = {
  transactionId: 'B-2002',
  itemCode: 'ITEM-42',
  clientId: 'CL-7',
  qty: 3,
  price: 19.99,
  tax: 20,
  purchaseTime: '2024-05-01T11:00:00Z',
};

/** A format's field names for the common fields, so one table of cases can run against every format. */
export interface FormatCase {
  partner: Partner;
  valid: Record<string, unknown>;
  fields: {
    externalOrderId: string;
    productId: string;
    customerId: string;
    quantity: string;
    unitPrice: string;
  };
}

export const formatCases: FormatCase[] = [
  {
    partner: partnerA,
    valid: validPartnerAOrder,
    fields: {
      externalOrderId: 'orderId',
      productId: 'skuId',
      customerId: 'customerId',
      quantity: 'quantity',
      unitPrice: 'unitPrice',
    },
  },
  {
    partner: partnerB,
    valid: validPartnerBOrder,
    fields: {
      externalOrderId: 'transactionId',
      productId: 'itemCode',
      customerId: 'clientId',
      quantity: 'qty',
      unitPrice: 'price',
    },
  },
];

/** Normalizes and returns the issues; an accepted order yields none. */
export function issuesOf(partner: Partner, payload: unknown, at: Date = now): ValidationIssue[] {
  const result = normalize(partner, payload, { ...context, now: at });
  return result.ok ? [] : result.issues;
}

/** Normalizes and returns the order, failing the test with the issues when it is rejected. */
export function orderOf(partner: Partner, payload: unknown, at: Date = now): NewOrder {
  const result = normalize(partner, payload, { ...context, now: at });
  if (!result.ok) throw new Error(`expected an accepted order, got ${JSON.stringify(result.issues)}`);
  return result.order;
}

/** Copies `valid` with `field` set to `value`, or removed when `value` is `absent`. */
export function withField(
  valid: Record<string, unknown>,
  field: string,
  value: unknown,
): Record<string, unknown> {
  const copy = { ...valid };
  if (value === absent) delete copy[field];
  else copy[field] = value;
  return copy;
}

export const absent = Symbol('absent');

/** Pairs each value with a readable label for test names (NaN, -0 and Infinity survive, unlike with %j). */
export function labelled(values: readonly unknown[]): [string, unknown][] {
  return values.map((value) => [describeValue(value), value]);
}

function describeValue(value: unknown): string {
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (value === undefined) return 'undefined';
  if (typeof value === 'string' && value.length > 40) return `a ${value.length}-character string`;
  return JSON.stringify(value);
}
