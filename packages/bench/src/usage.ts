import { billed, type FunctionUsage, type OrderUsage } from './cost';
import type { SentRequest } from './load';
import { comparedLogging, type LoggingName, platformBytesPerInvocation, type WorkflowLogBytes } from './logs';
import { metering } from './prices';
import type { DynamoCall, FunctionOutputs } from './probe';
import { type OrderTrace, type Outcome, outcomes } from './trace';

/** What one order of an outcome uses, on average: the measured basis of the cost model. */
export interface OutcomeUsage {
  outcome: Outcome;
  orders: number;
  stateTransitions: number;
  /** Items written (puts and updates; a transaction's items counted one by one). */
  itemsWritten: number;
  writeRequestUnits: number;
  readRequestUnits: number;
  eventsPublished: number;
  /** Its execution's workflow log bytes under each compared configuration. */
  workflowLogBytes: WorkflowLogBytes;
  /** Task invocations by function (the feed excluded: one per request). */
  invocations: Record<string, number>;
  /** Which items an order of this outcome writes, e.g. `submission, partnercounter+order+orderclaim, …`. */
  writes: string;
}

// Every written item costs its size in 1 KB units, twice in a transaction, and once more (at the same rate,
// as DynamoDB Local accounts it too) for the index entry when it carries the GSI's key (projection ALL).
// Failed writes (a lost condition, a cancelled transaction) are counted as charged: an upper bound.
export function writeUnits(call: DynamoCall): number {
  const factor = call.transactional ? 2 : 1;
  return call.items.reduce((total, item) => {
    const units = Math.max(1, Math.ceil(item.bytes / 1024)) * factor;
    return total + units * (item.indexed ? 2 : 1);
  }, 0);
}

/** Strongly consistent reads of items up to 4 KB take one unit, eventually consistent half of one. */
export function readUnits(call: DynamoCall): number {
  if (call.command !== 'GetItem') return 0;
  return call.consistentRead ? 1 : 0.5;
}

// Items of the partner, not of the order: a counter and the stats, one each, whatever the order count.
const sharedEntities = new Set(['partnercounter', 'partnerstats']);
// Rejections expire after 30 days (their TTL); everything else an order writes is kept.
const expiringEntities = new Set(['ordererror']);

/**
 * Bytes the table keeps for one order, as DynamoDB bills storage: each of its items at the largest size it
 * was written at, plus 100 bytes, once more for the index's copy where it carries the index key.
 */
export function storedBytes(trace: OrderTrace): { kept: number; expiring: number } {
  const largest = new Map<string, { bytes: number; indexed: boolean }>();
  for (const call of trace.calls) {
    if (!call.ok) continue;
    for (const item of call.items) {
      if (sharedEntities.has(item.entity)) continue;
      const known = largest.get(item.entity);
      largest.set(item.entity, {
        bytes: Math.max(known?.bytes ?? 0, item.bytes),
        indexed: (known?.indexed ?? false) || item.indexed,
      });
    }
  }
  const stored = { kept: 0, expiring: 0 };
  for (const [entity, item] of largest) {
    const bytes = (item.bytes + metering.dynamoItemOverheadBytes) * (item.indexed ? 2 : 1);
    if (expiringEntities.has(entity)) stored.expiring += bytes;
    else stored.kept += bytes;
  }
  return stored;
}

function mean(values: number[]): number {
  return values.length === 0 ? 0 : values.reduce((total, value) => total + value, 0) / values.length;
}

const loggingNames = Object.keys(comparedLogging) as LoggingName[];

function logBytesOf(traces: OrderTrace[], total: (values: number[]) => number): WorkflowLogBytes {
  return Object.fromEntries(
    loggingNames.map((name) => [name, total(traces.map((trace) => trace.workflowLogs?.[name] ?? 0))]),
  ) as WorkflowLogBytes;
}

function writesOf(trace: OrderTrace): string {
  return trace.calls
    .filter((call) => call.ok && call.items.length > 0)
    .map((call) => call.items.map((item) => item.entity).join('+'))
    .join(', ');
}

/** Per outcome, what an order uses; the write list is the most common one among its orders. */
export function usageByOutcome(traces: OrderTrace[]): OutcomeUsage[] {
  return outcomes
    .map((outcome) => {
      const group = traces.filter((trace) => trace.outcome === outcome);
      const tally = new Map<string, number>();
      for (const trace of group) tally.set(writesOf(trace), (tally.get(writesOf(trace)) ?? 0) + 1);
      const invocations: Record<string, number> = {};
      for (const task of ['validate', 'sequenceAndStore', 'orderRejected'])
        invocations[task] = mean(group.map((trace) => trace.tasks.filter((t) => t.task === task).length));
      return {
        outcome,
        orders: group.length,
        stateTransitions: mean(group.map((trace) => trace.execution?.transitions ?? 0)),
        itemsWritten: mean(group.map((trace) => trace.calls.reduce((n, call) => n + call.items.length, 0))),
        writeRequestUnits: mean(
          group.map((trace) => trace.calls.reduce((n, call) => n + writeUnits(call), 0)),
        ),
        readRequestUnits: mean(group.map((trace) => trace.calls.reduce((n, call) => n + readUnits(call), 0))),
        eventsPublished: mean(group.map((trace) => eventChunks(trace))),
        workflowLogBytes: logBytesOf(group, mean),
        invocations,
        writes: [...tally.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '',
      };
    })
    .filter((usage) => usage.orders > 0);
}

function eventChunks(trace: OrderTrace): number {
  return trace.events.reduce(
    (n, event) => n + Math.max(1, Math.ceil(event.bytes / metering.eventChunkBytes)),
    0,
  );
}

const functionNames: Record<string, string> = {
  validate: 'Validate',
  sequenceAndStore: 'SequenceAndStore',
  orderRejected: 'RecordError',
};

/**
 * The mix's usage per order. Lambda durations are the handlers' in-process durations here (a proxy: on AWS
 * each call to DynamoDB or EventBridge crosses the network instead of the loopback); the feed function's
 * is the client's whole HTTP round trip, an overestimate of the handler alone. A request of many orders is
 * one API request, one Feed invocation and one round trip, shared by its orders.
 */
export function measureUsage(traces: OrderTrace[], output: FunctionOutputs = {}): OrderUsage {
  const orders = traces.length;
  const perOrder = (total: number) => (orders === 0 ? 0 : total / orders);
  const requests = new Map<SentRequest, OrderTrace>();
  for (const trace of traces) if (!requests.has(trace.sent.request)) requests.set(trace.sent.request, trace);
  const runs = traces.flatMap((trace) => trace.tasks);
  const functions: FunctionUsage[] = [
    {
      name: 'Feed',
      invocations: perOrder(requests.size),
      billedMs: mean(
        [...requests.values()].map((trace) =>
          billed(trace.sent.respondedAt - trace.sent.sentAt, metering.lambdaBillingIncrementMs),
        ),
      ),
    },
    ...Object.entries(functionNames).map(([task, name]) => {
      const own = runs.filter((run) => run.task === task);
      return {
        name,
        invocations: perOrder(own.length),
        billedMs: mean(own.map((run) => billed(run.end - run.start, metering.lambdaBillingIncrementMs))),
      };
    }),
  ];
  const executions = traces.flatMap((trace) => (trace.execution === undefined ? [] : [trace.execution]));
  const calls = traces.flatMap((trace) => trace.calls);
  const invocations = functions.reduce((total, fn) => total + fn.invocations, 0);
  const printed = Object.values(output);
  const sentRequests = [...requests.keys()];
  const stored = traces.map(storedBytes);
  return {
    orders,
    ordersPerRequest: requests.size === 0 ? 0 : orders / requests.size,
    apiRequests: perOrder(requests.size),
    functions,
    stateTransitions: perOrder(executions.reduce((n, execution) => n + execution.transitions, 0)),
    executions: perOrder(executions.length),
    expressBilledMs: mean(
      executions.map((execution) =>
        billed((execution.stop ?? execution.start) - execution.start, metering.expressBillingIncrementMs),
      ),
    ),
    writeRequestUnits: perOrder(calls.reduce((n, call) => n + writeUnits(call), 0)),
    readRequestUnits: perOrder(calls.reduce((n, call) => n + readUnits(call), 0)),
    eventsPublished: perOrder(traces.reduce((n, trace) => n + eventChunks(trace), 0)),
    archivedEventBytes: perOrder(
      traces.reduce((n, trace) => n + trace.events.reduce((m, event) => m + event.archivedBytes, 0), 0),
    ),
    workflowLogBytes: logBytesOf(traces, (values) => perOrder(values.reduce((a, b) => a + b, 0))),
    functionLogBytes: {
      application: perOrder(printed.reduce((n, fn) => n + fn.logBytes, 0)),
      metrics: perOrder(printed.reduce((n, fn) => n + fn.metricBytes, 0)),
      platform: invocations * platformBytesPerInvocation,
    },
    // Each request, execution and asynchronous invocation may start a trace of its own (an upper bound:
    // where the trace header travels with the event, they join the request's trace).
    traceEntryPoints:
      perOrder(requests.size) +
      perOrder(executions.length) +
      (functions.find((fn) => fn.name === 'RecordError')?.invocations ?? 0),
    storedBytes: {
      kept: perOrder(stored.reduce((n, bytes) => n + bytes.kept, 0)),
      expiring: perOrder(stored.reduce((n, bytes) => n + bytes.expiring, 0)),
    },
    edgeBytes: {
      toOrigin: perOrder(sentRequests.reduce((n, r) => n + r.bodyBytes + metering.httpRequestHeaderBytes, 0)),
      toClients: perOrder(
        sentRequests.reduce((n, r) => n + r.responseBytes + metering.httpResponseHeaderBytes, 0),
      ),
    },
  };
}
