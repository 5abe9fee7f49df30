// What the order workflow sends to CloudWatch Logs: the LoggingConfiguration semantics the stacks deploy and
// the local runtime renders (packages/local/src/workflow-logs.ts), so the cost model meters the very records
// a configuration would produce. No SDK here: the stacks, the runtime and the bench all read it.

/** "OFF | ALL | ERROR | FATAL" (https://docs.aws.amazon.com/step-functions/latest/apireference/API_LoggingConfiguration.html). */
export type WorkflowLogLevel = 'ALL' | 'ERROR' | 'FATAL' | 'OFF';

/** A state machine's LoggingConfiguration, less its destination. */
export interface WorkflowLogging {
  readonly level: WorkflowLogLevel;
  /** "When set to false, data is excluded": every input, output and task parameters (API_LoggingConfiguration above). */
  readonly includeExecutionData: boolean;
}

/**
 * The two configurations the product deploys (stacks/stage.ts picks one per stage; docs/cost.md has the
 * measurement behind the choice). Production logs only what failed, and never execution data: a logged
 * input or output would carry the partner's order. Every step's outcome is in the functions' own logs
 * already, keyed by execution and submission id. Other stages log everything, data included, to debug with.
 */
export const workflowLogging = {
  production: { level: 'ERROR', includeExecutionData: false },
  full: { level: 'ALL', includeExecutionData: true },
} as const satisfies Record<string, WorkflowLogging>;

/**
 * The event types the ERROR level logs; FATAL logs the execution's own failures only, ALL logs every type
 * (https://docs.aws.amazon.com/step-functions/latest/dg/cloudwatch-log-level.html).
 */
export const errorLevelEventTypes: ReadonlySet<string> = new Set([
  'ExecutionAborted',
  'ExecutionFailed',
  'ExecutionTimedOut',
  'FailStateEntered',
  'LambdaFunctionFailed',
  'LambdaFunctionScheduleFailed',
  'LambdaFunctionStartFailed',
  'LambdaFunctionTimedOut',
  'MapIterationAborted',
  'MapIterationFailed',
  'MapStateAborted',
  'MapStateFailed',
  'ParallelStateAborted',
  'ParallelStateFailed',
  'TaskFailed',
  'TaskStartFailed',
  'TaskStateAborted',
  'TaskSubmitFailed',
  'TaskTimedOut',
  'WaitStateAborted',
]);
export const fatalLevelEventTypes: ReadonlySet<string> = new Set([
  'ExecutionAborted',
  'ExecutionFailed',
  'ExecutionTimedOut',
]);

/**
 * The fields of an event's details that are execution data, and go when `includeExecutionData` is false:
 * names, resources, errors and causes stay (AWS-recorded log events of both settings:
 * https://github.com/localstack/localstack/blob/main/tests/aws/services/stepfunctions/v2/logs/test_logs.snapshot.json).
 */
export const executionDataFields: ReadonlySet<string> = new Set([
  'input',
  'inputDetails',
  'output',
  'outputDetails',
  'parameters',
]);

/**
 * "If escaped input or escaped output sent to CloudWatch Logs exceeds 248KB, it will be truncated"; the
 * event's `inputDetails`/`outputDetails` then say `truncated: true`
 * (https://docs.aws.amazon.com/step-functions/latest/dg/cw-logs.html).
 */
export const maxLoggedPayloadBytes = 248 * 1024;

/** Whether a configuration logs events of this type at all. */
export function logsEventType(logging: WorkflowLogging, type: string): boolean {
  switch (logging.level) {
    case 'ALL':
      return true;
    case 'ERROR':
      return errorLevelEventTypes.has(type);
    case 'FATAL':
      return fatalLevelEventTypes.has(type);
    case 'OFF':
      return false;
  }
}
