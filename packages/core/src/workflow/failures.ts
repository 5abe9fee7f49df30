/**
 * Errors that say "the platform was short of capacity or time", never "this order is wrong": the table or
 * the counter was busy, a function was throttled, timed out or died. When one outlasts the workflow's
 * retries, the submission is left `pending` (the execution fails as `OrderLeftPending`) and recovery
 * re-drives it; it is never rejected. The ASL's Catch on Validate lists exactly these names (a test holds
 * the two together).
 *
 * What stays a `processing` rejection: an error not in this list and not about the order's data, such as
 * a defect that throws the same way on every try (a TypeError, an `InvalidTaskInputError`). Leaving such
 * an order pending would re-drive it for ever; rejecting it tells the partner, who may send it again once
 * the defect is fixed. It is only rejected when no order was stored for its submission.
 *
 * Lambda error names: https://docs.aws.amazon.com/step-functions/latest/dg/bp-lambda-serviceexception.html
 * States.Timeout: https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html
 */
export const transientFailureNames = [
  'SequenceContentionError',
  'StorageUnavailableError',
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
  'Lambda.ClientExecutionTimeoutException',
  'Lambda.TooManyRequestsException',
  'Lambda.Unknown',
  'Sandbox.Timedout',
  'States.Timeout',
  'States.HeartbeatTimeout',
] as const;

const transient = new Set<string>(transientFailureNames);

/** Whether a failure, by its Step Functions error name, is the platform's capacity or timing. */
export function isTransientFailure(errorName: string): boolean {
  return transient.has(errorName);
}
