// Groups an execution's event log into one row per state visit, like the Step Functions console.
//
// The local engine logs, per visit: StateEntered, then for each failed attempt StateFailed followed by
// StateRetried (a retry) or StateCaught (a Catch took over), and StateExited when the state finished.
// A StateFailed with nothing after it failed the execution.
import type { ExecutionEvent, ExecutionStatus } from './types';

export type VisitStatus = 'running' | 'succeeded' | 'caught' | 'failed' | 'stopped';

export interface Failure {
  error?: string | undefined;
  cause?: string | undefined;
  at: string;
}

export interface Retry extends Failure {
  attempt: number;
}

export interface StateVisit {
  /** The id of the event that opened the visit; unique within an execution. */
  id: number;
  stateName: string;
  stateType?: string | undefined;
  status: VisitStatus;
  enteredAt: string;
  exitedAt?: string | undefined;
  durationMs?: number | undefined;
  input?: unknown;
  output?: unknown;
  /** Failed attempts that a Retry rule tried again. */
  retries: Retry[];
  /** The error a Catch rule handled. */
  caught?: Failure | undefined;
  /** The error that ended the visit, and with it the execution. */
  failure?: Failure | undefined;
  /** Map iteration and Parallel branch events, and any other event of this visit. */
  otherEvents: ExecutionEvent[];
}

interface Draft extends StateVisit {
  pendingFailure?: Failure | undefined;
}

export function groupStateVisits(
  events: readonly ExecutionEvent[],
  execution: { status: ExecutionStatus; stopDate?: string | undefined },
): StateVisit[] {
  const visits: Draft[] = [];
  const open = new Map<string, Draft[]>();

  const start = (event: ExecutionEvent, stateName: string): Draft => {
    const visit: Draft = {
      id: event.id,
      stateName,
      stateType: event.stateType,
      status: 'running',
      enteredAt: event.timestamp,
      input: event.input,
      retries: [],
      otherEvents: [],
    };
    visits.push(visit);
    open.set(stateName, [...(open.get(stateName) ?? []), visit]);
    return visit;
  };
  // Map iterations can run one state several times at once; the latest open visit is the best guess.
  const current = (event: ExecutionEvent, stateName: string) =>
    open.get(stateName)?.at(-1) ?? start(event, stateName);
  const close = (visit: Draft, at: string) => {
    visit.exitedAt = at;
    visit.durationMs = Date.parse(at) - Date.parse(visit.enteredAt);
    open.set(
      visit.stateName,
      (open.get(visit.stateName) ?? []).filter((entry) => entry !== visit),
    );
  };

  for (const event of [...events].sort((a, b) => a.id - b.id)) {
    const stateName = event.stateName;
    if (stateName === undefined) {
      attachToParent(event, visits);
      continue;
    }
    switch (event.type) {
      case 'StateEntered':
        start(event, stateName);
        break;
      case 'StateFailed': {
        const visit = current(event, stateName);
        visit.pendingFailure = { error: event.error, cause: event.cause, at: event.timestamp };
        break;
      }
      case 'StateRetried': {
        const visit = current(event, stateName);
        visit.retries.push({
          attempt: event.retryAttempt ?? visit.retries.length + 1,
          error: visit.pendingFailure?.error ?? event.error,
          cause: visit.pendingFailure?.cause ?? event.cause,
          at: event.timestamp,
        });
        visit.pendingFailure = undefined;
        break;
      }
      case 'StateCaught': {
        const visit = current(event, stateName);
        visit.caught = {
          error: visit.pendingFailure?.error ?? event.error,
          cause: visit.pendingFailure?.cause ?? event.cause,
          at: event.timestamp,
        };
        visit.pendingFailure = undefined;
        break;
      }
      case 'StateExited': {
        const visit = current(event, stateName);
        if (event.output !== undefined) visit.output = event.output;
        visit.status = visit.caught ? 'caught' : 'succeeded';
        close(visit, event.timestamp);
        break;
      }
      default:
        current(event, stateName).otherEvents.push(event);
    }
  }

  for (const visit of visits) {
    if (visit.exitedAt !== undefined) continue;
    if (visit.pendingFailure) {
      visit.status = 'failed';
      visit.failure = visit.pendingFailure;
      close(visit, visit.pendingFailure.at);
    } else if (execution.status !== 'RUNNING') {
      // The execution was aborted or timed out while this state ran.
      visit.status = 'stopped';
      if (execution.stopDate) close(visit, execution.stopDate);
    }
  }
  return visits.map(({ pendingFailure: _, ...visit }) => visit);
}

function attachToParent(event: ExecutionEvent, visits: Draft[]): void {
  if (!/^(Map|Parallel)/.test(event.type)) return;
  const parentType = event.type.startsWith('Map') ? 'Map' : 'Parallel';
  const parent = visits.findLast((visit) => visit.stateType === parentType && visit.exitedAt === undefined);
  parent?.otherEvents.push(event);
}
