import { parseTaskInput } from '@orders/core/workflow/task-input';
import { ValidationInput, type ValidationStep, validateSubmission } from '@orders/core/workflow/validation';
import { awsPartners } from './aws/partners';
import { instrument, logger } from './observability';

/**
 * Validate task: envelope, partner and order checks, pure but for the partner registry, which `partners`
 * brings up to date first (on AWS from SSM; locally the registry `npm start` loaded is already in force).
 */
export function createValidateHandler(
  now: () => Date = () => new Date(),
  partners: () => Promise<unknown> = async () => undefined,
) {
  return instrument('Validate', async (input: unknown): Promise<ValidationStep> => {
    const { event, executionId } = parseTaskInput(ValidationInput, input);
    await partners();
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

// The registry's reader is built on the first invocation, so importing this module reads no config.
export const handler = createValidateHandler(undefined, () => awsPartners()());
