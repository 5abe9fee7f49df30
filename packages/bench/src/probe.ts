import { AsyncLocalStorage } from 'node:async_hooks';
import { Storage } from '@orders/core';
import type { DynamoLocal } from '@orders/dynamo-local';
import type { LocalBusOptions } from '@orders/local/bus';
import type { Execution } from '@orders/local/executions';
import type { LocalRuntimeOptions, WrappedTask } from '@orders/local/runtime';
import type { TaskHandler } from '@orders/local/workflow';
import type { HistoryEvent } from '@orders/local/workflow-logs';
import { itemBytes } from './item-size';
import {
  deployedNames,
  emptyOutput,
  type FunctionOutput,
  FunctionOutputMeter,
  type WorkflowLogBytes,
  workflowLogBytes,
} from './logs';

// The bench's only window into the running product. It observes and never alters: the task wrappers pass
// input and output through, the bus hook only reads, the DynamoDB middleware reads each request and its
// outcome without touching either, the workflow hook reads each finished execution's history, and the
// output meter counts what the handlers print (and keeps it off the terminal).

export type TaskName = 'validate' | 'sequenceAndStore' | 'orderRejected';

/** Wall-clock milliseconds with sub-millisecond resolution, comparable with `Date.parse` timestamps. */
export const now = (): number => performance.timeOrigin + performance.now();

/** One invocation of a task's local code (a Lambda invocation on AWS). */
export interface TaskRun {
  task: TaskName;
  submissionId: string | undefined;
  start: number;
  end: number;
  ok: boolean;
}

/** An item a write request puts or updates, as DynamoDB would size and bill it. */
export interface WrittenItem {
  /** The ElectroDB entity, lower case: `order`, `orderclaim`, `partnercounter`, `submission`, … */
  entity: string;
  submissionId: string | undefined;
  /** A submission's status as written (`pending` from the feed, a final status when settled). */
  status: string | undefined;
  bytes: number;
  /** Whether the item carries a global secondary index's key, so the index is written too. */
  indexed: boolean;
}

/** One request to DynamoDB. */
export interface DynamoCall {
  command: string;
  start: number;
  end: number;
  ok: boolean;
  error: string | undefined;
  /** The task that made it; `undefined` for the feed (the HTTP handler) and anything else outside a task. */
  task: TaskName | undefined;
  submissionId: string | undefined;
  consistentRead: boolean;
  transactional: boolean;
  items: WrittenItem[];
}

/** An event the bus accepted. */
export interface BusRecord {
  id: string;
  detailType: string;
  submissionId: string | undefined;
  at: number;
  /** The entry's size as billed: detail plus detail type and source. */
  bytes: number;
  /** The whole event as the bus archive keeps it, envelope included. */
  archivedBytes: number;
}

/** What the functions printed, by the function (its task name, or `feed` for the HTTP handler). */
export type FunctionOutputs = Record<string, FunctionOutput>;

/** Everything observed since the window was last taken. */
export interface ProbeWindow {
  tasks: TaskRun[];
  calls: DynamoCall[];
  events: BusRecord[];
  /** When each accepted order's transaction committed, by submission. */
  storedAt: Map<string, number>;
  /** When each submission's final status committed, by submission. */
  settledAt: Map<string, number>;
  /** The workflow's log bytes under each compared configuration, by the submission its execution ran. */
  workflowLogs: Map<string, WorkflowLogBytes>;
  functionOutput: FunctionOutputs;
}

const indexPartitionKeys = Object.values(Storage.tableKeys.globalIndexes).map((index) => index.partitionKey);

export class Probe {
  private window = emptyWindow();
  private readonly context = new AsyncLocalStorage<{ task: TaskName; submissionId: string | undefined }>();
  private readonly waiters = new Map<string, (at: number | undefined) => void>();
  private readonly output = new FunctionOutputMeter(
    () => this.context.getStore()?.task ?? 'feed',
    (owner, output) => {
      const total = this.window.functionOutput[owner] ?? emptyOutput();
      this.window.functionOutput[owner] = total;
      total.logLines += output.logLines;
      total.logBytes += output.logBytes;
      total.metricLines += output.metricLines;
      total.metricBytes += output.metricBytes;
    },
  );

  /** Whether executions' logs are sized: only in the runs the cost model reads, as sizing them takes CPU. */
  sizeWorkflowLogs = false;

  /** For `startLocalRuntime({ workflowHistory })`: sizes each execution's logs as production names would. */
  readonly workflowHistory: NonNullable<LocalRuntimeOptions['workflowHistory']> = {
    names: deployedNames,
    active: () => this.sizeWorkflowLogs,
    record: (execution: Execution, history: HistoryEvent[]) => {
      const submissionId = text(field(execution.input, 'detail', 'submissionId'));
      if (submissionId !== undefined)
        this.window.workflowLogs.set(submissionId, workflowLogBytes(history, execution.name));
    },
  };

  /** Starts counting what the handlers print (and keeping it off the terminal); `stopOutput` ends it. */
  meterOutput(): void {
    this.output.start();
  }

  stopOutput(): void {
    this.output.stop();
  }

  /** For `startLocalRuntime({ wrapTask })`: times each task and tags its DynamoDB requests with it. */
  readonly wrapTask = (wrapped: WrappedTask, handler: TaskHandler): TaskHandler => {
    // The workflow's own putEvents is timed as the bus, by `busOptions`.
    if (wrapped === 'putEvents') return handler;
    const task: TaskName = wrapped;
    return async (input) => {
      const submissionId = submissionOf(input);
      const start = now();
      let ok = false;
      try {
        const output = await this.context.run({ task, submissionId }, () => handler(input));
        ok = true;
        return output;
      } finally {
        this.window.tasks.push({ task, submissionId, start, end: now(), ok });
      }
    };
  };

  /** For `startLocalRuntime({ bus })`: notes when each event is accepted. */
  readonly busOptions: LocalBusOptions = {
    onAccepted: (event) => {
      this.window.events.push({
        id: event.id,
        detailType: event['detail-type'],
        submissionId: text(event.detail.submissionId),
        at: now(),
        bytes:
          Buffer.byteLength(JSON.stringify(event.detail)) + event['detail-type'].length + event.source.length,
        archivedBytes: Buffer.byteLength(JSON.stringify(event)),
      });
    },
  };

  /** Observes every request the client sends (the store and the feed share this client). */
  attach(client: DynamoLocal['client']): void {
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const input = args.input as unknown as Record<string, unknown>;
        const command = (context.commandName ?? 'Unknown').replace(/Command$/, '');
        const scope = this.context.getStore();
        const items = writtenItems(command, input);
        const call: DynamoCall = {
          command,
          start: now(),
          end: 0,
          ok: false,
          error: undefined,
          task: scope?.task,
          submissionId: scope?.submissionId ?? items.find((item) => item.submissionId)?.submissionId,
          consistentRead: input.ConsistentRead === true,
          transactional: command.startsWith('Transact'),
          items,
        };
        try {
          const result = await next(args);
          call.ok = true;
          return result;
        } catch (error) {
          call.error = error instanceof Error ? error.name : 'Error';
          throw error;
        } finally {
          call.end = now();
          this.window.calls.push(call);
          if (call.ok) this.noteCommitted(call);
        }
      },
      { step: 'initialize', name: 'benchProbe' },
    );
  }

  /** Resolves with the time the submission's final status committed, or undefined after `timeoutMs`. */
  whenSettled(submissionId: string, timeoutMs: number): Promise<number | undefined> {
    const at = this.window.settledAt.get(submissionId);
    if (at !== undefined) return Promise.resolve(at);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiters.delete(submissionId);
        resolve(undefined);
      }, timeoutMs);
      this.waiters.set(submissionId, (settled) => {
        clearTimeout(timer);
        resolve(settled);
      });
    });
  }

  /** What was observed since the last call, and a fresh window from now on. */
  take(): ProbeWindow {
    const taken = this.window;
    this.window = emptyWindow();
    return taken;
  }

  private noteCommitted(call: DynamoCall): void {
    for (const item of call.items) {
      if (item.submissionId === undefined) continue;
      if (item.entity === 'order') this.window.storedAt.set(item.submissionId, call.end);
      if (item.entity === 'submission' && item.status !== undefined && item.status !== 'pending') {
        if (!this.window.settledAt.has(item.submissionId))
          this.window.settledAt.set(item.submissionId, call.end);
        const waiter = this.waiters.get(item.submissionId);
        this.waiters.delete(item.submissionId);
        waiter?.(call.end);
      }
    }
  }
}

function emptyWindow(): ProbeWindow {
  return {
    tasks: [],
    calls: [],
    events: [],
    storedAt: new Map(),
    settledAt: new Map(),
    workflowLogs: new Map(),
    functionOutput: {},
  };
}

function field(value: unknown, ...path: string[]): unknown {
  let current = value;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

// Validate gets { event, executionId }, SequenceAndStore { order, payload, executionId }, the OrderRejected
// target the event itself.
function submissionOf(input: unknown): string | undefined {
  return (
    text(field(input, 'event', 'detail', 'submissionId')) ??
    text(field(input, 'order', 'submissionId')) ??
    text(field(input, 'detail', 'submissionId'))
  );
}

/** The items a write request puts or updates (requests arrive here unmarshalled, from ElectroDB). */
export function writtenItems(command: string, input: Record<string, unknown>): WrittenItem[] {
  switch (command) {
    case 'PutItem':
      return [fromPut(input.Item)];
    case 'UpdateItem':
      return [fromUpdate(input)];
    case 'TransactWriteItems': {
      const entries = Array.isArray(input.TransactItems) ? input.TransactItems : [];
      return entries.flatMap((entry: unknown) => {
        const put = field(entry, 'Put');
        if (put !== undefined) return [fromPut(field(put, 'Item'))];
        const update = field(entry, 'Update');
        if (update !== undefined) return [fromUpdate(update as Record<string, unknown>)];
        return [];
      });
    }
    default:
      return [];
  }
}

function entityOfKey(sortKey: unknown): string {
  // ElectroDB sort keys start with `$<entity>_<version>`.
  const match = typeof sortKey === 'string' ? /^\$([a-z]+)_/i.exec(sortKey) : null;
  return match?.[1]?.toLowerCase() ?? 'unknown';
}

function fromPut(item: unknown): WrittenItem {
  const record = (typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>;
  return {
    entity: text(record.__edb_e__)?.toLowerCase() ?? entityOfKey(record.sk),
    submissionId: text(record.submissionId),
    status: text(record.status),
    bytes: itemBytes(record),
    indexed: indexPartitionKeys.some((key) => key in record),
  };
}

// An update is sized as the item it leaves: its key plus every attribute it sets (ElectroDB names the value
// of attribute `x` `:x_u0`). DynamoDB bills the larger of the item before and after; these only grow.
function fromUpdate(update: Record<string, unknown>): WrittenItem {
  const key = (field(update, 'Key') ?? {}) as Record<string, unknown>;
  const values = (field(update, 'ExpressionAttributeValues') ?? {}) as Record<string, unknown>;
  const attributes: Record<string, unknown> = { ...key };
  for (const [placeholder, value] of Object.entries(values)) {
    const name = /^:(.+)_u\d+$/.exec(placeholder)?.[1];
    if (name !== undefined) attributes[name] = value;
  }
  return {
    entity: entityOfKey(key.sk),
    submissionId: text(attributes.submissionId),
    status: text(attributes.status),
    bytes: itemBytes(attributes),
    indexed: indexPartitionKeys.some((name) => name in attributes),
  };
}
