import type { Execution } from '@orders/local/executions';
import { describe, expect, it } from 'vitest';
import type { LoadRun } from './load';
import type { DynamoCall, WrittenItem } from './probe';
import { stageTimes, summarizeRun } from './stages';
import { timeExecution, traceOrders } from './trace';

const iso = (ms: number) => new Date(ms).toISOString();

// An accepted order's execution, in whole milliseconds as the local log records them.
const states: [string, number, number][] = [
  ['Validate', 1000, 1001],
  ['IsValid', 1001, 1001],
  ['SequenceAndStore', 1001, 1010],
  ['Outcome', 1010, 1010],
  ['EmitAccepted', 1010, 1011],
  ['Accepted', 1011, 1011],
];
const execution: Execution = {
  executionArn: 'arn:aws:states:us-east-1:000000000000:execution:order-workflow:1',
  name: '1',
  status: 'SUCCEEDED',
  startDate: iso(1000),
  input: { id: 'event-1', detail: { submissionId: 's-1', receivedAt: iso(992) } },
  events: [
    { id: 1, type: 'ExecutionStarted', timestamp: iso(1000) },
    ...states.flatMap(([stateName, entered, exited]) => [
      { id: 0, type: 'StateEntered', stateName, timestamp: iso(entered) },
      { id: 0, type: 'StateExited', stateName, timestamp: iso(exited) },
    ]),
    { id: 99, type: 'ExecutionSucceeded', timestamp: iso(1011) },
  ],
};

const item = (entity: string): WrittenItem => ({
  entity,
  submissionId: 's-1',
  status: undefined,
  bytes: 100,
  indexed: false,
});
const call = (command: string, start: number, end: number, items: WrittenItem[]): DynamoCall => ({
  command,
  start,
  end,
  ok: true,
  error: undefined,
  task: 'sequenceAndStore',
  submissionId: 's-1',
  consistentRead: command === 'GetItem',
  transactional: command === 'TransactWriteItems',
  items,
});

const run: LoadRun = {
  label: 'one order',
  concurrency: 1,
  rate: undefined,
  perRequest: 1,
  startedAt: 990,
  sent: [
    {
      partnerId: 'partner-a',
      kind: 'valid',
      submissionId: 's-1',
      status: 202,
      sentAt: 990,
      respondedAt: 998,
      settledAt: 1009.9,
      request: { orders: 1, bodyBytes: 200, responseBytes: 100 },
    },
  ],
};

const [trace] = traceOrders(
  run,
  {
    tasks: [
      { task: 'validate', submissionId: 's-1', start: 1000.2, end: 1000.7, ok: true },
      { task: 'sequenceAndStore', submissionId: 's-1', start: 1002.3, end: 1009.9, ok: true },
    ],
    calls: [
      call('GetItem', 1002.5, 1003.5, []),
      call('TransactWriteItems', 1004, 1008.5, [item('partnercounter'), item('order'), item('orderclaim')]),
      call('TransactWriteItems', 1008.6, 1009.8, [item('submission')]),
    ],
    events: [
      {
        id: 'event-1',
        detailType: 'OrderSubmitted',
        submissionId: 's-1',
        at: 999.5,
        bytes: 400,
        archivedBytes: 600,
      },
    ],
    storedAt: new Map([['s-1', 1008.5]]),
    settledAt: new Map([['s-1', 1009.9]]),
    workflowLogs: new Map(),
    functionOutput: {},
  },
  [execution],
);

describe('timeExecution', () => {
  it('counts every state entered as a transition and reads the outcome from the path taken', () => {
    const timing = timeExecution(execution);
    expect(timing.transitions).toBe(6);
    expect(timing.outcome).toBe('accepted');
    expect((timing.stop ?? Number.NaN) - timing.start).toBe(11);
  });
});

describe('stageTimes', () => {
  it('splits an order into the stages it went through', () => {
    if (trace === undefined) throw new Error('no trace');
    const times = stageTimes(trace);
    expect(times.http).toBeCloseTo(8);
    expect(times.feed).toBeCloseTo(7.5);
    expect(times.bus).toBeCloseTo(1);
    expect(times.validate).toBeCloseTo(0.5);
    expect(times.queue).toBeCloseTo(1);
    expect(times.sequence).toBeCloseTo(7.6);
    expect(times.reads).toBeCloseTo(1);
    expect(times.transaction).toBeCloseTo(4.5);
    expect(times.settle).toBeCloseTo(1.2);
    expect(times.backoff).toBeCloseTo(0.9);
    expect(times.emit).toBeCloseTo(1);
    // 11 ms of execution less validate, queue, sequencing and emit.
    expect(times.interpreter).toBeCloseTo(0.9);
    expect(times.stored).toBeCloseTo(16.5);
    expect(times.settled).toBeCloseTo(17.9);
    expect(times.recordError).toBeUndefined();
  });
});

describe('summarizeRun', () => {
  it('counts outcomes and measures throughput from the first send to the last commit', () => {
    const result = summarizeRun(run, trace === undefined ? [] : [trace]);
    expect(result.outcomes.accepted).toBe(1);
    expect(result.seconds).toBeCloseTo(0.0199);
    expect(result.storedLatency.p99).toBeCloseTo(16.5);
  });
});
