import { parseTaskInput } from '@orders/core/workflow/task-input';
import { ValidationInput, type ValidationStep, validateSubmission } from '@orders/core/workflow/validation';
import { instrument, logger } from './observability';

/** Validate task: envelope, partner and order checks; pure, so it needs no dependencies. */
export function createValidateHandler(now: () => Date = () => new Date()) {
  return instrument('Validate', async (input: unknown): Promise<ValidationStep> => {
    const { event, executionId } = parseTaskInput(ValidationInput, input);
    logger.appendKeys({ executionId });
    const step = validateSubmission(event, executionId, now());
    if (step.valid) {
      logger.info('order valid', { submissionId: step.order.submissionId, partnerId: step.order.partnerId });
    } else {
      const { submissionId, partnerId, issues } = step.rejection;
      logger.info('order invalid', {
        submissionId,
        partnerId,
        issueCodes: issues.map((issue) => issue.code),
      });
    }
    return step;
  });
}

export const handler = createValidateHandler();
