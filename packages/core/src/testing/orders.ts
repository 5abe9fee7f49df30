import { randomUUID } from 'node:crypto';
import type { OrderToStore } from '../order/sequence';

/** A valid partner-a order; `n` makes ids unique, transaction time a minute ago. */
export function partnerAPayload(n: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    orderId: `A-${n}`,
    skuId: `SKU-${n % 50}`,
    customerId: `C-${n % 13}`,
    quantity: 1 + (n % 9),
    unitPrice: 19.99,
    taxRate: 0.2,
    transactionTimeMs: Date.now() - 60_000,
    ...overrides,
  };
}

/** A valid partner-b order; `n` makes ids unique, purchase time a minute ago. */
export function partnerBPayload(n: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    transactionId: `B-${n}`,
    itemCode: `ITEM-${n % 40}`,
    clientId: `CL-${n % 11}`,
    qty: 1 + (n % 5),
    price: 4.35,
    tax: 7.25,
    purchaseTime: new Date(Date.now() - 60_000).toISOString(),
    ...overrides,
  };
}

/** A normalized, valid order ready for `sequenceAndStore`: one item at 10.00 plus 20% tax, received now. */
export function anOrderToStore(
  order: Pick<OrderToStore, 'partnerId' | 'externalOrderId'> & Partial<OrderToStore>,
): OrderToStore {
  const now = new Date().toISOString();
  return {
    productId: 'SKU-1',
    customerId: 'C-1',
    quantity: 1,
    unitPrice: 10,
    taxRate: 0.2,
    grossAmount: '10.00',
    taxAmount: '2.00',
    netAmount: '12.00',
    transactionTime: now,
    submissionId: randomUUID(),
    receivedAt: now,
    executionId: `exec-${randomUUID()}`,
    ...order,
  };
}
