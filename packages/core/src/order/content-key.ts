import { createHash } from 'node:crypto';
import type { OrderContent } from './order';

/**
 * Hashes an order's business content (sha256, hex) so a resubmission with the same partner and external id
 * can be told apart: same key, a duplicate; another key, a conflict. Submission id and arrival time are
 * left out because they differ on every resubmission.
 */
export function contentKey(order: OrderContent): string {
  // A fixed-order array is canonical JSON: no key ordering to agree on, numbers in shortest form.
  const content = [
    order.externalOrderId,
    order.productId,
    order.customerId,
    order.quantity,
    order.unitPrice,
    order.taxRate,
    order.transactionTime,
  ];
  return createHash('sha256').update(JSON.stringify(content)).digest('hex');
}
