import type { LoadRun } from './load';
import type { DynamoCall } from './probe';
import { type Summary, sum, summarize } from './stats';
import { type OrderTrace, type Outcome, outcomes } from './trace';

/** One stage of an order's way through the product, over the orders that went through it. */
export interface StageRow {
  stage: string;
  /** What the stage is and how it was measured. */
  what: string;
  /** Whether the stage lies between receipt and the order's commit (the latency target's path). */
  onStoredPath: boolean;
  summary: Summary;
}

/** What one load run achieved. */
export interface RunResult {
  label: string;
  concurrency: number | undefined;
  rate: number | undefined;
  orders: number;
  outcomes: Record<Outcome, number>;
  /** Orders stored (final status committed, whatever it is) per second, first send to last commit. */
  ordersPerSecond: number;
  /** Accepted orders (numbered and stored) per second over the same time. */
  acceptedPerSecond: number;
  seconds: number;
  /** Receipt (the feed's `receivedAt`) to the commit of the order's transaction, accepted orders. */
  storedLatency: Summary;
  /** Receipt to the commit of the final status, all orders. */
  settledLatency: Summary;
  stages: StageRow[];
  /** The stage split over the slowest 1% of accepted orders (at least 5): where the tail's time goes. */
  tail: StageRow[];
}

const positive = (value: number | undefined): number | undefined =>
  value === undefined || !Number.isFinite(value) ? undefined : Math.max(0, value);

function duration(calls: DynamoCall[], select: (call: DynamoCall) => boolean): number {
  return sum(calls.filter(select).map((call) => call.end - call.start));
}

const isTransaction = (call: DynamoCall) =>
  call.command === 'TransactWriteItems' && call.items.some((item) => item.entity === 'order');
const isSettlement = (call: DynamoCall) =>
  call.command === 'TransactWriteItems' && call.items.some((item) => item.entity === 'submission');

/**
 * The stage times of one order, in ms; undefined where the order did not pass a stage. The execution log
 * has millisecond timestamps: the probe's finer times are floored before they are compared with them.
 */
export function stageTimes(trace: OrderTrace): Record<string, number | undefined> {
  const execution = trace.execution;
  const run = (task: string) => trace.tasks.filter((t) => t.task === task);
  const validate = run('validate').reduce((total, t) => total + (t.end - t.start), 0);
  const sequencing = run('sequenceAndStore');
  const sequence = sum(sequencing.map((t) => t.end - t.start));
  const entered = execution?.states.get('SequenceAndStore')?.entered;
  const queue =
    sequencing[0] === undefined || entered === undefined
      ? undefined
      : Math.floor(sequencing[0].start) - entered;
  const emitState = execution?.states.get('EmitAccepted') ?? execution?.states.get('EmitRejected');
  const emit = emitState?.exited === undefined ? undefined : emitState.exited - emitState.entered;
  const total = execution?.stop === undefined ? undefined : execution.stop - execution.start;
  const own = trace.calls.filter((call) => call.task === 'sequenceAndStore');
  const reads = duration(own, (call) => call.command === 'GetItem');
  const transaction = duration(own, isTransaction);
  const settle = duration(own, isSettlement);
  const recordError = run('orderRejected');
  return {
    http: trace.sent.respondedAt - trace.sent.sentAt,
    feed: positive(
      trace.publishedAt === undefined || trace.receivedAt === undefined
        ? undefined
        : trace.publishedAt - trace.receivedAt,
    ),
    bus: positive(
      execution === undefined || trace.publishedAt === undefined
        ? undefined
        : execution.start - Math.floor(trace.publishedAt),
    ),
    interpreter: positive(
      total === undefined ? undefined : total - validate - (positive(queue) ?? 0) - sequence - (emit ?? 0),
    ),
    validate: run('validate').length === 0 ? undefined : validate,
    queue: positive(queue),
    sequence: sequencing.length === 0 ? undefined : sequence,
    reads: sequencing.length === 0 ? undefined : reads,
    transaction: sequencing.length === 0 ? undefined : transaction,
    settle: sequencing.length === 0 ? undefined : settle,
    backoff: sequencing.length === 0 ? undefined : positive(sequence - reads - transaction - settle),
    emit: positive(emit),
    recordError: recordError.length === 0 ? undefined : sum(recordError.map((t) => t.end - t.start)),
    execution: positive(total),
    stored:
      trace.storedAt === undefined || trace.receivedAt === undefined
        ? undefined
        : trace.storedAt - trace.receivedAt,
    settled:
      trace.settledAt === undefined || trace.receivedAt === undefined
        ? undefined
        : trace.settledAt - trace.receivedAt,
  };
}

const stageDefinitions: { key: string; stage: string; what: string; onStoredPath: boolean }[] = [
  {
    key: 'http',
    stage: 'HTTP',
    what: 'client send → 202, client side (feed handler included)',
    onStoredPath: false,
  },
  {
    key: 'feed',
    stage: '  feed',
    what: 'receipt → OrderSubmitted accepted by the bus (pending put)',
    onStoredPath: true,
  },
  { key: 'bus', stage: 'bus', what: 'OrderSubmitted accepted → execution started', onStoredPath: true },
  { key: 'interpreter', stage: 'interpreter', what: 'execution time outside task code', onStoredPath: true },
  { key: 'validate', stage: 'validate', what: 'Validate handler', onStoredPath: true },
  {
    key: 'queue',
    stage: 'sequencing queue',
    what: 'state entered → first run (throttled past reserved concurrency, retried)',
    onStoredPath: true,
  },
  {
    key: 'sequence',
    stage: 'transaction',
    what: 'SequenceAndStore handler, retries included',
    onStoredPath: true,
  },
  {
    key: 'reads',
    stage: '  reads',
    what: 'GetItem: the lease, the counter, a claim (consistent)',
    onStoredPath: true,
  },
  {
    key: 'transaction',
    stage: '  write tx',
    what: 'TransactWriteItems: a numbering batch',
    onStoredPath: true,
  },
  {
    key: 'backoff',
    stage: '  waits+other',
    what: 'the rest: waits for a number, backlog and lease requests, CPU',
    onStoredPath: true,
  },
  {
    key: 'settle',
    stage: '  settle tx',
    what: 'submission → accepted/duplicate (after the commit)',
    onStoredPath: false,
  },
  {
    key: 'emit',
    stage: 'emit',
    what: 'EmitAccepted/EmitRejected state (local bus putEvents)',
    onStoredPath: false,
  },
  {
    key: 'recordError',
    stage: 'record-error',
    what: 'OrderRejected target (error put + settle)',
    onStoredPath: false,
  },
  { key: 'execution', stage: 'execution', what: 'execution start → end', onStoredPath: false },
  {
    key: 'stored',
    stage: 'receipt → stored',
    what: 'receipt → order transaction committed',
    onStoredPath: true,
  },
  {
    key: 'settled',
    stage: 'receipt → settled',
    what: 'receipt → final status committed (all outcomes)',
    onStoredPath: false,
  },
];

/** Per stage, the distribution over the orders that passed it. */
export function splitStages(traces: OrderTrace[]): StageRow[] {
  const times = traces.map(stageTimes);
  return stageDefinitions.map(({ key, stage, what, onStoredPath }) => ({
    stage,
    what,
    onStoredPath,
    summary: summarize(times.map((t) => t[key]).filter((value): value is number => value !== undefined)),
  }));
}

/** Throughput, latency and stage split of one run. */
export function summarizeRun(run: LoadRun, traces: OrderTrace[]): RunResult {
  const counts = Object.fromEntries(outcomes.map((outcome) => [outcome, 0])) as Record<Outcome, number>;
  for (const trace of traces) counts[trace.outcome]++;
  const settled = traces.map((trace) => trace.settledAt).filter((at): at is number => at !== undefined);
  const end = settled.length === 0 ? run.startedAt : Math.max(...settled);
  const seconds = Math.max(0.001, (end - run.startedAt) / 1000);
  const accepted = traces
    .filter((trace) => trace.outcome === 'accepted')
    .map((trace) => ({ trace, stored: stageTimes(trace).stored }))
    .filter((entry): entry is { trace: OrderTrace; stored: number } => entry.stored !== undefined)
    .sort((a, b) => b.stored - a.stored);
  const stored = accepted.map((entry) => entry.stored);
  const slowest = accepted
    .slice(0, Math.max(5, Math.ceil(accepted.length / 100)))
    .map((entry) => entry.trace);
  const settledLatency = traces
    .map((trace) => stageTimes(trace).settled)
    .filter((value): value is number => value !== undefined);
  return {
    label: run.label,
    concurrency: run.concurrency,
    rate: run.rate,
    orders: traces.length,
    outcomes: counts,
    ordersPerSecond: settled.length / seconds,
    acceptedPerSecond: counts.accepted / seconds,
    seconds,
    storedLatency: summarize(stored),
    settledLatency: summarize(settledLatency),
    stages: splitStages(traces),
    tail: splitStages(slowest),
  };
}
