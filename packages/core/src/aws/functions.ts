// The Lambda functions' settings that AWS enforces on them: the stack deploys these and the local runtime
// enforces the same, so a slow or crowded function fails locally the way it fails on AWS.

export interface FunctionSettings {
  /** The function's timeout: past it Lambda stops the invocation (Step Functions sees `Lambda.Unknown`). */
  readonly timeoutSeconds: number;
  /** Reserved concurrency: beyond it invocations are throttled (`Lambda.TooManyRequestsException`). */
  readonly reservedConcurrency?: number;
}

/** Each function of the order workflow and its consumer, by the name the local runtime knows it by. */
export const functionSettings = {
  // Each below its Task's TimeoutSeconds in the ASL (10 and 12), so a slow attempt ends as a Lambda error the
  // workflow retries; short, because every attempt's worst case counts against Express's five minutes.
  validate: { timeoutSeconds: 8 },
  // Every concurrent SequenceAndStore for one partner but one loses the counter's condition and retries, so
  // unbounded concurrency turns a burst into a storm of failed transactions. Ten keeps throughput while
  // bounding that contention; the workflow retries Lambda.TooManyRequestsException with backoff.
  // Its own retries of a lost race or an unreachable table take up to about 8 s (`inFunctionSequencing`
  // in workflow/steps.ts): the timeout covers them, and every attempt's 12 s task time counts against
  // Express's five minutes, the failure path's lookups on this function included.
  sequenceAndStore: { timeoutSeconds: 10, reservedConcurrency: 10 },
  // Invoked asynchronously by the OrderRejected rule, outside the workflow's time budget.
  orderRejected: { timeoutSeconds: 25 },
} as const satisfies Record<string, FunctionSettings>;

export type FunctionName = keyof typeof functionSettings;
