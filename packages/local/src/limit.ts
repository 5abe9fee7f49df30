import { lambda } from '@orders/core/aws/limits';

/** `Lambda.TooManyRequestsException`: every slot of the function's reserved concurrency is busy. */
export class TooManyRequestsError extends Error {
  override readonly name = lambda.throttledError;
}

/**
 * Lets at most `concurrency` calls of `task` run at once and refuses the rest at once, as Lambda refuses an
 * invocation beyond a function's reserved concurrency: a throttle, not a queue. Step Functions sees the
 * refusal as `Lambda.TooManyRequestsException`, which the workflow's Retry waits out with backoff.
 */
export function throttleConcurrency<TInput, TOutput>(
  concurrency: number,
  task: (input: TInput) => Promise<TOutput>,
  onThrottle?: () => void,
): (input: TInput) => Promise<TOutput> {
  let active = 0;
  return async (input) => {
    if (active >= concurrency) {
      onThrottle?.();
      throw new TooManyRequestsError(
        `Rate Exceeded. (Reason: ReservedFunctionConcurrentInvocationLimitExceeded; all ${concurrency} reserved instances are busy)`,
      );
    }
    active++;
    try {
      return await task(input);
    } finally {
      active--;
    }
  };
}
