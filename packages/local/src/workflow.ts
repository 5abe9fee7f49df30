import './polyfill';
import { randomUUID } from 'node:crypto';
import { type Events, Workflow } from '@orders/core';
import { StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';
import type { Execution, ExecutionEvent, ExecutionLog } from './executions';

type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type TaskHandler = (input: unknown) => Promise<unknown>;

const region = 'us-east-1';
const account = '000000000000';
export const stateMachineName = 'order-workflow';
const putEventsResource = 'arn:aws:states:::events:putEvents';

// aws-local-stepfunctions validates Resource ARNs, so the placeholders get ARN-shaped local values.
export const localSubstitutions: Workflow.WorkflowSubstitutions = {
  ValidateFunctionArn: `arn:aws:lambda:${region}:${account}:function:orders-local-validate`,
  SequenceAndStoreFunctionArn: `arn:aws:lambda:${region}:${account}:function:orders-local-sequence-and-store`,
  EventBusName: 'orders',
};

export interface LocalWorkflowOptions {
  validate: TaskHandler;
  sequenceAndStore: TaskHandler;
  bus: Events.EventPublisher;
  log: ExecutionLog;
  /** Per state, the wait before each retry in ms (tests); otherwise the definition's real backoff. */
  retryIntervalOverrides?: Record<string, number | number[]>;
}

/** A Task resource failed to put all its events: the state fails and its Retry applies. */
class FailedEntryError extends Error {
  override readonly name = 'EventBridge.FailedEntry';
}

/**
 * Runs the one ASL definition with aws-local-stepfunctions. Each Task state is mapped, by its Resource, to
 * local code: Lambda ARNs to the handler functions, `events:putEvents` to the local bus.
 */
export class LocalWorkflow {
  private readonly machine: StateMachine;
  private readonly taskHandlers: Record<string, (input: JsonValue) => Promise<JsonValue>>;
  private readonly running = new Set<Promise<Execution>>();

  constructor(private readonly options: LocalWorkflowOptions) {
    const definition = Workflow.substituteDefinition(localSubstitutions);
    // Built once: constructing a StateMachine validates the whole definition.
    this.machine = new StateMachine(definition as unknown as StateMachineDefinition);
    const byResource: Record<string, TaskHandler> = {
      [localSubstitutions.ValidateFunctionArn]: options.validate,
      [localSubstitutions.SequenceAndStoreFunctionArn]: options.sequenceAndStore,
      [putEventsResource]: (input) => this.putEvents(input),
    };
    this.taskHandlers = {};
    for (const [stateName, resource] of taskResources(definition)) {
      const handler = byResource[resource];
      if (handler === undefined)
        throw new Error(`no local code for the resource ${resource} of state ${stateName}`);
      this.taskHandlers[stateName] = async (input) => toJson(await handler(input));
    }
  }

  /** Starts an execution and returns its ARN at once; the execution runs on in the background. */
  start(input: unknown): { executionArn: string; done: Promise<Execution> } {
    const name = randomUUID();
    const executionArn = `arn:aws:states:${region}:${account}:execution:${stateMachineName}:${name}`;
    const startDate = new Date().toISOString();
    const execution: Execution = { executionArn, name, status: 'RUNNING', startDate, input, events: [] };
    this.options.log.add(execution);
    const done = this.run(execution);
    this.running.add(done);
    void done.finally(() => this.running.delete(done));
    return { executionArn, done };
  }

  /** Executions still running. */
  get pending(): number {
    return this.running.size;
  }

  /** Resolves when no execution is running. */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  private async run(execution: Execution): Promise<Execution> {
    const { result, eventLogs } = this.machine.run(toJson(execution.input), {
      overrides: {
        taskResourceLocalHandlers: this.taskHandlers,
        ...(this.options.retryIntervalOverrides
          ? { retryIntervalOverrides: this.options.retryIntervalOverrides }
          : {}),
      },
      context: {
        Execution: {
          Id: execution.executionArn,
          Name: execution.name,
          Input: toJson(execution.input),
          StartTime: execution.startDate,
        },
        StateMachine: {
          Id: `arn:aws:states:${region}:${account}:stateMachine:${stateMachineName}`,
          Name: stateMachineName,
        },
      },
    });
    const logging = (async () => {
      for await (const event of eventLogs)
        execution.events.push(toExecutionEvent(event, execution.events.length + 1));
    })();
    try {
      execution.output = await result;
      execution.status = 'SUCCEEDED';
    } catch (error) {
      execution.status = 'FAILED';
      const failure = unwrapFailure(error);
      execution.error = failure.error;
      execution.cause = failure.cause;
    }
    await logging;
    execution.stopDate = new Date().toISOString();
    this.options.log.finish(execution);
    return execution;
  }

  // The events:putEvents integration takes Detail as JSON and fails the task when an entry fails.
  private async putEvents(input: unknown): Promise<Events.PutEventsResult> {
    const { Entries } = input as { Entries: (Omit<Events.EventEntry, 'Detail'> & { Detail: unknown })[] };
    const result = await this.options.bus.putEvents(
      Entries.map((entry) => ({
        ...entry,
        Detail: typeof entry.Detail === 'string' ? entry.Detail : JSON.stringify(entry.Detail),
      })),
    );
    if (result.FailedEntryCount > 0) {
      throw new FailedEntryError(`${result.FailedEntryCount} of ${Entries.length} events were not put`);
    }
    return result;
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

function toJson(value: unknown): JsonValue {
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
