import { randomUUID } from 'node:crypto';
import { type Events, Workflow } from '@orders/core';
import type { WorkflowType } from '@orders/core/aws/limits';
import type { Execution, ExecutionLog } from './executions';
import { type HistoryRecorder, LocalStateMachine, type TaskHandler } from './step-functions';

export { type TaskHandler, taskResources } from './step-functions';

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
  /** EXPRESS, as production runs it (the default), or STANDARD, as the other stages do. */
  type?: WorkflowType;
  /** Shortens Express's 5-minute limit, for tests only. */
  expressTimeLimitMs?: number;
  /** Receives each finished execution's history as Step Functions records it (what its logs are made of). */
  history?: HistoryRecorder;
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
  private readonly machine: LocalStateMachine;
  private readonly running = new Set<Promise<Execution>>();

  constructor(private readonly options: LocalWorkflowOptions) {
    const definition = Workflow.substituteDefinition(localSubstitutions);
    this.machine = new LocalStateMachine({
      definition,
      resources: {
        [localSubstitutions.ValidateFunctionArn]: options.validate,
        [localSubstitutions.SequenceAndStoreFunctionArn]: options.sequenceAndStore,
        [putEventsResource]: (input) => this.putEvents(input),
      },
      ...(options.type === undefined ? {} : { type: options.type }),
      ...(options.expressTimeLimitMs === undefined ? {} : { expressTimeLimitMs: options.expressTimeLimitMs }),
      ...(options.retryIntervalOverrides ? { retryIntervalOverrides: options.retryIntervalOverrides } : {}),
      ...(options.history === undefined ? {} : { history: options.history }),
    });
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

  /** Resolves when no execution is running and no task code is left running after its state ended. */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
    await this.machine.idle();
  }

  private async run(execution: Execution): Promise<Execution> {
    await this.machine.run(execution, {
      Execution: {
        Id: execution.executionArn,
        Name: execution.name,
        Input: execution.input,
        StartTime: execution.startDate,
      },
      StateMachine: {
        Id: `arn:aws:states:${region}:${account}:stateMachine:${stateMachineName}`,
        Name: stateMachineName,
      },
    });
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
