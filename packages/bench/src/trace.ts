import type { Execution, ExecutionEvent } from '@orders/local/executions';
import type { LoadRun, SentOrder } from './load';
import type { WorkflowLogBytes } from './logs';
import type { BusRecord, DynamoCall, ProbeWindow, TaskRun } from './probe';

/** How an order ended, read from the states its execution went through. */
export type Outcome = 'accepted' | 'duplicate' | 'invalid' | 'conflict' | 'failed' | 'unsettled';

export const outcomes: readonly Outcome[] = [
  'accepted',
  'duplicate',
  'invalid',
  'conflict',
  'failed',
  'unsettled',
];

/** An execution's timing, from its event log (millisecond timestamps). */
export interface ExecutionTiming {
  executionArn: string;
  start: number;
  stop: number | undefined;
  /** States entered plus retries: what Step Functions Standard bills as state transitions. */
  transitions: number;
  states: Map<string, { entered: number; exited: number | undefined }>;
  outcome: Outcome;
  events: ExecutionEvent[];
}

/** Everything known about one order, joined by its submission id. */
export interface OrderTrace {
  sent: SentOrder;
  outcome: Outcome;
  receivedAt: number | undefined;
  /** When the bus accepted its OrderSubmitted event. */
  publishedAt: number | undefined;
  execution: ExecutionTiming | undefined;
  storedAt: number | undefined;
  settledAt: number | undefined;
  tasks: TaskRun[];
  calls: DynamoCall[];
  events: BusRecord[];
  /** What its execution's logs would weigh under each compared logging configuration. */
  workflowLogs: WorkflowLogBytes | undefined;
}

// The terminal path of each outcome: the one state only that outcome passes through.
const outcomeStates: [string, Outcome][] = [
  ['Accepted', 'accepted'],
  ['Duplicate', 'duplicate'],
  ['DescribeValidationRejection', 'invalid'],
  ['DescribeConflictRejection', 'conflict'],
  ['DescribeProcessingFailure', 'failed'],
];

/** Reads an execution's timing and outcome from its event log. */
export function timeExecution(execution: Execution): ExecutionTiming {
  const states = new Map<string, { entered: number; exited: number | undefined }>();
  let transitions = 0;
  for (const event of execution.events) {
    const at = Date.parse(event.timestamp);
    if (event.type === 'StateEntered' || event.type === 'StateRetried') transitions++;
    if (event.stateName === undefined) continue;
    if (event.type === 'StateEntered' && !states.has(event.stateName))
      states.set(event.stateName, { entered: at, exited: undefined });
    if (event.type === 'StateExited') {
      const state = states.get(event.stateName);
      if (state !== undefined) state.exited = at;
    }
  }
  const first = execution.events[0];
  const last = execution.events[execution.events.length - 1];
  const finished = execution.status !== 'RUNNING';
  return {
    executionArn: execution.executionArn,
    start: first === undefined ? Date.parse(execution.startDate) : Date.parse(first.timestamp),
    stop: !finished ? undefined : last === undefined ? undefined : Date.parse(last.timestamp),
    transitions,
    states,
    outcome: outcomeStates.find(([state]) => states.has(state))?.[1] ?? 'unsettled',
    events: execution.events,
  };
}

function submissionOfExecution(execution: Execution): string | undefined {
  const detail = (execution.input as { detail?: { submissionId?: unknown } } | null)?.detail;
  return typeof detail?.submissionId === 'string' ? detail.submissionId : undefined;
}

function receivedAtOf(execution: Execution): number | undefined {
  const detail = (execution.input as { detail?: { receivedAt?: unknown } } | null)?.detail;
  return typeof detail?.receivedAt === 'string' ? Date.parse(detail.receivedAt) : undefined;
}

function groupBy<T>(items: T[], key: (item: T) => string | undefined): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const id = key(item);
    if (id === undefined) continue;
    const group = groups.get(id);
    if (group === undefined) groups.set(id, [item]);
    else group.push(item);
  }
  return groups;
}

/** Joins a run's sent orders with what the probe saw and with the executions' logs. */
export function traceOrders(run: LoadRun, window: ProbeWindow, executions: Execution[]): OrderTrace[] {
  const executionsBySubmission = new Map<string, Execution>();
  for (const execution of executions) {
    const submissionId = submissionOfExecution(execution);
    if (submissionId !== undefined) executionsBySubmission.set(submissionId, execution);
  }
  const tasks = groupBy(window.tasks, (task) => task.submissionId);
  const calls = groupBy(window.calls, (call) => call.submissionId);
  const events = groupBy(window.events, (event) => event.submissionId);
  return run.sent.map((sent): OrderTrace => {
    const id = sent.submissionId;
    const execution = id === undefined ? undefined : executionsBySubmission.get(id);
    const timing = execution === undefined ? undefined : timeExecution(execution);
    const own = id === undefined ? [] : (events.get(id) ?? []);
    const settledAt = id === undefined ? undefined : window.settledAt.get(id);
    return {
      sent,
      outcome: settledAt === undefined ? 'unsettled' : (timing?.outcome ?? 'unsettled'),
      receivedAt: execution === undefined ? undefined : receivedAtOf(execution),
      publishedAt: own.find((event) => event.detailType === 'OrderSubmitted')?.at,
      execution: timing,
      storedAt: id === undefined ? undefined : window.storedAt.get(id),
      settledAt,
      tasks: id === undefined ? [] : (tasks.get(id) ?? []),
      calls: id === undefined ? [] : (calls.get(id) ?? []),
      events: own,
      workflowLogs: id === undefined ? undefined : window.workflowLogs.get(id),
    };
  });
}
