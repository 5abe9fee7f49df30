import { readFileSync } from 'node:fs';
import { EventBridgeClient, PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { OrderError, StorageUnavailableError, Submission } from '@orders/core';
import { partnerAPayload, partnerBPayload } from '@orders/core/testing/orders';
import { PartnerKeys } from '@orders/functions';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalApp, startLocalApp } from './app';
import type { BusEvent } from './bus';
import { captureAccepted } from './testing/invariants';
import { recoverUntilSettled } from './testing/recovery';
import { scriptToken } from './testing/tokens';
import type { TaskHandler } from './workflow';

// Orders a partner publishes from its own AWS account with PutEvents, against the running app: the real AWS
// SDK signs and sends them to the app's /eventbridge endpoint, the workflow records, validates, numbers and
// settles them like the feed's, and the HTTP API answers for them by their event ids.

const keys = { 'partner-a': 'test-key-a', 'partner-b': 'test-key-b' };
// Fault injection: RecordSubmission does its work and then fails, this many times, as a function that dies
// after its write.
const faults = { recordFailuresAfterWrite: 0 };
let app: LocalApp;
let operatorToken: string;
let accepted: BusEvent[];
const submitted: BusEvent[] = [];

beforeAll(async () => {
  app = await startLocalApp({
    keys: new PartnerKeys(Object.entries(keys)),
    signingKeys: Object.entries(keys),
    port: 0,
    retryIntervalOverrides: { RecordSubmission: 10 },
    wrapTask: (task, handler): TaskHandler => {
      if (task !== 'sequenceAndStore') return handler;
      return async (input) => {
        const result = await handler(input);
        if (
          typeof input === 'object' &&
          input !== null &&
          'record' in input &&
          faults.recordFailuresAfterWrite > 0
        ) {
          faults.recordFailuresAfterWrite--;
          throw new StorageUnavailableError('injected: the function died after recording');
        }
        return result;
      };
    },
  });
  accepted = captureAccepted(app.runtime.bus);
  app.runtime.bus.addRule('TestSubmitted', { 'detail-type': ['OrderSubmitted'] }, async (event) => {
    submitted.push(event);
  });
  operatorToken = await scriptToken(app, 'script-operator');
});
afterAll(() => app?.stop());

function client(accessKeyId: string, secretAccessKey: string): EventBridgeClient {
  return new EventBridgeClient({
    endpoint: `${app.url}/eventbridge`,
    region: 'us-east-1',
    credentials: { accessKeyId, secretAccessKey },
  });
}

const entry = (source: string, detail: unknown): PutEventsRequestEntry => ({
  EventBusName: 'orders',
  Source: source,
  DetailType: 'OrderSubmitted',
  Detail: JSON.stringify(detail),
});

/** Publishes entries as partner-a's own SDK code would, waits for the workflow, answers the event ids. */
async function publishAsPartnerA(entries: PutEventsRequestEntry[]): Promise<string[]> {
  const answer = await client('partner-a', keys['partner-a']).send(
    new PutEventsCommand({ Entries: entries }),
  );
  expect(answer.FailedEntryCount).toBe(0);
  await app.runtime.idle();
  return (answer.Entries ?? []).map((result) => result.EventId as string);
}

/** Puts an event straight on the bus (as any account the bus policy admits would) and waits for it. */
async function putOnBus(source: string, detail: unknown, time?: Date): Promise<string> {
  const result = await app.runtime.bus.putEvents([
    {
      EventBusName: 'orders',
      Source: source,
      DetailType: 'OrderSubmitted',
      Detail: JSON.stringify(detail),
      ...(time === undefined ? {} : { Time: time }),
    },
  ]);
  await app.runtime.idle();
  const [first] = result.Entries;
  if (first === undefined || !('EventId' in first)) throw new Error('the bus refused the event');
  return first.EventId;
}

async function get(path: string) {
  const response = await fetch(`${app.url}${path}`, {
    headers: { authorization: `Bearer ${operatorToken}` },
  });
  // biome-ignore lint/suspicious/noExplicitAny: assertions read whatever JSON the API answered
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

// Error items keep the payload as the JSON text it arrived as.
const storedPayload = (text: string | undefined): unknown => JSON.parse(text ?? 'null');

const executionsOf = (eventId: string) =>
  app.runtime.executions
    .list(10_000)
    .filter((execution) => (execution.input as { id?: string }).id === eventId);

describe('an order published with PutEvents from the partner’s own SDK code', () => {
  it('is accepted, stored with its number, and answered for by its event id', async () => {
    const [eventId] = await publishAsPartnerA([entry('orders.partner-a', { order: partnerAPayload(1) })]);
    const status = await get(`/v1/partners/partner-a/submissions/${eventId}`);
    expect(status).toMatchObject({
      status: 200,
      body: { status: 'accepted', sequenceNumber: expect.any(Number) },
    });
    const { sequenceNumber } = status.body;
    const order = await get(`/v1/partners/partner-a/orders/${sequenceNumber}`);
    expect(order.body).toMatchObject({ externalOrderId: 'A-1', submissionId: eventId, sequenceNumber });
    expect(accepted.filter((event) => event.detail.submissionId === eventId)).toHaveLength(1);
    const [execution] = executionsOf(eventId as string);
    expect(execution?.status).toBe('SUCCEEDED');
    // The executions listing explains it like a feed submission: its event id is its submission id.
    expect(execution).toMatchObject({
      partnerId: 'partner-a',
      submissionId: eventId,
      externalOrderId: 'A-1',
      outcome: 'accepted',
      sequenceNumber,
    });
    expect(execution?.events.filter((e) => e.type === 'StateEntered').map((e) => e.stateName)).toEqual([
      'SubmissionForm',
      'RecordSubmission',
      'IsValid',
      'SequenceAndStore',
      'Outcome',
      'EmitAccepted',
      'Accepted',
    ]);
  });

  it('is rejected when invalid, its submission answering with the issues, and kept as an error', async () => {
    const [eventId] = await publishAsPartnerA([
      entry('orders.partner-a', { order: partnerAPayload(2, { quantity: '5', skuId: '' }) }),
    ]);
    const status = await get(`/v1/partners/partner-a/submissions/${eventId}`);
    expect(status.body.status).toBe('rejected');
    expect(
      status.body.issues.map((issue: { path: string; code: string }) => [issue.path, issue.code]),
    ).toEqual(
      expect.arrayContaining([
        ['quantity', 'type'],
        ['skuId', 'empty'],
      ]),
    );
    const errors = await OrderError.listOrderErrors(app.runtime.store, 'partner-a');
    const error = errors.items.find((item) => item.submissionId === eventId);
    expect(error?.category).toBe('validation');
    expect(storedPayload(error?.payload)).toMatchObject({ orderId: 'A-2', quantity: '5', skuId: '' });
    expect(executionsOf(eventId as string).map((execution) => execution.status)).toEqual(['SUCCEEDED']);
  });

  it('is refused over the endpoint with another partner’s source, a bad signature or an unknown access key', async () => {
    const before = submitted.length;
    await expect(
      client('partner-a', keys['partner-a']).send(
        new PutEventsCommand({ Entries: [entry('orders.partner-b', { order: partnerBPayload(1) })] }),
      ),
    ).rejects.toMatchObject({ name: 'AccessDeniedException' });
    await expect(
      client('partner-a', keys['partner-b']).send(
        new PutEventsCommand({ Entries: [entry('orders.partner-a', { order: partnerAPayload(3) })] }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidSignatureException' });
    await expect(
      client('partner-z', 'no-such-key').send(
        new PutEventsCommand({ Entries: [entry('orders.partner-z', { order: partnerAPayload(4) })] }),
      ),
    ).rejects.toMatchObject({ name: 'UnrecognizedClientException' });
    await app.runtime.idle();
    expect(submitted.length).toBe(before);
  });

  it('gives an event delivered twice one order and one number', async () => {
    const [eventId] = await publishAsPartnerA([entry('orders.partner-a', { order: partnerAPayload(5) })]);
    const event = submitted.find((candidate) => candidate.id === eventId) as BusEvent;
    // EventBridge delivers at least once: the same event starts the workflow again, twice at once.
    await Promise.all([app.runtime.workflow.start(event).done, app.runtime.workflow.start(event).done]);
    await app.runtime.idle();
    expect(executionsOf(eventId as string).map((execution) => execution.status)).toEqual([
      'SUCCEEDED',
      'SUCCEEDED',
      'SUCCEEDED',
    ]);
    // Looked up by its own id, however many orders the other tests stored before it.
    const { items: stored } = (await get('/v1/partners/partner-a/orders?externalOrderId=A-5')).body as {
      items: { externalOrderId: string; sequenceNumber: number; submissionId: string }[];
    };
    expect(stored).toEqual([expect.objectContaining({ submissionId: eventId })]);
    const status = await get(`/v1/partners/partner-a/submissions/${eventId}`);
    expect(status.body).toMatchObject({ status: 'accepted', sequenceNumber: stored[0]?.sequenceNumber });
    const announced = accepted.filter((e) => e.detail.submissionId === eventId);
    expect(new Set(announced.map((e) => e.detail.deduplicationId))).toEqual(
      new Set([`partner-a/${stored[0]?.sequenceNumber}`]),
    );
  });

  it('is re-driven by recovery when it was recorded but never settled', async () => {
    // Both attempts of RecordSubmission record (the second finds the first's record) and then fail.
    faults.recordFailuresAfterWrite = 2;
    const [eventId] = await publishAsPartnerA([entry('orders.partner-a', { order: partnerAPayload(6) })]);
    expect(faults.recordFailuresAfterWrite).toBe(0);
    expect(executionsOf(eventId as string)).toEqual([
      expect.objectContaining({ status: 'FAILED', error: 'DirectSubmissionNotRecorded' }),
    ]);
    expect((await get(`/v1/partners/partner-a/submissions/${eventId}`)).body).toMatchObject({
      status: 'pending',
    });

    const rounds = await recoverUntilSettled(app.runtime);
    expect(rounds[0]).toBeGreaterThanOrEqual(1);
    const status = await get(`/v1/partners/partner-a/submissions/${eventId}`);
    expect(status.body).toMatchObject({ status: 'accepted', sequenceNumber: expect.any(Number) });
    expect(accepted.filter((event) => event.detail.submissionId === eventId)).toHaveLength(1);
  });
});

describe('the published OrderSubmitted schema', () => {
  it('describes the event in both forms, the partner’s own and the feed’s', async () => {
    const schema = JSON.parse(
      readFileSync(new URL('../../../docs/schemas/OrderSubmitted.json', import.meta.url), 'utf8'),
    ) as object;
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    const [eventId] = await publishAsPartnerA([entry('orders.partner-a', { order: partnerAPayload(11) })]);
    const fed = await fetch(`${app.url}/v1/partners/partner-a/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': keys['partner-a'] },
      body: JSON.stringify(partnerAPayload(12)),
    });
    const { accepted: fedIds } = (await fed.json()) as { accepted: { submissionId: string }[] };
    await app.runtime.idle();
    const direct = submitted.find((event) => event.id === eventId);
    const fromFeed = submitted.find((event) => event.detail.submissionId === fedIds[0]?.submissionId);
    for (const event of [direct, fromFeed]) {
      expect(event).toBeDefined();
      expect(validate(event), ajv.errorsText(validate.errors)).toBe(true);
    }
    expect(validate({ ...direct, detail: { note: 'neither form' } })).toBe(false);
  });
});

describe('an OrderSubmitted event put on the bus directly', () => {
  it('is rejected, not lost and not failed, when its source names no partner we know', async () => {
    const eventId = await putOnBus('orders.partner-z', { order: partnerAPayload(7) });
    const submission = await Submission.getSubmission(app.runtime.store, 'partner-z', eventId);
    expect(submission).toMatchObject({
      status: 'rejected',
      issues: [expect.objectContaining({ code: 'unknown_partner' })],
    });
    const { items } = await OrderError.listOrderErrors(app.runtime.store, 'partner-z');
    expect(items.some((item) => item.submissionId === eventId)).toBe(true);
    expect(executionsOf(eventId).map((execution) => execution.status)).toEqual(['SUCCEEDED']);
  });

  it('is rejected when its detail names another partner than its source', async () => {
    const eventId = await putOnBus('orders.partner-a', { order: partnerBPayload(2), partnerId: 'partner-b' });
    const status = await get(`/v1/partners/partner-a/submissions/${eventId}`);
    expect(status.body).toMatchObject({
      status: 'rejected',
      issues: [expect.objectContaining({ code: 'source_mismatch' })],
    });
    expect(await Submission.getSubmission(app.runtime.store, 'partner-b', eventId)).toBeNull();
    expect(executionsOf(eventId).map((execution) => execution.status)).toEqual(['SUCCEEDED']);
  });

  it('is rejected when its detail is neither form, keeping the detail as its payload', async () => {
    const eventId = await putOnBus('orders.partner-a', { orderId: 'A-8', note: 'no order field' });
    const status = await get(`/v1/partners/partner-a/submissions/${eventId}`);
    expect(status.body).toMatchObject({
      status: 'rejected',
      issues: [expect.objectContaining({ code: 'invalid_detail' })],
    });
    const { items } = await OrderError.listOrderErrors(app.runtime.store, 'partner-a');
    expect(storedPayload(items.find((item) => item.submissionId === eventId)?.payload)).toEqual({
      orderId: 'A-8',
      note: 'no order field',
    });
    expect(executionsOf(eventId).map((execution) => execution.status)).toEqual(['SUCCEEDED']);
  });

  it('goes by its event id, not by a submission id its detail carries beside the order', async () => {
    const eventId = await putOnBus('orders.partner-a', {
      order: partnerAPayload(13),
      submissionId: 'chosen-by-the-sender',
    });
    const status = await get(`/v1/partners/partner-a/submissions/${eventId}`);
    expect(status.body).toMatchObject({ status: 'accepted', sequenceNumber: expect.any(Number) });
    expect(await Submission.getSubmission(app.runtime.store, 'partner-a', 'chosen-by-the-sender')).toBeNull();
  });

  it('is rejected when its detail is the feed’s form cut short', async () => {
    const eventId = await putOnBus('orders.partner-a', { submissionId: 'cut-short', payload: {} });
    const status = await get(`/v1/partners/partner-a/submissions/${eventId}`);
    expect(status.body).toMatchObject({
      status: 'rejected',
      issues: [expect.objectContaining({ code: 'invalid_detail' })],
    });
    expect(executionsOf(eventId).map((execution) => execution.status)).toEqual(['SUCCEEDED']);
  });

  it('is rejected when its order is over the feed’s per-order limit, the order kept whole with the error', async () => {
    const order = partnerAPayload(9, { note: 'x'.repeat(200 * 1024) });
    const eventId = await putOnBus('orders.partner-a', { order });
    const status = await get(`/v1/partners/partner-a/submissions/${eventId}`);
    expect(status.body).toMatchObject({
      status: 'rejected',
      issues: [expect.objectContaining({ code: 'order_too_large' })],
    });
    const { items } = await OrderError.listOrderErrors(app.runtime.store, 'partner-a');
    // Compared as text: a failure would otherwise print 200 KiB.
    const kept = storedPayload(items.find((item) => item.submissionId === eventId)?.payload);
    expect(JSON.stringify(kept) === JSON.stringify(order)).toBe(true);
    expect(executionsOf(eventId).map((execution) => execution.status)).toEqual(['SUCCEEDED']);
  });

  it('takes the execution’s start as its received time when the sender set a time in the future', async () => {
    const future = new Date(Date.now() + 24 * 60 * 60 * 1000);
    const before = Date.now();
    const eventId = await putOnBus('orders.partner-a', { order: partnerAPayload(10) }, future);
    const submission = await Submission.getSubmission(app.runtime.store, 'partner-a', eventId);
    expect(submission?.status).toBe('accepted');
    const receivedAt = Date.parse(submission?.receivedAt ?? '');
    expect(receivedAt).toBeGreaterThanOrEqual(before);
    expect(receivedAt).toBeLessThan(future.getTime());
  });
});
