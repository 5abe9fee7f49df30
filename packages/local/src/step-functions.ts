import './polyfill';
import { stepFunctions, type WorkflowType } from '@orders/core/aws/limits';
import { StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';
import type { Execution, ExecutionEvent } from './executions';
import {
  executionHistory,
  type HistoryEvent,
  type HistoryNames,
  type TaskCall,
  taskStatesOf,
} from './workflow-logs';

/** Who receives each finished execution's history, and the names to record it with. */
export interface HistoryRecorder {
  names?: HistoryNames;
  /** Whether to build the history of an execution that just finished (it takes CPU); always, if absent. */
  active?: () => boolean;
  record(execution: Execution, history: HistoryEvent[]): void;
}

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type TaskHandler = (input: unknown) => Promise<unknown>;

/**
 * An error the interpreter lets no Retry and no Catch match, `States.ALL` included: aws-local-stepfunctions
 * reads `isRetryable` and `isCatchable` off the error it sees.
 */
abstract class TerminalError extends Error {
  readonly isRetryable = false;
  readonly isCatchable = false;
}

/** `States.DataLimitExceeded`: a state's input or output, or a task's input or result, over 256 KiB. */
export class DataLimitExceededError extends TerminalError {
  override readonly name = stepFunctions.dataLimitExceededError;
}

// Ends the interpreter's own loop once the execution was stopped (it would otherwise run a pending retry).
class ExecutionStoppedError extends TerminalError {
  override readonly name = 'ExecutionStopped';
}

/** The size Step Functions counts: the payload as a UTF-8 encoded JSON string. */
export function payloadBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value ?? null), 'utf8');
}

function checkPayload(what: string, value: unknown): void {
  const bytes = payloadBytes(value);
  if (bytes > stepFunctions.maxPayloadBytes) {
    throw new DataLimitExceededError(
      `${what} is ${bytes} bytes, over the ${stepFunctions.maxPayloadBytes}-byte limit of Step Functions`,
    );
  }
}

export interface LocalStateMachineOptions {
  /** The ASL definition, placeholders substituted. */
  definition: { StartAt: string; States: Record<string, unknown> };
  /** Local code for each Task state's Resource. */
  resources: Record<string, TaskHandler>;
  /** EXPRESS (production's type, the default) stops executions after 5 minutes; STANDARD runs on. */
  type?: WorkflowType;
  /** Shortens the Express limit of 5 minutes, for tests only; it never lengthens it. */
  expressTimeLimitMs?: number;
  /** Per state, the wait before each retry in ms (tests); otherwise the definition's real backoff. */
  retryIntervalOverrides?: Record<string, number | number[]>;
  /**
   * Given, receives each finished execution's history in Step Functions' own event types, Task attempts'
   * parameters and results included: what a LoggingConfiguration logs from (`workflowLogRecords`).
   */
  history?: HistoryRecorder;
}

// The interpreter's execution loop, which it keeps private: its event logger is where every state's input
// (StateEntered) and output (StateExited) pass, so that is where the payload limit is enforced. Pinned
// aws-local-stepfunctions 3.0.0; the workflow tests fail if a release moves it.
interface EventLogger {
  dispatchStateEnteredEvent(name: string, type: string, input: unknown): void;
  dispatchStateExitedEvent(name: string, type: string, input: unknown, output: unknown): void;
}
type Execute = (
  input: unknown,
  options: { eventLogger: EventLogger },
  cleanup: () => void,
) => Promise<unknown>;

/**
 * The ASL run by aws-local-stepfunctions with the limits Step Functions enforces: 256 KiB per state input and
 * output and per task input and result (`States.DataLimitExceeded`, which no Catch catches), each Task's
 * `TimeoutSeconds` (`States.Timeout`, the interpreter's own), and Express's 5 minutes (`TIMED_OUT`).
 */
export class LocalStateMachine {
  private readonly machine: StateMachine;
  private readonly taskStates: [string, string][];
  private readonly taskStatesByName: ReturnType<typeof taskStatesOf>;
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(private readonly options: LocalStateMachineOptions) {
    // Built once: constructing a StateMachine validates the whole definition.
    this.machine = new StateMachine(options.definition as unknown as StateMachineDefinition);
    this.taskStates = taskResources(options.definition);
    this.taskStatesByName = taskStatesOf(options.definition);
    for (const [stateName, resource] of this.taskStates) {
      if (options.resources[resource] === undefined)
        throw new Error(`no local code for the resource ${resource} of state ${stateName}`);
    }
    const internals = this.machine as unknown as { execute: Execute };
    if (typeof internals.execute !== 'function')
      throw new Error(
        'aws-local-stepfunctions no longer has the execution loop the payload limit hooks into',
      );
    const execute = internals.execute.bind(this.machine);
    internals.execute = (input, runOptions, cleanup) => {
      const logger = runOptions.eventLogger;
      const entered = logger.dispatchStateEnteredEvent.bind(logger);
      const exited = logger.dispatchStateExitedEvent.bind(logger);
      logger.dispatchStateEnteredEvent = (name, type, stateInput) => {
        checkPayload(`The input of state ${name}`, stateInput);
        entered(name, type, stateInput);
      };
      logger.dispatchStateExitedEvent = (name, type, stateInput, output) => {
        checkPayload(`The output of state ${name}`, output);
        exited(name, type, stateInput, output);
      };
      return execute(input, runOptions, cleanup);
    };
  }

  /** How long an execution may run, in ms; undefined for Standard (a year, as good as unbounded here). */
  get timeLimitMs(): number | undefined {
    if ((this.options.type ?? 'EXPRESS') === 'STANDARD') return undefined;
    const limit = stepFunctions.expressMaxDurationSeconds * 1000;
    return Math.min(limit, this.options.expressTimeLimitMs ?? limit);
  }

  /** Task code still running, including attempts whose state already timed out or whose execution stopped. */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  /** Runs one execution to its end, filling in its status, output or error, and its event log. */
  async run(execution: Execution, context: Record<string, unknown>): Promise<Execution> {
    let stopped = false;
    const calls: TaskCall[] = [];
    const recording = this.options.history !== undefined;
    const handlers: Record<string, (input: JsonValue) => Promise<JsonValue>> = {};
    for (const [stateName, resource] of this.taskStates) {
      const handler = this.options.resources[resource] as TaskHandler;
      handlers[stateName] = async (input) => {
        if (stopped) throw new ExecutionStoppedError(`the execution had stopped before ${stateName} ran`);
        checkPayload(`The input of task ${stateName}`, input);
        const attempt: TaskCall = { stateName, input, start: Date.now() };
        if (recording) calls.push(attempt);
        const call = handler(input);
        this.track(call);
        try {
          const result = toJson(await call);
          checkPayload(`The result of task ${stateName}`, result);
          attempt.output = result;
          return result;
        } catch (error) {
          if (error instanceof Error) attempt.error = error;
          throw error;
        } finally {
          attempt.end = Date.now();
        }
      };
    }
    const { result, eventLogs, abort } = this.machine.run(toJson(execution.input), {
      overrides: {
        taskResourceLocalHandlers: handlers,
        ...(this.options.retryIntervalOverrides
          ? { retryIntervalOverrides: this.options.retryIntervalOverrides }
          : {}),
      },
      context,
    });
    const logging = (async () => {
      for await (const event of eventLogs)
        execution.events.push(toExecutionEvent(event, execution.events.length + 1));
    })();
    let timedOut = false;
    const limit = this.timeLimitMs;
    const timer =
      limit === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true;
            stopped = true;
            abort();
          }, limit);
    try {
      execution.output = await result;
      execution.status = 'SUCCEEDED';
    } catch (error) {
      if (timedOut) {
        execution.status = 'TIMED_OUT';
        execution.error = stepFunctions.timeoutError;
        execution.cause = `The execution ran longer than the ${limit} ms an Express workflow may run.`;
      } else {
        execution.status = 'FAILED';
        const failure = unwrapFailure(error);
        execution.error = failure.error;
        execution.cause = failure.cause;
      }
    } finally {
      stopped = true;
      clearTimeout(timer);
    }
    await logging;
    if (timedOut) {
      const last = execution.events.at(-1);
      // The interpreter logs an abort; Step Functions logs a timeout, with its error.
      if (last?.type === 'ExecutionAborted') {
        last.type = 'ExecutionTimedOut';
        last.error = execution.error;
        last.cause = execution.cause;
      }
    }
    execution.stopDate = new Date().toISOString();
    const { history } = this.options;
    if (history !== undefined && (history.active?.() ?? true))
      history.record(execution, executionHistory(execution, calls, this.taskStatesByName, history.names));
    return execution;
  }

  private track(call: Promise<unknown>): void {
    const settled = call.then(
      () => undefined,
      () => undefined,
    );
    this.inFlight.add(settled);
    void settled.finally(() => this.inFlight.delete(settled));
  }
}

/** Every Task state's name and Resource, Map and Parallel branches included. */
export function taskResources(definition: { States: Record<string, unknown> }): [string, string][] {
  const found: [string, string][] = [];
  for (const [name, state] of Object.entries(definition.States)) {
    const s = state as {
      Type: string;
      Resource?: string;
      Branches?: { States: Record<string, unknown> }[];
      Iterator?: { States: Record<string, unknown> };
      ItemProcessor?: { States: Record<string, unknown> };
    };
    if (s.Type === 'Task' && s.Resource !== undefined) found.push([name, s.Resource]);
    for (const branch of [...(s.Branches ?? []), s.Iterator, s.ItemProcessor]) {
      if (branch !== undefined) found.push(...taskResources(branch));
    }
  }
  return found;
}

export function toJson(value: unknown): JsonValue {
  return value === undefined ? null : (JSON.parse(JSON.stringify(value)) as JsonValue);
}

interface LibraryEvent {
  type: string;
  timestamp: number;
  state?: { name: string; type: string; input: unknown; output?: unknown };
  input?: unknown;
  output?: unknown;
  Error?: string;
  Cause?: unknown;
  retry?: { attempt: number };
}

function toExecutionEvent(raw: unknown, id: number): ExecutionEvent {
  const event = raw as LibraryEvent;
  const entry: ExecutionEvent = { id, type: event.type, timestamp: new Date(event.timestamp).toISOString() };
  if (event.state !== undefined) {
    entry.stateName = event.state.name;
    entry.stateType = event.state.type;
    entry.input = event.state.input;
    if (event.state.output !== undefined) entry.output = event.state.output;
  } else {
    if (event.input !== undefined) entry.input = event.input;
    if (event.output !== undefined) entry.output = event.output;
  }
  if (event.Error !== undefined) entry.error = event.Error;
  if (event.Cause !== undefined)
    entry.cause = typeof event.Cause === 'string' ? event.Cause : JSON.stringify(event.Cause);
  if (event.retry !== undefined) entry.retryAttempt = event.retry.attempt;
  return entry;
}

// The library wraps a failed execution's error; its own cause holds the state machine's Error and Cause.
function unwrapFailure(error: unknown): { error: string; cause: string } {
  const inner = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  if (inner instanceof Error) return { error: inner.name, cause: inner.message };
  return { error: 'Error', cause: String(inner) };
}
