import { Workflow } from '@orders/core';

/** Validate task: envelope, partner and order checks; pure, so it needs no dependencies. */
export function createValidateHandler(now: () => Date = () => new Date()) {
  return async (input: unknown): Promise<Workflow.ValidationStep> => {
    const { event, executionId } = Workflow.parseTaskInput(Workflow.ValidationInput, input);
    return Workflow.validateSubmission(event, executionId, now());
  };
}

export const handler = createValidateHandler();
