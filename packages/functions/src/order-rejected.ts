import { Events, orderMetrics, type Storage, Workflow } from '@orders/core';
import type { EventBridgeEvent } from 'aws-lambda';
import { awsStore, lazy } from './aws';
import { countOrder, instrument, logger } from './observability';

/** Target of the OrderRejected rule: records the error (30-day TTL) and settles the submission. */
export function createOrderRejectedHandler(deps: { store: Storage.Store }) {
  // The detail is declared unknown: it is parsed, envelope and all, before anything reads it.
  return instrument('OrderRejected', async (event: EventBridgeEvent<string, unknown>): Promise<void> => {
    const { detail } = Workflow.parseTaskInput(Events.OrderRejectedEvent, event);
    logger.appendKeys({
      executionId: detail.executionId,
      submissionId: detail.submissionId,
      partnerId: detail.partnerId,
    });
    const settled = await Workflow.recordRejection(deps.store, detail);
    // A redelivered rejection settles nothing new and is not counted again.
    if (settled) countOrder(orderMetrics.rejected, detail.partnerId);
    logger.info('order rejected', { category: detail.category, newlySettled: settled });
  });
}

export const handler = lazy(() => createOrderRejectedHandler({ store: awsStore() }));
