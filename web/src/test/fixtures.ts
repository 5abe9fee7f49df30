import type { components } from '../api-schema';
import type { Execution, Issue, Order, OrderError, Partner } from '../types';

/**
 * A code the API puts on an issue: the published description enumerates every one (as the values of the
 * errors listing's `code` filter), so a fixture with a code the API never sends fails the typecheck.
 */
export type IssueCode = components['parameters']['code'];

/** An issue as the API sends one, its code among those it really sends. */
export type SentIssue = Issue & { code: IssueCode };

export function issue(path: string, code: IssueCode, message: string): SentIssue {
  return { path, code, message };
}

export const executionArn = (name: string) =>
  `arn:aws:states:us-east-1:123456789012:execution:order-workflow:${name}`;

export const partners: Partner[] = [
  {
    id: 'partner-a',
    name: 'Partner A',
    format: {
      fields: {
        externalOrderId: 'orderId',
        productId: 'skuId',
        customerId: 'customerId',
        quantity: 'quantity',
        unitPrice: 'unitPrice',
        taxRate: 'taxRate',
        transactionTime: 'transactionTimeMs',
      },
      time: 'epoch-ms',
      tax: 'decimal',
      bounds: { quantity: { min: 1, max: 1_000_000 }, unitPrice: { max: Number.MAX_SAFE_INTEGER } },
      rules: { futureToleranceSeconds: 300 },
    },
    accepted: 90,
    rejected: 8,
    duplicates: 2,
    lastSequenceNumber: 90,
  },
  {
    id: 'partner-b',
    name: 'Partner B',
    format: {
      fields: {
        externalOrderId: 'transactionId',
        productId: 'itemCode',
        customerId: 'clientId',
        quantity: 'qty',
        unitPrice: 'price',
        taxRate: 'tax',
        transactionTime: 'purchaseTime',
      },
      time: 'iso-8601',
      tax: 'percent',
      bounds: { quantity: { min: 1, max: 1_000_000 }, unitPrice: { max: Number.MAX_SAFE_INTEGER } },
      rules: { futureToleranceSeconds: 300 },
    },
    accepted: 0,
    rejected: 0,
    duplicates: 0,
    lastSequenceNumber: 0,
  },
];

export function order(sequenceNumber: number, overrides: Partial<Order> = {}): Order {
  return {
    partnerId: 'partner-a',
    sequenceNumber,
    externalOrderId: `ORD-${sequenceNumber}`,
    productId: 'SKU-1001',
    customerId: 'CUST-42',
    quantity: 3,
    unitPrice: 19.99,
    taxRate: 0.2,
    grossAmount: '59.97',
    taxAmount: '11.99',
    netAmount: '71.96',
    transactionTime: '2025-11-20T10:00:00.000Z',
    submissionId: `sub-${sequenceNumber}`,
    receivedAt: '2025-11-20T10:00:01.000Z',
    processedAt: '2025-11-20T10:00:02.000Z',
    executionId: executionArn(`exec-${sequenceNumber}`),
    ...overrides,
  };
}

export function orderError(
  overrides: Partial<Omit<OrderError, 'issues'>> & { issues?: SentIssue[] } = {},
): OrderError {
  return {
    submissionId: 'sub-err-1',
    partnerId: 'partner-a',
    receivedAt: '2025-11-20T10:00:00.000Z',
    category: 'validation',
    issues: [issue('quantity', 'out_of_range', 'quantity must be at least 1')],
    payload: '{"orderId":"ORD-1","quantity":0}',
    payloadTruncated: false,
    executionId: executionArn('exec-err-1'),
    expiresAt: Math.floor(Date.parse('2025-12-20T10:00:00.000Z') / 1000),
    ...overrides,
  };
}

/** A run that retried SequenceAndStore twice, then failed it and the execution. */
export function failedExecution(): Execution {
  const at = (ms: number) => new Date(Date.parse('2025-11-20T10:00:00.000Z') + ms).toISOString();
  const state = (name: string) => ({ stateName: name, stateType: 'Task' });
  const cause = '{"errorMessage":"Transaction cancelled","errorType":"SequenceConflict"}';
  return {
    executionArn: executionArn('exec-failed'),
    name: 'exec-failed',
    status: 'FAILED',
    startDate: at(0),
    stopDate: at(1_000),
    durationMs: 1_000,
    outcome: 'failed',
    input: { detail: { orderId: 'ORD-1' } },
    error: 'SequenceConflict',
    cause,
    events: [
      { id: 1, type: 'ExecutionStarted', timestamp: at(0), input: { detail: { orderId: 'ORD-1' } } },
      { id: 2, type: 'StateEntered', timestamp: at(5), ...state('Validate'), input: { step: 'validate-in' } },
      {
        id: 3,
        type: 'StateExited',
        timestamp: at(45),
        ...state('Validate'),
        input: { step: 'validate-in' },
        output: { step: 'validate-out' },
      },
      {
        id: 4,
        type: 'StateEntered',
        timestamp: at(50),
        ...state('SequenceAndStore'),
        input: { step: 'store-in' },
      },
      {
        id: 5,
        type: 'StateFailed',
        timestamp: at(100),
        ...state('SequenceAndStore'),
        error: 'SequenceConflict',
        cause,
      },
      { id: 6, type: 'StateRetried', timestamp: at(300), ...state('SequenceAndStore'), retryAttempt: 1 },
      {
        id: 7,
        type: 'StateFailed',
        timestamp: at(350),
        ...state('SequenceAndStore'),
        error: 'SequenceConflict',
        cause,
      },
      { id: 8, type: 'StateRetried', timestamp: at(750), ...state('SequenceAndStore'), retryAttempt: 2 },
      {
        id: 9,
        type: 'StateFailed',
        timestamp: at(800),
        ...state('SequenceAndStore'),
        error: 'SequenceConflict',
        cause,
      },
      { id: 10, type: 'ExecutionFailed', timestamp: at(1_000), error: 'SequenceConflict', cause },
    ],
  };
}

/** A run whose Validate failed and was caught, routing to the rejection. */
export function caughtExecution(): Execution {
  const at = (ms: number) => new Date(Date.parse('2025-11-20T10:00:00.000Z') + ms).toISOString();
  return {
    executionArn: executionArn('exec-caught'),
    name: 'exec-caught',
    status: 'SUCCEEDED',
    startDate: at(0),
    stopDate: at(200),
    durationMs: 200,
    outcome: 'rejected',
    input: {},
    output: { rejected: true },
    events: [
      { id: 1, type: 'ExecutionStarted', timestamp: at(0), input: {} },
      { id: 2, type: 'StateEntered', timestamp: at(10), stateName: 'Validate', stateType: 'Task', input: {} },
      {
        id: 3,
        type: 'StateFailed',
        timestamp: at(40),
        stateName: 'Validate',
        stateType: 'Task',
        error: 'OrderInvalid',
        cause: 'quantity must be at least 1',
      },
      { id: 4, type: 'StateCaught', timestamp: at(41), stateName: 'Validate', stateType: 'Task' },
      {
        id: 5,
        type: 'StateExited',
        timestamp: at(42),
        stateName: 'Validate',
        stateType: 'Task',
        output: { e: 1 },
      },
      {
        id: 6,
        type: 'StateEntered',
        timestamp: at(50),
        stateName: 'EmitRejected',
        stateType: 'Task',
        input: {},
      },
      {
        id: 7,
        type: 'StateExited',
        timestamp: at(190),
        stateName: 'EmitRejected',
        stateType: 'Task',
        output: {},
      },
      { id: 8, type: 'ExecutionSucceeded', timestamp: at(200), output: { rejected: true } },
    ],
  };
}
