import { Events, Storage } from '@orders/core';
import { type FunctionName, functionSettings } from '@orders/core/aws/functions';
import type { WorkflowType } from '@orders/core/aws/limits';
import { type DynamoLocal, startDynamoLocal } from '@orders/dynamo-local';
import {
  createOrderRejectedHandler,
  createSequenceAndStoreHandler,
  createValidateHandler,
} from '@orders/functions';
import { type BusEvent, LocalBus, type LocalBusOptions } from './bus';
import { ExecutionLog } from './executions';
import { AsyncFunction, withFunctionTimeout } from './lambda';
import { throttleConcurrency } from './limit';
import type { HistoryRecorder } from './step-functions';
import { LocalWorkflow, type TaskHandler } from './workflow';

export interface LocalRuntimeOptions {
  /** Where DynamoDB Local keeps its data; omitted, everything lives in memory. */
  dataDir?: string;
  tableName?: string;
  /** Where finished executions' event logs are kept across restarts; omitted, only in memory. */
  executionLogFile?: string;
  bus?: LocalBusOptions;
  retryIntervalOverrides?: Record<string, number | number[]>;
  /**
   * The workflow's type. EXPRESS by default, as production runs it, so that its 5-minute limit holds
   * locally too; STANDARD is what the other stages deploy.
   */
  workflowType?: WorkflowType;
  /** Shortens Express's 5-minute limit (tests only). */
  expressTimeLimitMs?: number;
  /** Shortens functions' timeouts, in ms, by function (tests only); otherwise the deployed timeouts. */
  functionTimeoutsMs?: Partial<Record<FunctionName, number>>;
  /** Lambda's waits before its two retries of a failed asynchronous event (1 and 2 minutes on AWS). */
  asyncRetryDelaysMs?: readonly number[];
  /**
   * Wraps a task's local code, by the name of the function it stands for (fault injection in tests);
   * `putEvents` is the workflow's own events:putEvents integration. The store lets a wrapper do part of a
   * handler's work and then fail, the way a function dies after its write committed.
   */
  wrapTask?: (task: WrappedTask, handler: TaskHandler, context: { store: Storage.Store }) => TaskHandler;
  /** Receives each finished execution's history as Step Functions records it (the bench sizes its logs). */
  workflowHistory?: HistoryRecorder;
}

export type WrappedTask = FunctionName | 'putEvents';

export interface LocalRuntime {
  engine: DynamoLocal;
  store: Storage.Store;
  bus: LocalBus;
  workflow: LocalWorkflow;
  executions: ExecutionLog;
  /** The record-error function, invoked asynchronously by the OrderRejected rule; its on-failure queue. */
  recordError: AsyncFunction<BusEvent>;
  /** Replays of the bus's archive to the OrderSubmitted rule, as StartReplay on AWS. */
  replays: Events.ReplaySource;
  /** How many invocations each function's reserved concurrency refused. */
  throttles: Partial<Record<FunctionName, number>>;
  /** Resolves once no event is being delivered and no execution is running. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

const functionArn = (name: string) => `arn:aws:lambda:us-east-1:000000000000:function:orders-local-${name}`;

/**
 * Starts the whole product in-process: DynamoDB Local, the bus with its rules, and the workflow, each
 * function under the limits AWS puts on it (timeout, reserved concurrency, asynchronous retries).
 */
export async function startLocalRuntime(options: LocalRuntimeOptions = {}): Promise<LocalRuntime> {
  const engine = await startDynamoLocal(options.dataDir === undefined ? {} : { dataDir: options.dataDir });
  const tableName = options.tableName ?? 'orders';
  await Storage.ensureTable(engine.client, tableName);
  const store = Storage.createStore({ client: engine.client, tableName });
  const throttles: LocalRuntime['throttles'] = {};
  const wrap = (task: WrappedTask, handler: TaskHandler) =>
    options.wrapTask === undefined ? handler : options.wrapTask(task, handler, { store });

  // A function as Lambda runs it: throttled beyond its reserved concurrency, stopped at its timeout.
  const deploy = (name: FunctionName, handler: TaskHandler): TaskHandler => {
    const settings: { timeoutSeconds: number; reservedConcurrency?: number } = functionSettings[name];
    const timed = withFunctionTimeout(
      options.functionTimeoutsMs?.[name] ?? settings.timeoutSeconds * 1000,
      wrap(name, handler),
    );
    if (settings.reservedConcurrency === undefined) return timed;
    return throttleConcurrency(settings.reservedConcurrency, timed, () => {
      throttles[name] = (throttles[name] ?? 0) + 1;
    });
  };

  const bus = new LocalBus(options.bus);
  const emit = wrap('putEvents', (entries) => bus.putEvents(entries as Events.EventEntry[]));
  const executions = new ExecutionLog(5_000, options.executionLogFile);
  const workflow = new LocalWorkflow({
    validate: deploy('validate', createValidateHandler()),
    sequenceAndStore: deploy('sequenceAndStore', createSequenceAndStoreHandler({ store })),
    bus: { putEvents: async (entries) => (await emit(entries)) as Events.PutEventsResult },
    log: executions,
    ...(options.workflowType === undefined ? {} : { type: options.workflowType }),
    ...(options.expressTimeLimitMs === undefined ? {} : { expressTimeLimitMs: options.expressTimeLimitMs }),
    ...(options.retryIntervalOverrides ? { retryIntervalOverrides: options.retryIntervalOverrides } : {}),
    ...(options.workflowHistory === undefined ? {} : { history: options.workflowHistory }),
  });
  const orderRejected = createOrderRejectedHandler({ store });
  // Only the bus below calls it, always with EventBridge's envelope; the handler parses it in full anyway.
  const recordError = new AsyncFunction<BusEvent>(
    deploy('orderRejected', (input) => orderRejected(input as BusEvent)),
    {
      functionArn: functionArn('record-error'),
      ...(options.asyncRetryDelaysMs === undefined ? {} : { retryDelaysMs: options.asyncRetryDelaysMs }),
    },
  );

  // EventBridge → Step Functions is StartExecution: delivery succeeds once the execution has started.
  bus.addRule(Events.rules.orderSubmitted.name, Events.rules.orderSubmitted.pattern, async (event) => {
    workflow.start(event);
  });
  // EventBridge → Lambda is an asynchronous Invoke: delivery succeeds once Lambda has queued the event, so
  // the rule's dead letters see only events Lambda would not take; function errors are Lambda's to retry.
  bus.addRule(Events.rules.orderRejected.name, Events.rules.orderRejected.pattern, recordError.invoke);

  const idle = async () => {
    // Executions put events and deliveries start executions: wait until all are quiet at the same time.
    do {
      await bus.idle();
      await workflow.idle();
      await recordError.idle();
    } while (bus.pending > 0 || workflow.pending > 0 || recordError.pending > 0);
  };
  // Replays go to the workflow's rule only, as the stage's StartReplay names that rule in FilterArns.
  const replays: Events.ReplaySource = {
    start: async (request) => bus.startReplay({ ...request, rules: [Events.rules.orderSubmitted.name] }),
    describe: async (name) => bus.describeReplay(name),
  };
  return {
    engine,
    store,
    bus,
    replays,
    workflow,
    executions,
    recordError,
    throttles,
    idle,
    stop: async () => {
      await idle();
      await engine.stop();
    },
  };
}
