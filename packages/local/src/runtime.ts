import { Events, Storage } from '@orders/core';
import { type DynamoLocal, startDynamoLocal } from '@orders/dynamo-local';
import {
  createOrderRejectedHandler,
  createSequenceAndStoreHandler,
  createValidateHandler,
} from '@orders/functions';
import { type BusEvent, LocalBus, type LocalBusOptions } from './bus';
import { ExecutionLog } from './executions';
import { limitConcurrency } from './limit';
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
   * How many SequenceAndStore calls run at once (the function's reserved concurrency on AWS): beyond a few,
   * writers for one partner only contend for the same counter.
   */
  sequencingConcurrency?: number;
  /** Wraps a task's local code, by the name of the function it stands for (fault injection in tests). */
  wrapTask?: (task: 'validate' | 'sequenceAndStore' | 'orderRejected', handler: TaskHandler) => TaskHandler;
}

export interface LocalRuntime {
  engine: DynamoLocal;
  store: Storage.Store;
  bus: LocalBus;
  workflow: LocalWorkflow;
  executions: ExecutionLog;
  /** Resolves once no event is being delivered and no execution is running. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts the whole product in-process: DynamoDB Local, the bus with its rules, and the workflow. */
export async function startLocalRuntime(options: LocalRuntimeOptions = {}): Promise<LocalRuntime> {
  const engine = await startDynamoLocal(options.dataDir === undefined ? {} : { dataDir: options.dataDir });
  const tableName = options.tableName ?? 'orders';
  await Storage.ensureTable(engine.client, tableName);
  const store = Storage.createStore({ client: engine.client, tableName });
  const wrap = options.wrapTask ?? ((_, handler) => handler);

  const bus = new LocalBus(options.bus);
  const executions = new ExecutionLog(5_000, options.executionLogFile);
  const workflow = new LocalWorkflow({
    validate: wrap('validate', createValidateHandler()),
    sequenceAndStore: limitConcurrency(
      options.sequencingConcurrency ?? 8,
      wrap('sequenceAndStore', createSequenceAndStoreHandler({ store })),
    ),
    bus,
    log: executions,
    ...(options.retryIntervalOverrides ? { retryIntervalOverrides: options.retryIntervalOverrides } : {}),
  });
  const orderRejected = createOrderRejectedHandler({ store });
  // Only the bus below calls it, always with EventBridge's envelope; the handler parses it in full anyway.
  const recordError = wrap('orderRejected', (input) => orderRejected(input as BusEvent));

  // EventBridge → Step Functions is StartExecution: delivery succeeds once the execution has started.
  bus.addRule(Events.rules.orderSubmitted.name, Events.rules.orderSubmitted.pattern, async (event) => {
    workflow.start(event);
  });
  bus.addRule(Events.rules.orderRejected.name, Events.rules.orderRejected.pattern, async (event) => {
    await recordError(event);
  });

  const idle = async () => {
    // Executions put events and deliveries start executions: wait until both are quiet at the same time.
    do {
      await bus.idle();
      await workflow.idle();
    } while (bus.pending > 0 || workflow.pending > 0);
  };
  return {
    engine,
    store,
    bus,
    workflow,
    executions,
    idle,
    stop: async () => {
      await idle();
      await engine.stop();
    },
  };
}
