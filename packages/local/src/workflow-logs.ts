import { stepFunctions } from '@orders/core/aws/limits';
import {
  executionDataFields,
  logsEventType,
  maxLoggedPayloadBytes,
  type WorkflowLogging,
} from '@orders/core/aws/workflow-logging';
import type { Execution, ExecutionEvent } from './executions';

// What Step Functions would send to CloudWatch Logs for a local execution: its history in AWS's event types
// (TaskStateEntered, LambdaFunctionScheduled, …) with their details, and the log records a LoggingConfiguration
// keeps of it. The local execution log has each state's input and output; the task calls the runtime made
// add what AWS logs besides (each attempt's parameters and result), so the records are the real ones, sized
// as CloudWatch meters them.

/** One Task attempt as the runtime ran it: the resource's input after Parameters, and its result. */
export interface TaskCall {
  stateName: string;
  input: unknown;
  /** Undefined while running or when it failed. */
  output?: unknown;
  /** What the task threw, when it failed. */
  error?: Error;
  start: number;
  end?: number;
}

/** One event of an execution's history, details as GetExecutionHistory names them (input and output as JSON text). */
export interface HistoryEvent {
  id: number;
  previousEventId: number;
  type: string;
  timestamp: number;
  details: Record<string, unknown>;
}

/** One log event as Step Functions writes it to the log group (AWS's own field names). */
export interface WorkflowLogRecord {
  id: string;
  type: string;
  details: Record<string, unknown>;
  previous_event_id: string;
  event_timestamp: string;
  execution_arn: string;
  redrive_count: string;
}

/** Names as the deployed account has them; the local ones otherwise. */
export interface HistoryNames {
  roleArn?: string;
  /** The deployed ARN of a Task's resource (a function's alias ARN); the definition's otherwise. */
  resourceArn?: (resource: string) => string;
}

interface TaskState {
  resource: string;
  timeoutSeconds: number | undefined;
}

/** Every Task state's resource and timeout, Map and Parallel branches included. */
export function taskStatesOf(definition: { States: Record<string, unknown> }): Map<string, TaskState> {
  const found = new Map<string, TaskState>();
  const visit = (states: Record<string, unknown>) => {
    for (const [name, state] of Object.entries(states)) {
      const s = state as {
        Type: string;
        Resource?: string;
        TimeoutSeconds?: number;
        Branches?: { States: Record<string, unknown> }[];
        Iterator?: { States: Record<string, unknown> };
        ItemProcessor?: { States: Record<string, unknown> };
      };
      if (s.Type === 'Task' && s.Resource !== undefined)
        found.set(name, { resource: s.Resource, timeoutSeconds: s.TimeoutSeconds });
      for (const branch of [...(s.Branches ?? []), s.Iterator, s.ItemProcessor])
        if (branch !== undefined) visit(branch.States);
    }
  };
  visit(definition.States);
  return found;
}

const localRoleArn = 'arn:aws:iam::000000000000:role/orders-local-order-workflow';

// A service integration (`arn:aws:states:::events:putEvents`) logs Task* events naming its service and API;
// a Lambda ARN as the Resource logs LambdaFunction* events naming the function.
function integrationOf(resource: string): { resourceType: string; resource: string } | undefined {
  const match = /^arn:aws:states:::([^:]+):([^.]+)/.exec(resource);
  return match === null ? undefined : { resourceType: match[1] as string, resource: match[2] as string };
}

const text = (value: unknown) => JSON.stringify(value ?? null);

/**
 * The history Step Functions records for an execution the local runtime ran: each state's entered and exited
 * events by its type, and for each Task attempt its scheduled, started and succeeded (or failed, timed out)
 * events with the parameters and result the runtime saw.
 */
export function executionHistory(
  execution: Execution,
  calls: readonly TaskCall[],
  taskStates: ReadonlyMap<string, TaskState>,
  names: HistoryNames = {},
): HistoryEvent[] {
  const history: HistoryEvent[] = [];
  const pending = new Map<string, TaskCall[]>();
  for (const call of calls) pending.set(call.stateName, [...(pending.get(call.stateName) ?? []), call]);
  // The attempt running in each Task state (Map and Parallel branches may run states side by side).
  const current = new Map<string, TaskCall>();
  const push = (type: string, timestamp: number, details: Record<string, unknown>) => {
    const id = history.length + 1;
    history.push({ id, previousEventId: id - 1, type, timestamp, details });
  };
  const resourceOf = (state: TaskState) => names.resourceArn?.(state.resource) ?? state.resource;
  const schedule = (stateName: string, at: number) => {
    const state = taskStates.get(stateName);
    if (state === undefined) return;
    const call = pending.get(stateName)?.shift();
    if (call === undefined) current.delete(stateName);
    else current.set(stateName, call);
    const input = text(call?.input);
    const start = call?.start ?? at;
    const integration = integrationOf(state.resource);
    const timeout = state.timeoutSeconds === undefined ? {} : { timeoutInSeconds: state.timeoutSeconds };
    if (integration === undefined) {
      push('LambdaFunctionScheduled', start, {
        input,
        inputDetails: { truncated: false },
        resource: resourceOf(state),
        ...timeout,
      });
      push('LambdaFunctionStarted', start, {});
    } else {
      push('TaskScheduled', start, {
        ...integration,
        region: 'us-east-1',
        parameters: input,
        ...timeout,
      });
      push('TaskStarted', start, integration);
    }
  };
  const finish = (event: ExecutionEvent, at: number) => {
    const stateName = event.stateName ?? '';
    const state = taskStates.get(stateName);
    if (state === undefined) return;
    const integration = integrationOf(state.resource);
    const call = current.get(stateName);
    current.delete(stateName);
    const end = call?.end ?? at;
    if (event.type === 'StateFailed') {
      const timedOut = event.error === stepFunctions.timeoutError;
      const failure = {
        error: event.error,
        cause: causeOf(event, integration === undefined ? call : undefined),
      };
      if (integration === undefined)
        push(timedOut ? 'LambdaFunctionTimedOut' : 'LambdaFunctionFailed', end, failure);
      else push(timedOut ? 'TaskTimedOut' : 'TaskFailed', end, { ...integration, ...failure });
    } else if (integration === undefined) {
      push('LambdaFunctionSucceeded', end, {
        output: text(call?.output),
        outputDetails: { truncated: false },
      });
    } else {
      push('TaskSucceeded', end, {
        ...integration,
        output: text(call?.output),
        outputDetails: { truncated: false },
      });
    }
  };
  for (const event of execution.events) {
    const at = Date.parse(event.timestamp);
    const type = event.stateType ?? '';
    switch (event.type) {
      case 'ExecutionStarted':
        push('ExecutionStarted', at, {
          input: text(event.input ?? execution.input),
          inputDetails: { truncated: false },
          roleArn: names.roleArn ?? localRoleArn,
        });
        break;
      case 'StateEntered':
        push(`${type}StateEntered`, at, {
          input: text(event.input),
          inputDetails: { truncated: false },
          name: event.stateName,
        });
        if (type === 'Task') schedule(event.stateName ?? '', at);
        break;
      case 'StateRetried':
        if (type === 'Task') schedule(event.stateName ?? '', at);
        break;
      case 'StateFailed':
        // A Fail state's own failure is the ExecutionFailed that follows.
        if (type === 'Task') finish(event, at);
        break;
      case 'StateExited':
        // A caught failure has already logged its attempt's end.
        if (type === 'Task' && current.has(event.stateName ?? '')) finish(event, at);
        push(`${type}StateExited`, at, {
          name: event.stateName,
          output: text(event.output),
          outputDetails: { truncated: false },
        });
        break;
      case 'ExecutionSucceeded':
        push('ExecutionSucceeded', at, { output: text(event.output), outputDetails: { truncated: false } });
        break;
      case 'ExecutionFailed':
      case 'ExecutionTimedOut':
        push(event.type, at, { error: event.error, cause: event.cause });
        break;
      case 'ExecutionAborted':
        push('ExecutionAborted', at, {});
        break;
      default:
        // StateCaught has no event of its own; Map and Parallel events keep the interpreter's names.
        if (/^(Map|Parallel)/.test(event.type)) push(event.type, at, {});
    }
  }
  return history;
}

// Errors the function's own code threw reach Step Functions as the Node.js runtime reports them: the Cause is
// the invocation's error payload, `{"errorType","errorMessage","trace"}`, the stack's lines included
// (https://docs.aws.amazon.com/lambda/latest/dg/nodejs-exceptions.html). Lambda's and Step Functions' own
// errors (throttles, timeouts) keep the cause they have.
function causeOf(event: ExecutionEvent, call: TaskCall | undefined): string | undefined {
  const error = call?.error;
  if (error === undefined || /^(Lambda|States|Sandbox)\./.test(error.name)) return event.cause;
  return JSON.stringify({
    errorType: error.name,
    errorMessage: error.message,
    trace: (error.stack ?? `${error.name}: ${error.message}`).split('\n'),
  });
}

/**
 * The log records a configuration keeps of a history: the event types its level logs, each without its
 * execution data unless the configuration includes it, and any input or output cut where CloudWatch Logs
 * would cut it.
 */
export function workflowLogRecords(
  history: readonly HistoryEvent[],
  logging: WorkflowLogging,
  executionArn: string,
): WorkflowLogRecord[] {
  return history
    .filter((event) => logsEventType(logging, event.type))
    .map((event) => ({
      id: String(event.id),
      type: event.type,
      details: logging.includeExecutionData
        ? truncated(event.details)
        : Object.fromEntries(Object.entries(event.details).filter(([key]) => !executionDataFields.has(key))),
      previous_event_id: String(event.previousEventId),
      event_timestamp: String(event.timestamp),
      execution_arn: executionArn,
      redrive_count: '0',
    }));
}

function truncated(details: Record<string, unknown>): Record<string, unknown> {
  const cut = { ...details };
  for (const [field, flag] of [
    ['input', 'inputDetails'],
    ['output', 'outputDetails'],
  ] as const) {
    const original = cut[field];
    if (typeof original !== 'string') continue;
    let value = original;
    let bytes = Buffer.byteLength(JSON.stringify(value));
    if (bytes <= maxLoggedPayloadBytes) continue;
    while (bytes > maxLoggedPayloadBytes) {
      value = value.slice(0, Math.floor((value.length * maxLoggedPayloadBytes) / bytes) - 1);
      bytes = Buffer.byteLength(JSON.stringify(value));
    }
    cut[field] = value;
    cut[flag] = { truncated: true };
  }
  return cut;
}

/** "Each log event … the sum of [its UTF-8 bytes] plus 26 bytes" (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutLogEvents.html). */
export const logEventOverheadBytes = 26;

/** A log record's size as CloudWatch Logs meters it. */
export function meteredBytes(record: WorkflowLogRecord): number {
  return Buffer.byteLength(JSON.stringify(record)) + logEventOverheadBytes;
}
