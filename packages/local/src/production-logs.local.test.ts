import { StorageUnavailableError } from '@orders/core';
import { workflowLogging } from '@orders/core/aws/workflow-logging';
import { partnerAPayload } from '@orders/core/testing/orders';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { LocalRuntime } from './runtime';
import type { TaskHandler } from './workflow';
import { type HistoryEvent, workflowLogRecords } from './workflow-logs';

// Production's logs, end to end: the handlers print with production's Powertools settings (JSON, INFO, EMF
// on), the workflow's history is rendered under production's logging configuration, and an order whose
// every field carries a marker goes through each outcome and a failed attempt. The marker must reach neither.

const marker = 'CARD4111111111111111';
const printed: string[] = [];
const histories: HistoryEvent[][] = [];
let injectedFailures = 0;
let runtime: LocalRuntime;

beforeAll(async () => {
  vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'INFO');
  vi.stubEnv('POWERTOOLS_DEV', '');
  vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'false');
  vi.resetModules();
  for (const stream of [process.stdout, process.stderr]) {
    vi.spyOn(stream, 'write').mockImplementation((chunk) => {
      printed.push(String(chunk));
      return true;
    });
  }
  const { startLocalRuntime } = await import('./runtime');
  runtime = await startLocalRuntime({
    retryIntervalOverrides: { SequenceAndStore: 10, EmitAccepted: 10, EmitRejected: 10, Validate: 10 },
    // The first attempt of SequenceAndStore fails, so the logs hold a failed task and its cause.
    wrapTask: (task, handler): TaskHandler =>
      task !== 'sequenceAndStore'
        ? handler
        : async (input) => {
            if (injectedFailures++ === 0) throw new StorageUnavailableError('injected: the table is slow');
            return handler(input);
          },
    workflowHistory: { record: (_execution, history) => histories.push(history) },
  });
  const { submit } = await import('./testing/submit');
  const order = partnerAPayload(1, {
    orderId: `A-${marker}`,
    skuId: `SKU-${marker}`,
    customerId: `C-${marker}`,
  });
  await submit(runtime, 'partner-a', [order]);
  await runtime.idle();
  await submit(runtime, 'partner-a', [
    order, // a duplicate
    { ...order, quantity: 7 }, // a conflict
    partnerAPayload(2, { customerId: `C-${marker}`, quantity: marker }), // invalid
  ]);
  await runtime.idle();
});
afterAll(async () => {
  await runtime?.stop();
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

const arn = 'arn:aws:states:us-east-1:123456789012:express:production-orders-order-workflow:1:1';

describe("production's logs", () => {
  it('went through a failed attempt and every outcome', () => {
    expect(injectedFailures).toBeGreaterThan(1);
    const text = printed.join('');
    for (const message of [
      'order accepted',
      'order duplicate',
      'order conflicts with an accepted one',
      'order invalid',
    ])
      expect(text).toContain(message);
  });

  it("never hold the order in the functions' lines, INFO and above", () => {
    expect(printed.length).toBeGreaterThan(0);
    expect(printed.join('')).not.toContain(marker);
  });

  it("never hold the order in the workflow's records, though its history carries it", () => {
    expect(histories).toHaveLength(4);
    const production = histories.flatMap((history) =>
      workflowLogRecords(history, workflowLogging.production, arn),
    );
    expect(production.map((record) => record.type)).toContain('LambdaFunctionFailed');
    expect(JSON.stringify(production)).not.toContain(marker);
    const full = histories.flatMap((history) => workflowLogRecords(history, workflowLogging.full, arn));
    expect(JSON.stringify(full)).toContain(marker);
  });
});
