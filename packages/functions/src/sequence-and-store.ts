import { orderMetrics, type Storage, Workflow } from '@orders/core';
import { awsStore, lazy } from './aws';
import { countOrder, instrument, logger, recordLatency } from './observability';

/** SequenceAndStore task: numbers and stores a valid order in one transaction. */
export function createSequenceAndStoreHandler(deps: { store: Storage.Store }) {
  return instrument('SequenceAndStore', async (input: unknown): Promise<Workflow.SequencingStep> => {
    const task = Workflow.parseTaskInput(Workflow.SequencingInput, input);
    const { submissionId, partnerId } = task.order;
    logger.appendKeys({ executionId: task.executionId, submissionId, partnerId });
    const step = await Workflow.sequenceSubmission(deps.store, task);
    if (step.outcome === 'accepted') {
      countOrder(orderMetrics.accepted, partnerId);
      recordLatency(step.accepted.receivedAt, step.accepted.processedAt);
      logger.info('order accepted', { sequenceNumber: step.accepted.sequenceNumber });
    } else if (step.outcome === 'duplicate') {
      countOrder(orderMetrics.duplicate, partnerId);
      logger.info('order duplicate', {
        sequenceNumber: step.sequenceNumber,
        originalSubmissionId: step.originalSubmissionId,
      });
    } else {
      logger.info('order conflicts with an accepted one');
    }
    return step;
  });
}

export const handler = lazy(() => createSequenceAndStoreHandler({ store: awsStore() }));
