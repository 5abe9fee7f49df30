import { describe, expect, it } from 'vitest';
import { contentKey } from './content-key';
import { orderOf, partnerA, partnerB, validPartnerAOrder, validPartnerBOrder } from './normalize-fixtures';
import type { NewOrder } from './order';

const order: NewOrder = orderOf(partnerA, validPartnerAOrder);

describe('contentKey', () => {
  it('is a sha256 hex digest of the canonical content', () => {
    // Pinned (sha256sum of the JSON array below) so a change to the canonical form, which would make
    // stored claims stop matching their resubmissions, cannot pass unnoticed.
    // ["A-1001","SKU-42","C-7",3,19.99,0.2,"2024-05-01T11:00:00.000Z"]
    expect(contentKey(order)).toBe('f9cd9dd685c663a2d412d678f70c7315cf8fa7e174e3ad052e2044a96a1cfcfc');
  });

  it('gives a resubmission of the same order the same key', () => {
    const again = { ...order, submissionId: 'sub-2', receivedAt: '2024-05-01T13:00:00.000Z' };
    expect(contentKey(again)).toBe(contentKey(order));
  });

  it('ignores the amounts, which follow from the content', () => {
    const zeroed: NewOrder = { ...order, grossAmount: '0.00', taxAmount: '0.00', netAmount: '0.00' };
    expect(contentKey(zeroed)).toBe(contentKey(order));
  });

  it.each([
    ['externalOrderId', 'A-1002'],
    ['productId', 'SKU-43'],
    ['customerId', 'C-8'],
    ['quantity', 4],
    ['unitPrice', 19.98],
    ['taxRate', 0.21],
    ['transactionTime', '2024-05-01T11:00:00.001Z'],
  ])('changes when %s changes', (field, value) => {
    expect(contentKey({ ...order, [field]: value })).not.toBe(contentKey(order));
  });

  it('does not confuse values that would run together if simply concatenated', () => {
    const shifted = { ...order, externalOrderId: 'A-1001SKU', productId: '-42' };
    expect(contentKey(shifted)).not.toBe(contentKey(order));
  });

  it('is the same for an order and its copy with padded ids, since ids are stored trimmed', () => {
    const padded = orderOf(partnerA, { ...validPartnerAOrder, orderId: ' A-1001 ', skuId: '\tSKU-42' });
    expect(contentKey(padded)).toBe(contentKey(order));
  });

  it('is the same for the same order sent in either format', () => {
    const fromB = orderOf(partnerB, {
      ...validPartnerBOrder,
      transactionId: 'A-1001',
      itemCode: 'SKU-42',
      clientId: 'C-7',
      purchaseTime: '2024-05-01T13:00:00+02:00',
    });
    expect(contentKey(fromB)).toBe(contentKey(order));
  });
});
