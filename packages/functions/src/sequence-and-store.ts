import { orderMetrics } from '@orders/core/metrics';
import type { Store } from '@orders/core/storage/store';
import * as Workflow from '@orders/core/workflow/steps';
import { parseTaskInput } from '@orders/core/workflow/task-input';
import { awsStore } from './aws/store';
import { lazy } from './lazy';
import { countOrder, instrument, logger, recordLatency } from './observability';

type Output = Workflow.FailureStep | null;

/**
 * SequenceAndStore task: numbers and stores a valid order in one transaction. The workflow's failure path
 * calls the same function to find what a failed step stored (FindStoredOrder) and to mark an order whose
 * announcement failed (RecordAnnouncementPending): the three share one role on the table.
 */
export function createSequenceAndStoreHandler(deps: { store: Store }) {
  return instrument('SequenceAndStore', async (input: unknown): Promise<Output> => {
    const task = parseTaskInput(Workflow.SequenceAndStoreTaskInput, input);
    if ('announcementPending' in task) {
      logger.appendKeys(task.announcementPending);
      await Workflow.markAnnouncementPending(deps.store, task);
      logger.warn('order stored but not announced; recovery emits its OrderAccepted');
      return null;
    }
    const order = 'order' in task ? task.order : task.findStored.order;
    logger.appendKeys({
      executionId: task.executionId,
      submissionId: order.submissionId,
      partnerId: order.partnerId,
    });
    const step =
      'order' in task
        ? await Workflow.sequenceSubmission(deps.store, task)
        : await Workflow.resolveFailure(deps.store, task);
    report(step, order.partnerId);
    return step;
  });
}

function report(step: Workflow.FailureStep, partnerId: string): void {
  // Counted by the run that settled it, so a retried step or a re-run execution counts nothing twice.
  if (step.outcome === 'accepted') {
    if (step.firstSettled) {
      countOrder(orderMetrics.accepted, partnerId);
      recordLatency(step.accepted.receivedAt, step.accepted.processedAt);
    }
    logger.info('order accepted', { sequenceNumber: step.accepted.sequenceNumber });
  } else if (step.outcome === 'duplicate') {
    if (step.firstSettled) countOrder(orderMetrics.duplicate, partnerId);
    logger.info('order duplicate', {
      sequenceNumber: step.sequenceNumber,
      originalSubmissionId: step.originalSubmissionId,
    });
  } else if (step.outcome === 'conflict') {
    logger.info('order conflicts with an accepted one');
  } else {
    logger.warn('order not stored after a failed step', { transient: step.transient });
  }
}

export const handler = lazy(() => createSequenceAndStoreHandler({ store: awsStore() }));
