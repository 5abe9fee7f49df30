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
