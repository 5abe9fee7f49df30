import { OrderRejectedEvent } from '@orders/core/events/contracts';
import { orderMetrics } from '@orders/core/metrics';
import type { Store } from '@orders/core/storage/store';
import { recordRejection } from '@orders/core/workflow/steps';
import { parseTaskInput } from '@orders/core/workflow/task-input';
import type { EventBridgeEvent } from 'aws-lambda';
import { awsStore } from './aws/store';
import { lazy } from './lazy';
import { countOrder, instrument, logger } from './observability';

/** Target of the OrderRejected rule: records the error (30-day TTL) and settles the submission. */
export function createOrderRejectedHandler(deps: { store: Store }) {
  // The detail is declared unknown: it is parsed, envelope and all, before anything reads it.
  return instrument('OrderRejected', async (event: EventBridgeEvent<string, unknown>): Promise<void> => {
    const { detail } = parseTaskInput(OrderRejectedEvent, event);
    logger.appendKeys({
      executionId: detail.executionId,
      submissionId: detail.submissionId,
      partnerId: detail.partnerId,
    });
    const settled = await recordRejection(deps.store, detail);
    // A redelivered rejection settles nothing new and is not counted again.
    if (settled) countOrder(orderMetrics.rejected, detail.partnerId);
    logger.info('order rejected', { category: detail.category, newlySettled: settled });
  });
}

export const handler = lazy(() => createOrderRejectedHandler({ store: awsStore() }));
