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
  // Concurrent executions for one partner do not race on its counter: one holds the partner's numbering
  // lease and numbers the backlog in batches while the others wait in the function for their claims to be
  // stamped (docs/sequencing.md). Waiting holds concurrency, so the reservation bounds what all partners
  // together can have in flight: 100 at ~60 ms each is well over 1,000 orders a second. An account can
  // reserve "up to the Unreserved account concurrency value that is shown, minus 100"
  // (https://docs.aws.amazon.com/lambda/latest/dg/configuration-concurrency.html): with the usual 1,000
  // (https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html) that leaves 800 to spare; a
  // new account with a lower quota must ask for more before it deploys (docs/deploy.md).
  // Beyond it Lambda throttles and the workflow retries Lambda.TooManyRequestsException with backoff.
  // The function waits up to 6 s for a number (`inFunctionSequencing` in workflow/steps.ts): the timeout
  // covers that, and every attempt's 12 s task time counts against Express's five minutes, the failure
  // path's lookups on this function included.
  sequenceAndStore: { timeoutSeconds: 10, reservedConcurrency: 100 },
  // Invoked asynchronously by the OrderRejected rule, outside the workflow's time budget.
  orderRejected: { timeoutSeconds: 25 },
} as const satisfies Record<string, FunctionSettings>;

export type FunctionName = keyof typeof functionSettings;

/**
 * How every function logs: JSON, so Lambda filters by level; application lines from INFO (the handlers'
 * one line per step, Powertools' `POWERTOOLS_LOG_LEVEL`); Lambda's own system lines only from WARN. At the
 * default system level, INFO, Lambda sends a START and a REPORT line (and END) for every invocation; WARN
 * keeps its warnings and errors and drops those, whose figures CloudWatch's Lambda metrics already carry
 * (https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs-log-level.html).
 */
export const functionLogging = {
  format: 'JSON',
  applicationLogLevel: 'INFO',
  systemLogLevel: 'WARN',
} as const;
