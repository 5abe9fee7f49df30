import { lambda } from '../aws/limits';

// How long an execution of an ASL definition can take at worst when every attempt fails as late as it can:
// what the Express workflow's five minutes must cover (https://docs.aws.amazon.com/step-functions/latest/dg/express-limits.html).

interface Retrier {
  ErrorEquals: string[];
  IntervalSeconds?: number;
  MaxAttempts?: number;
  BackoffRate?: number;
  MaxDelaySeconds?: number;
}

interface StateDefinition {
  Type: string;
  Next?: string;
  End?: boolean;
  Default?: string;
  Choices?: { Next: string }[];
  Catch?: { Next: string }[];
  Retry?: Retrier[];
  TimeoutSeconds?: number;
  Seconds?: number;
}

export interface StateMachineShape {
  StartAt: string;
  States: Record<string, unknown>;
}

// The ASL defaults: https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html.
const retryDefaults = { IntervalSeconds: 1, MaxAttempts: 3, BackoffRate: 2 };

// Errors raised before the task's code runs: Lambda refuses a throttled Invoke at once, so such an attempt
// takes no task time, only its retry's wait.
const refusedBeforeRunning: ReadonlySet<string> = new Set([lambda.throttledError]);

/**
 * The longest one state can take: every attempt runs to its TimeoutSeconds (but an attempt refused before
 * it runs, a throttle, takes none), every retry waits its longest.
 */
export function worstCaseStateSeconds(state: StateDefinition): number {
  if (state.Type === 'Wait') return state.Seconds ?? 0;
  if (state.Type !== 'Task') return 0;
  if (state.TimeoutSeconds === undefined)
    throw new Error('a Task without TimeoutSeconds can run for as long as the execution may');
  let attempts = 1;
  let waits = 0;
  // Each retrier counts its own attempts, so the worst case runs every retrier to its end.
  for (const retrier of state.Retry ?? []) {
    const { IntervalSeconds, MaxAttempts, BackoffRate } = { ...retryDefaults, ...retrier };
    if (!retrier.ErrorEquals.every((error) => refusedBeforeRunning.has(error))) attempts += MaxAttempts;
    for (let retry = 0; retry < MaxAttempts; retry++) {
      const wait = IntervalSeconds * BackoffRate ** retry;
      waits += Math.min(wait, retrier.MaxDelaySeconds ?? Number.POSITIVE_INFINITY);
    }
  }
  return attempts * state.TimeoutSeconds + waits;
}

/**
 * The worst-case duration of an execution, in seconds: the longest path from StartAt through every
 * transition a state can take (Next, Choices, Default, Catch), each state at its worst. Throws on a loop,
 * whose worst case has no bound.
 */
export function worstCaseSeconds(definition: StateMachineShape): number {
  const memo = new Map<string, number>();
  const visiting = new Set<string>();
  const longestFrom = (name: string): number => {
    const known = memo.get(name);
    if (known !== undefined) return known;
    if (visiting.has(name)) throw new Error(`the states loop through ${name}: no worst case`);
    const state = definition.States[name] as StateDefinition | undefined;
    if (state === undefined) throw new Error(`no state ${name}`);
    visiting.add(name);
    const next = [
      state.Next,
      state.Default,
      ...(state.Choices ?? []).map((choice) => choice.Next),
      ...(state.Catch ?? []).map((catcher) => catcher.Next),
    ].filter((candidate): candidate is string => candidate !== undefined);
    const rest = Math.max(0, ...next.map(longestFrom));
    visiting.delete(name);
    const total = worstCaseStateSeconds(state) + rest;
    memo.set(name, total);
    return total;
  };
  return longestFrom(definition.StartAt);
}
