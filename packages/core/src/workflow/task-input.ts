import * as v from 'valibot';
import { OrdersError } from '../errors';

// What every task function does first, kept apart from the steps so that a function that stores nothing
// (Validate) imports no storage code.

/** An id in a task's input: a non-empty string. */
export const TaskId = v.pipe(v.string(), v.nonEmpty());

/** A task was invoked with input that does not fit its contract: a defect, never retried. */
export class InvalidTaskInputError extends OrdersError {
  override readonly name = 'InvalidTaskInputError';
  readonly code = 'invalid_task_input';
}

/**
 * Parses a task's input against its contract, or throws `InvalidTaskInputError` naming what is wrong. The
 * message names fields and what they expect, never a value received: it becomes the Lambda error's cause,
 * which the workflow's logs keep even without execution data, and an input may carry the partner's order.
 */
export function parseTaskInput<TSchema extends v.GenericSchema>(
  schema: TSchema,
  input: unknown,
): v.InferOutput<TSchema> {
  const result = v.safeParse(schema, input);
  if (!result.success) {
    const issues = result.issues.map(
      (issue) => `${v.getDotPath(issue) ?? 'input'}: expected ${issue.expected ?? issue.type}`,
    );
    throw new InvalidTaskInputError(`invalid task input: ${issues.join('; ')}`);
  }
  return result.output;
}
