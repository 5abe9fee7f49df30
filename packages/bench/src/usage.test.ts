import { describe, expect, it } from 'vitest';
import type { SentRequest } from './load';
import { platformBytesAtInfo, platformBytesPerInvocation } from './logs';
import { metering } from './prices';
import type { DynamoCall, WrittenItem } from './probe';
import type { OrderTrace } from './trace';
import { measureUsage, readUnits, storedBytes, writeUnits } from './usage';

const item = (entity: string, bytes: number, indexed = false): WrittenItem => ({
  entity,
  submissionId: 's',
  status: undefined,
  bytes,
  indexed,
});
const call = (command: string, items: WrittenItem[], consistentRead = false): DynamoCall => ({
  command,
  start: 0,
  end: 1,
  ok: true,
  error: undefined,
  task: undefined,
  submissionId: 's',
  consistentRead,
  transactional: command.startsWith('Transact'),
  items,
});

describe('write request units', () => {
  it('charge a put one unit per started kilobyte', () => {
    expect(writeUnits(call('PutItem', [item('submission', 400)]))).toBe(1);
    expect(writeUnits(call('PutItem', [item('ordererror', 1500)]))).toBe(2);
  });

  it('charge each item of a transaction twice, and its index entry again', () => {
    // counter 2 + order 2 (+2 for its GSI entry) + claim 2
    const sequencing = call('TransactWriteItems', [
      item('partnercounter', 80),
      item('order', 700, true),
      item('orderclaim', 200),
    ]);
    expect(writeUnits(sequencing)).toBe(8);
  });
});

describe('read request units', () => {
  it('charge a consistent read one unit and an eventually consistent one half', () => {
    expect(readUnits(call('GetItem', [], true))).toBe(1);
    expect(readUnits(call('GetItem', [], false))).toBe(0.5);
    expect(readUnits(call('PutItem', [item('submission', 10)]))).toBe(0);
  });
});

const request = (orders: number): SentRequest => ({
  orders,
  bodyBytes: 300 * orders,
  responseBytes: 100 * orders,
});

function trace(id: string, sentRequest: SentRequest, calls: DynamoCall[] = []): OrderTrace {
  return {
    sent: {
      partnerId: 'partner-a',
      kind: 'valid',
      submissionId: id,
      status: 202,
      sentAt: 0,
      respondedAt: 20,
      settledAt: 30,
      request: sentRequest,
    },
    outcome: 'accepted',
    receivedAt: 1,
    publishedAt: 2,
    execution: undefined,
    storedAt: 25,
    settledAt: 30,
    tasks: [{ task: 'validate', submissionId: id, start: 5, end: 7, ok: true }],
    calls,
    events: [
      {
        id: `e-${id}`,
        detailType: 'OrderSubmitted',
        submissionId: id,
        at: 2,
        bytes: 400,
        archivedBytes: 700,
      },
    ],
    workflowLogs: { allWithData: 9000, allWithoutData: 3000, errors: 0 },
  };
}

describe('stored bytes', () => {
  it("count each of an order's items once, at its largest, with 100 bytes each and the index copy", () => {
    const stored = storedBytes(
      trace('s', request(1), [
        call('PutItem', [item('submission', 500, true)]),
        call('TransactWriteItems', [
          item('partnercounter', 80),
          item('order', 700, true),
          item('orderclaim', 200),
        ]),
        call('UpdateItem', [item('submission', 120)]),
        call('PutItem', [item('ordererror', 900)]),
      ]),
    );
    // submission (500 + 100) × 2 + order (700 + 100) × 2 + claim 200 + 100; the counter is the partner's
    expect(stored.kept).toBe(1200 + 1600 + 300);
    expect(stored.expiring).toBe(1000);
  });
});

describe('measureUsage', () => {
  it('shares a request, its Feed invocation and its bytes at the edge among the orders it carried', () => {
    const batch = request(100);
    const traces = Array.from({ length: 100 }, (_, i) => trace(`s-${i}`, batch));
    const usage = measureUsage(traces);
    expect(usage.ordersPerRequest).toBe(100);
    expect(usage.apiRequests).toBeCloseTo(0.01);
    expect(usage.functions.find((fn) => fn.name === 'Feed')?.invocations).toBeCloseTo(0.01);
    expect(usage.functions.find((fn) => fn.name === 'Feed')?.billedMs).toBe(20);
    expect(usage.edgeBytes.toOrigin).toBeCloseTo(300 + metering.httpRequestHeaderBytes / 100);
    expect(usage.edgeBytes.toClients).toBeCloseTo(100 + metering.httpResponseHeaderBytes / 100);
    expect(measureUsage([trace('single', request(1))]).apiRequests).toBe(1);
  });

  it("takes the workflow's log bytes per configuration and the functions' printed lines per order", () => {
    const usage = measureUsage([trace('a', request(1)), trace('b', request(1))], {
      feed: { logLines: 2, logBytes: 800, metricLines: 0, metricBytes: 0 },
      validate: { logLines: 2, logBytes: 600, metricLines: 2, metricBytes: 1000 },
    });
    expect(usage.workflowLogBytes).toEqual({ allWithData: 9000, allWithoutData: 3000, errors: 0 });
    expect(usage.functionLogBytes.application).toBe(700);
    expect(usage.functionLogBytes.metrics).toBe(500);
    // Feed and Validate once per order each: Lambda's own lines each time, none at system level WARN
    // (production's), where INFO would add START, END and REPORT.
    expect(usage.functionLogBytes.platform).toBe(2 * platformBytesPerInvocation);
    expect(platformBytesPerInvocation).toBe(0);
    expect(platformBytesAtInfo).toBeGreaterThan(300);
    expect(usage.archivedEventBytes).toBe(700);
    expect(usage.traceEntryPoints).toBe(1);
  });
});
