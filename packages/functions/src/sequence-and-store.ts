import { orderMetrics } from '@orders/core/metrics';
import type { Store } from '@orders/core/storage/store';
import * as Direct from '@orders/core/workflow/direct-submission';
import * as Workflow from '@orders/core/workflow/steps';
import { parseTaskInput } from '@orders/core/workflow/task-input';
import { awsPartners } from './aws/partners';
import { awsStore } from './aws/store';
import { lazy } from './lazy';
import { countOrder, instrument, logger, recordLatency } from './observability';

type Output = Workflow.FailureStep | Direct.RecordStep | null;

/**
 * SequenceAndStore task: numbers and stores a valid order in one transaction. The workflow calls the same
 * function to record and validate an event a partner put on the bus directly (RecordSubmission), to find
 * what a failed step stored (FindStoredOrder) and to mark an order whose announcement failed
 * (RecordAnnouncementPending): the four share one role on the table.
 */
export function createSequenceAndStoreHandler(deps: {
  store: Store;
  now?: () => Date;
  /** Brings the partner registry up to date before a direct submission is validated (as Validate does). */
  partners?: () => Promise<unknown>;
}) {
  return instrument('SequenceAndStore', async (input: unknown): Promise<Output> => {
    const task = parseTaskInput(Workflow.SequenceAndStoreTaskInput, input);
    if ('record' in task) {
      await deps.partners?.();
      return recordDirect(deps, task);
    }
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

async function recordDirect(
  deps: { store: Store; now?: () => Date },
  task: Direct.RecordInput,
): Promise<Direct.RecordStep> {
  logger.appendKeys({ executionId: task.executionId, submissionId: task.record.event.id });
  const { step, firstRecorded } = await Direct.recordDirectSubmission(
    deps.store,
    task,
    deps.now?.() ?? new Date(),
  );
  const { validation } = step;
  logger.info('direct submission recorded', {
    partnerId: step.detail.partnerId,
    firstRecorded,
    valid: validation.valid,
    ...(validation.valid ? {} : { issueCodes: validation.rejection.issues.map((issue) => issue.code) }),
  });
  return step;
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

export const handler = lazy(() =>
  createSequenceAndStoreHandler({ store: awsStore(), partners: () => awsPartners()() }),
);
