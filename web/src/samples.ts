// Sample orders for the submit form, one per partner format, each with a fresh id and the current time.

function freshId(prefix: string): string {
  const random =
    typeof crypto !== 'undefined' && 'randomUUID' in crypto
      ? crypto.randomUUID().slice(0, 8)
      : Math.random().toString(16).slice(2, 10);
  return `${prefix}-${random}`;
}

export function sampleOrder(format: string, now: Date = new Date()): Record<string, unknown> {
  if (format === 'partner-b') {
    return {
      transactionId: freshId('TX'),
      itemCode: 'ITEM-2042',
      clientId: 'CLIENT-77',
      qty: 2,
      price: 24.5,
      tax: 8.5,
      purchaseTime: now.toISOString(),
    };
  }
  return {
    orderId: freshId('ORD'),
    skuId: 'SKU-1001',
    customerId: 'CUST-42',
    quantity: 3,
    unitPrice: 19.99,
    taxRate: 0.2,
    transactionTimeMs: now.getTime(),
  };
}

export function sampleOrderText(format: string, now?: Date): string {
  return JSON.stringify(sampleOrder(format, now), null, 2);
}
