import type { ExecutionEvent } from '@orders/local/executions';
import { billed, type FunctionUsage, type OrderUsage } from './cost';
import { metering } from './prices';
import type { DynamoCall } from './probe';
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

// Step Functions logs (level ALL, execution data included) hold, per state, an entered and an exited record
// with its input or output; a Task state adds scheduled, started and succeeded records, two of which carry
// the parameters and the result again. Each record has an envelope (ids, type, timestamps, the execution
// ARN): about 325 bytes, plus the 26 CloudWatch meters per event. The local log has the entered/exited ones.
const logEnvelopeBytes = 325 + metering.logEventOverheadBytes;

/** Estimated CloudWatch bytes of one execution's log at level ALL. */
export function estimateLogBytes(events: ExecutionEvent[]): number {
  let bytes = 0;
  for (const event of events) {
    const data = event.input ?? event.output;
    const size = data === undefined ? 0 : Buffer.byteLength(JSON.stringify(JSON.stringify(data)));
    bytes += logEnvelopeBytes + size;
    if (event.type === 'StateExited' && event.stateType === 'Task') bytes += 3 * logEnvelopeBytes + 2 * size;
  }
  return bytes;
}

function mean(values: number[]): number {
  return values.length === 0 ? 0 : values.reduce((total, value) => total + value, 0) / values.length;
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
 * is the client's whole HTTP round trip, an overestimate of the handler alone.
 */
export function measureUsage(traces: OrderTrace[]): OrderUsage {
  const orders = traces.length;
  const perOrder = (total: number) => (orders === 0 ? 0 : total / orders);
  const runs = traces.flatMap((trace) => trace.tasks);
  const functions: FunctionUsage[] = [
    {
      name: 'Feed',
      invocations: perOrder(traces.length),
      billedMs: mean(
        traces.map((trace) =>
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
  return {
    orders,
    apiRequests: perOrder(traces.length),
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
    workflowLogBytes: perOrder(
      executions.reduce((n, execution) => n + estimateLogBytes(execution.events), 0),
    ),
  };
}
