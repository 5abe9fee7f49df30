import { randomUUID } from 'node:crypto';
import { Events, OrderError, StorageUnavailableError, Submission, Workflow } from '@orders/core';
import { partnerAPayload, partnerBPayload } from '@orders/core/testing/orders';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BusEvent } from './bus';
import type { Execution } from './executions';
import { type LocalRuntime, startLocalRuntime } from './runtime';
import { submit } from './testing/submit';
import type { TaskHandler } from './workflow';

// Fault injection: a test sets how many calls of SequenceAndStore fail before the real code runs.
const faults = { sequenceAndStoreFailures: 0, validateFailures: 0 };
const accepted: BusEvent[] = [];
let runtime: LocalRuntime;

/** The task, failing with `error()` as long as the named fault counter is above zero. */
function failFirst(counter: keyof typeof faults, handler: TaskHandler, error: () => Error): TaskHandler {
  return async (input) => {
    if (faults[counter] > 0) {
      faults[counter]--;
      throw error();
    }
    return handler(input);
  };
}

beforeAll(async () => {
  runtime = await startLocalRuntime({
    // Real backoff is 1 s, 2 s, 4 s with jitter; these tests keep the same retries with short waits.
    retryIntervalOverrides: { SequenceAndStore: 10, EmitAccepted: 10, EmitRejected: 10, Validate: 10 },
    wrapTask: (task, handler): TaskHandler => {
      if (task === 'sequenceAndStore') {
        const unavailable = () => new StorageUnavailableError('injected: the table is not answering');
        return failFirst('sequenceAndStoreFailures', handler, unavailable);
      }
      if (task === 'validate') {
        const defect = () => new TypeError('injected: a defect in validation');
        return failFirst('validateFailures', handler, defect);
      }
      return handler;
    },
  });
  runtime.bus.addRule('TestAccepted', { 'detail-type': ['OrderAccepted'] }, async (event) => {
    accepted.push(event);
  });
});
afterAll(() => runtime?.stop());

async function submitOne(partnerId: string, payload: unknown) {
  const [submission] = await submit(runtime, partnerId, [payload]);
  await runtime.idle();
  if (submission === undefined) throw new Error('nothing was submitted');
  const execution = runtime.executions
    .list(10_000)
    .find(
      (e) =>
        (e.input as { detail?: { submissionId?: string } }).detail?.submissionId === submission.submissionId,
    );
  const status = await Submission.getSubmission(runtime.store, partnerId, submission.submissionId);
  return { submission, execution: execution as Execution, status };
}

/** Puts an OrderSubmitted event on the bus as a partner's own AWS account would, and waits for it to settle. */
async function putDirect(source: string, detail: Record<string, unknown>) {
  const result = await runtime.bus.putEvents([
    { EventBusName: 'orders', Source: source, DetailType: 'OrderSubmitted', Detail: JSON.stringify(detail) },
  ]);
  expect(result.FailedEntryCount).toBe(0);
  await runtime.idle();
}

const statesEntered = (execution: Execution) =>
  execution.events.filter((event) => event.type === 'StateEntered').map((event) => event.stateName);

describe('the order workflow', () => {
  it('accepts a valid order, stores it with the next number and emits OrderAccepted', async () => {
    const { submission, execution, status } = await submitOne('partner-a', partnerAPayload(1));
    expect(execution.status).toBe('SUCCEEDED');
    expect(statesEntered(execution)).toEqual([
      'SubmissionForm',
      'Validate',
      'IsValid',
      'SequenceAndStore',
      'Outcome',
      'EmitAccepted',
      'Accepted',
    ]);
    expect(status).toMatchObject({
      status: 'accepted',
      sequenceNumber: 1,
      executionId: execution.executionArn,
    });
    const event = accepted.find((e) => e.detail.submissionId === submission.submissionId);
    expect(event).toMatchObject({
      source: 'orders.workflow',
      detail: { sequenceNumber: 1, grossAmount: '39.98' },
    });
  });

  it('rejects an invalid order with category validation, keeping its issues and raw payload', async () => {
    const payload = partnerBPayload(2, { qty: '5', price: -1 });
    const { execution, status, submission } = await submitOne('partner-b', payload);
    expect(execution.status).toBe('SUCCEEDED');
    expect(statesEntered(execution)).toEqual([
      'SubmissionForm',
      'Validate',
      'IsValid',
      'DescribeValidationRejection',
      'EmitRejected',
      'RejectionOutcome',
      'Rejected',
    ]);
    expect(status?.status).toBe('rejected');
    expect(status?.issues?.map((issue) => issue.path)).toEqual(['qty', 'price']);
    const { items } = await OrderError.listOrderErrors(runtime.store, 'partner-b');
    const error = items.find((item) => item.submissionId === submission.submissionId);
    expect(error).toMatchObject({ category: 'validation', executionId: execution.executionArn });
    expect(JSON.parse(error?.payload ?? '')).toEqual(payload);
  });

  it('settles a duplicate with the original number and takes no new one', async () => {
    const payload = partnerAPayload(3);
    const first = await submitOne('partner-a', payload);
    const again = await submitOne('partner-a', payload);
    expect(statesEntered(again.execution)).toEqual([
      'SubmissionForm',
      'Validate',
      'IsValid',
      'SequenceAndStore',
      'Outcome',
      'Duplicate',
    ]);
    expect(again.status).toMatchObject({ status: 'duplicate', sequenceNumber: first.status?.sequenceNumber });
    const next = await submitOne('partner-a', partnerAPayload(4));
    expect(next.status?.sequenceNumber).toBe((first.status?.sequenceNumber ?? 0) + 1);
  });

  it('rejects the same external id with other content as a conflict', async () => {
    await submitOne('partner-a', partnerAPayload(5));
    const { execution, status } = await submitOne('partner-a', partnerAPayload(5, { quantity: 99 }));
    expect(execution.status).toBe('SUCCEEDED');
    expect(statesEntered(execution)).toContain('DescribeConflictRejection');
    expect(status).toMatchObject({
      status: 'rejected',
      issues: [{ path: 'externalOrderId', code: 'conflict' }],
    });
  });

  it('recovers from a transient failure on retry', async () => {
    faults.sequenceAndStoreFailures = 2;
    const { execution, status } = await submitOne('partner-b', partnerBPayload(6));
    expect(execution.status).toBe('SUCCEEDED');
    const retries = execution.events.filter((event) => event.type === 'StateRetried');
    expect(retries.map((event) => event.stateName)).toEqual(['SequenceAndStore', 'SequenceAndStore']);
    expect(status?.status).toBe('accepted');
  });

  it('leaves the submission pending when storage stays unavailable past every retry, and recovery accepts it', async () => {
    // The first try and every retry its retrier allows.
    const retrier = Workflow.rawDefinition().States.SequenceAndStore.Retry.find((r) =>
      r.ErrorEquals.includes('StorageUnavailableError'),
    );
    faults.sequenceAndStoreFailures = 1 + (retrier?.MaxAttempts ?? 0);
    const payload = partnerBPayload(7);
    const { execution, status, submission } = await submitOne('partner-b', payload);
    expect(faults.sequenceAndStoreFailures).toBe(0);
    expect(execution.status).toBe('FAILED');
    expect(execution.error).toBe('OrderLeftPending');
    expect(statesEntered(execution).slice(-3)).toEqual([
      'FindStoredOrder',
      'StoredAfterFailure',
      'LeftPending',
    ]);
    expect(status?.status).toBe('pending');
    const { items } = await OrderError.listOrderErrors(runtime.store, 'partner-b');
    expect(items.find((item) => item.submissionId === submission.submissionId)).toBeUndefined();

    await Submission.requeuePendingSubmissions({
      store: runtime.store,
      publisher: runtime.bus,
      busName: runtime.bus.name,
    });
    await runtime.idle();
    const settled = await Submission.getSubmission(runtime.store, 'partner-b', submission.submissionId);
    expect(settled).toMatchObject({ status: 'accepted', sequenceNumber: expect.any(Number) });
  });

  it('fails a redelivery whose stored order has gone missing as OrderLeftPending, never a duplicate of itself', async () => {
    const { submission, status } = await submitOne('partner-a', partnerAPayload(31));
    expect(status).toMatchObject({ status: 'accepted', sequenceNumber: expect.any(Number) });
    const sequenceNumber = status?.sequenceNumber ?? 0;
    await runtime.store.entities.order.delete({ partnerId: 'partner-a', sequenceNumber }).go();
    const counter = async () =>
      (await runtime.store.entities.partnerCounter.get({ partnerId: 'partner-a' }).go({ consistent: true }))
        .data?.lastSequenceNumber;
    const before = await counter();

    // The same OrderSubmitted again, as EventBridge may deliver it.
    await runtime.bus.putEvents([
      {
        EventBusName: runtime.bus.name,
        Source: Events.partnerSource('partner-a'),
        DetailType: Events.detailTypes.orderSubmitted,
        Detail: JSON.stringify(submission),
      },
    ]);
    await runtime.idle();
    const runs = runtime.executions
      .list(10_000)
      .filter(
        (e) =>
          (e.input as { detail?: { submissionId?: string } }).detail?.submissionId ===
          submission.submissionId,
      );
    expect(runs).toHaveLength(2);
    const redelivered = runs.find((e) => e.status !== 'SUCCEEDED');
    expect(redelivered).toMatchObject({ status: 'FAILED', error: 'OrderLeftPending' });
    // The lookup meets the same missing order and fails too: its Catch leaves the submission to recovery.
    expect(statesEntered(redelivered as Execution).slice(-3)).toEqual([
      'SequenceAndStore',
      'FindStoredOrder',
      'LeftPending',
    ]);
    expect(await counter()).toBe(before);
    const after = await Submission.getSubmission(runtime.store, 'partner-a', submission.submissionId);
    expect(after).toMatchObject({ status: 'accepted', sequenceNumber });
    const { items } = await OrderError.listOrderErrors(runtime.store, 'partner-a');
    expect(items.find((item) => item.submissionId === submission.submissionId)).toBeUndefined();
  });

  it('retries emitting OrderAccepted when the bus refuses the entry', async () => {
    const put = runtime.bus.putEvents.bind(runtime.bus);
    let refusals = 2;
    runtime.bus.putEvents = async (entries) => {
      if (refusals > 0 && entries.some((entry) => entry.DetailType === 'OrderAccepted')) {
        refusals--;
        return {
          FailedEntryCount: entries.length,
          Entries: entries.map(() => ({ ErrorCode: 'InternalException', ErrorMessage: 'injected' })),
        };
      }
      return put(entries);
    };
    try {
      const { execution, submission } = await submitOne('partner-a', partnerAPayload(9));
      expect(refusals).toBe(0);
      expect(execution.status).toBe('SUCCEEDED');
      const retries = execution.events.filter((event) => event.type === 'StateRetried');
      expect(retries.map((event) => event.stateName)).toEqual(['EmitAccepted', 'EmitAccepted']);
      expect(accepted.filter((e) => e.detail.submissionId === submission.submissionId)).toHaveLength(1);
    } finally {
      runtime.bus.putEvents = put;
    }
  });

  it('catches a validation defect and ends it as a processing rejection', async () => {
    faults.validateFailures = 1;
    const { execution, status } = await submitOne('partner-b', partnerBPayload(10));
    expect(execution.status).toBe('FAILED');
    expect(statesEntered(execution)).toEqual([
      'SubmissionForm',
      'Validate',
      'DescribeProcessingFailure',
      'EmitRejected',
      'RejectionOutcome',
      'ProcessingFailed',
    ]);
    expect(status).toMatchObject({ status: 'rejected', issues: [{ code: 'processing_failed' }] });
  });

  it('files a rejection from a direct bus event under the partner of its source, never the one its detail names', async () => {
    // partner-b has a submission pending; partner-a puts an event naming partner-b and that very id.
    const submissionId = `direct-${randomUUID()}`;
    const receivedAt = new Date().toISOString();
    await Submission.recordSubmission(runtime.store, {
      partnerId: 'partner-b',
      submissionId,
      receivedAt,
      payload: partnerBPayload(11),
    });
    await putDirect('orders.partner-a', {
      submissionId,
      partnerId: 'partner-b',
      receivedAt,
      payload: partnerBPayload(11),
    });

    const fromA = await OrderError.listOrderErrors(runtime.store, 'partner-a');
    expect(fromA.items.find((item) => item.submissionId === submissionId)?.issues).toEqual([
      expect.objectContaining({ code: 'source_mismatch' }),
    ]);
    expect(await Submission.getSubmission(runtime.store, 'partner-a', submissionId)).toMatchObject({
      status: 'rejected',
    });
    const fromB = await OrderError.listOrderErrors(runtime.store, 'partner-b');
    expect(fromB.items.some((item) => item.submissionId === submissionId)).toBe(false);
    expect(await Submission.getSubmission(runtime.store, 'partner-b', submissionId)).toMatchObject({
      status: 'pending',
    });
  });

  it('files a processing failure of a direct bus event under the partner of its source too', async () => {
    faults.validateFailures = 1;
    const submissionId = `direct-${randomUUID()}`;
    await putDirect('orders.partner-a', {
      submissionId,
      partnerId: 'partner-b',
      receivedAt: new Date().toISOString(),
      payload: partnerBPayload(12),
    });
    expect(faults.validateFailures).toBe(0);
    const fromA = await OrderError.listOrderErrors(runtime.store, 'partner-a');
    expect(fromA.items.find((item) => item.submissionId === submissionId)?.category).toBe('processing');
    expect(await Submission.getSubmission(runtime.store, 'partner-b', submissionId)).toBeNull();
  });

  it('files a direct bus event for a partner nobody registered under that source', async () => {
    const submissionId = `direct-${randomUUID()}`;
    await putDirect('orders.partner-z', {
      submissionId,
      partnerId: 'partner-a',
      receivedAt: new Date().toISOString(),
      payload: partnerAPayload(13),
    });
    const { items } = await OrderError.listOrderErrors(runtime.store, 'partner-z');
    expect(items.find((item) => item.submissionId === submissionId)?.issues).toEqual([
      expect.objectContaining({ code: 'unknown_partner' }),
    ]);
    expect(await Submission.getSubmission(runtime.store, 'partner-a', submissionId)).toBeNull();
  });

  it('keeps an event log that shows each state in order with its input and output', async () => {
    const { execution } = await submitOne('partner-a', partnerAPayload(8));
    const validate = execution.events.filter((event) => event.stateName === 'Validate');
    expect(validate.map((event) => event.type)).toEqual(['StateEntered', 'StateExited']);
    expect(validate[0]?.input).toMatchObject({ 'detail-type': 'OrderSubmitted', source: 'orders.partner-a' });
    expect(validate[1]?.output).toMatchObject({
      validation: { valid: true, order: { externalOrderId: 'A-8' } },
    });
    expect(execution.events[0]?.type).toBe('ExecutionStarted');
    expect(execution.events.at(-1)?.type).toBe('ExecutionSucceeded');
    expect(runtime.executions.get(execution.executionArn)).toBe(execution);
  });
});
