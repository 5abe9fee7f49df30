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

/** Parses a task's input against its contract, or throws `InvalidTaskInputError` naming what is wrong. */
export function parseTaskInput<TSchema extends v.GenericSchema>(
  schema: TSchema,
  input: unknown,
): v.InferOutput<TSchema> {
  const result = v.safeParse(schema, input);
  if (!result.success) throw new InvalidTaskInputError(`invalid task input: ${v.summarize(result.issues)}`);
  return result.output;
}
