import { Events, OrderError, Submission, Workflow } from '@orders/core';
import { partnerAPayload } from '@orders/core/testing/orders';
import { PartnerKeys } from '@orders/functions';
import { afterEach, describe, expect, it } from 'vitest';
import { type LocalApp, startLocalApp } from './app';
import type { BusEvent, LocalBusOptions } from './bus';
import type { LocalRuntimeOptions } from './runtime';
import { captureAccepted, expectAllAccountedFor, type SubmittedRef } from './testing/invariants';
import { expectedOutcomes, type LoadItem, mixedLoad } from './testing/mixed-load';
import { recoverUntilSettled } from './testing/recovery';
import { submit } from './testing/submit';

// The local bus made as unkind as EventBridge may be (issue 15): a PutEvents refused whole, events delivered
// twice, events delivered out of order. None of it may lose, double-count or mislabel an order.

const keys = { 'partner-a': 'unkind-key-a-0123456789', 'partner-b': 'unkind-key-b-0123456789' };
const apps: LocalApp[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.stop();
});

async function start(bus: LocalBusOptions, runtime: Omit<LocalRuntimeOptions, 'bus'> = {}) {
  const app = await startLocalApp({ ...runtime, keys: new PartnerKeys(Object.entries(keys)), port: 0, bus });
  apps.push(app);
  return { app, acceptedEvents: captureAccepted(app.runtime.bus) };
}

const isSubmitted = (entry: Events.EventEntry) => entry.DetailType === Events.detailTypes.orderSubmitted;
const externalIdOf = (entry: Events.EventEntry) =>
  String((JSON.parse(entry.Detail) as { payload?: { orderId?: unknown } }).payload?.orderId);

async function post(app: LocalApp, orders: unknown[]) {
  const response = await fetch(`${app.url}/v1/partners/partner-a/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': keys['partner-a'] },
    body: JSON.stringify(orders),
  });
  return {
    status: response.status,
    body: (await response.json()) as {
      accepted?: { submissionId: string }[];
      error?: {
        code: string;
        submissions: { submissionId: string; externalOrderId: string }[];
        notQueued: string[];
      };
    },
  };
}

function refsOf(submissions: { submissionId: string }[]): SubmittedRef[] {
  return submissions.map(({ submissionId }) => ({ partnerId: 'partner-a', submissionId }));
}

async function statusOf(app: LocalApp, submissionId: string): Promise<string | undefined> {
  return (await app.runtime.store.entities.submission.get({ partnerId: 'partner-a', submissionId }).go()).data
    ?.status;
}

describe('a PutEvents that fails for the whole request', () => {
  it('answers 503 naming every recorded submission, leaves them pending, and recovery accepts each once', async () => {
    let refused = 0;
    let failing = true;
    const { app, acceptedEvents } = await start({
      failPutEvents: (entries) => {
        if (!failing || !entries.some(isSubmitted)) return undefined;
        refused++;
        return Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
      },
    });
    const orders = [1, 2, 3].map((n) => partnerAPayload(n));
    const { status, body } = await post(app, orders);
    expect(refused).toBeGreaterThan(0);
    expect(status).toBe(503);
    expect(body.error?.code).toBe('publish_failed');
    const submissions = body.error?.submissions ?? [];
    expect(submissions.map((s) => s.externalOrderId)).toEqual(['A-1', 'A-2', 'A-3']);
    expect(body.error?.notQueued).toEqual(submissions.map((s) => s.submissionId));
    await app.runtime.idle();
    for (const { submissionId } of submissions) expect(await statusOf(app, submissionId)).toBe('pending');

    failing = false;
    await recoverUntilSettled(app.runtime);
    await expectAllAccountedFor(app.runtime.store, refsOf(submissions), {
      acceptedEvents,
      expected: { accepted: 3, duplicate: 0, rejected: 0 },
    });
  }, 60_000);

  it('puts the other requests of a submission when a later one fails, and names only its orders as not queued', async () => {
    // 25 orders go as requests of 10, 10 and 5; the second (A-11 … A-20) is refused on every attempt.
    const refusedIds = new Set(Array.from({ length: 10 }, (_, i) => `A-${i + 11}`));
    let refused = 0;
    let failing = true;
    const { app, acceptedEvents } = await start({
      failPutEvents: (entries) => {
        if (!failing || !entries.some((entry) => isSubmitted(entry) && refusedIds.has(externalIdOf(entry))))
          return undefined;
        refused++;
        return Object.assign(new Error('An internal error occurred'), { name: 'InternalException' });
      },
    });
    const orders = Array.from({ length: 25 }, (_, i) => partnerAPayload(i + 1));
    const { status, body } = await post(app, orders);
    expect(refused).toBeGreaterThan(1);
    expect(status).toBe(503);
    const submissions = body.error?.submissions ?? [];
    expect(submissions).toHaveLength(25);
    const notQueued = new Set(body.error?.notQueued);
    expect(submissions.filter((s) => notQueued.has(s.submissionId)).map((s) => s.externalOrderId)).toEqual([
      ...refusedIds,
    ]);

    await app.runtime.idle();
    for (const { submissionId, externalOrderId } of submissions) {
      expect(await statusOf(app, submissionId)).toBe(
        refusedIds.has(externalOrderId) ? 'pending' : 'accepted',
      );
    }
    failing = false;
    await recoverUntilSettled(app.runtime);
    await expectAllAccountedFor(app.runtime.store, refsOf(submissions), {
      acceptedEvents,
      expected: { accepted: 25, duplicate: 0, rejected: 0 },
    });
  }, 60_000);
});

/** The number in a test order's own id (`A-7`, `B-12`). */
function numberOf(payload: unknown): number {
  const { orderId, transactionId } = (payload ?? {}) as { orderId?: unknown; transactionId?: unknown };
  return Number(/(\d+)$/.exec(String(orderId ?? transactionId))?.[1] ?? Number.NaN);
}

describe('events delivered as EventBridge may deliver them', () => {
  async function runLoad(bus: LocalBusOptions, load: LoadItem[]) {
    const { app, acceptedEvents } = await start(bus);
    const submitted = await Promise.all(
      load.map(async ({ partnerId, payload }) => {
        const [submission] = await submit(app.runtime, partnerId, [payload]);
        return { partnerId, submissionId: submission?.submissionId ?? '' };
      }),
    );
    await recoverUntilSettled(app.runtime);
    return { app, acceptedEvents, submitted };
  }

  const workflowRule = (rule: string, event: BusEvent) =>
    rule !== 'InvariantAccepted' && event['detail-type'] === Events.detailTypes.orderSubmitted;

  it('numbers, counts and announces each order once when some events reach the workflow twice', async () => {
    const load = mixedLoad(40);
    // Every order whose number is a multiple of three, resends and invalid ones included.
    const twice = (payload: unknown) => numberOf(payload) % 3 === 0;
    let doubled = 0;
    const { app, acceptedEvents, submitted } = await runLoad(
      {
        deliveriesOf: (rule, event) => {
          if (!workflowRule(rule, event) || !twice(event.detail.payload)) return 1;
          doubled++;
          return 2;
        },
      },
      load,
    );
    expect(doubled).toBeGreaterThan(0);
    expect(doubled).toBe(load.filter((item) => twice(item.payload)).length);
    await expectAllAccountedFor(app.runtime.store, submitted, {
      acceptedEvents,
      expected: expectedOutcomes(load),
    });
  }, 120_000);

  it('keeps numbers contiguous and outcomes right when later events overtake earlier ones', async () => {
    const load = mixedLoad(40);
    const putOrder: string[] = [];
    const startOrder: string[] = [];
    let delayed = 0;
    const { app, acceptedEvents, submitted } = await runLoad(
      {
        onAccepted: (event) => {
          if (event['detail-type'] === Events.detailTypes.orderSubmitted)
            putOrder.push(String(event.detail.submissionId));
        },
        deliveryDelayMs: (rule, event) => {
          if (!workflowRule(rule, event)) return 0;
          const position = putOrder.indexOf(String(event.detail.submissionId));
          // Every other event waits, so the ones put after it start first.
          const wait = position % 2 === 0 ? 40 : 0;
          if (wait > 0) delayed++;
          setTimeout(() => startOrder.push(String(event.detail.submissionId)), wait);
          return wait;
        },
      },
      load,
    );
    expect(delayed).toBeGreaterThan(0);
    expect(startOrder).toHaveLength(putOrder.length);
    expect(startOrder).not.toEqual(putOrder);
    await expectAllAccountedFor(app.runtime.store, submitted, {
      acceptedEvents,
      expected: expectedOutcomes(load),
    });
  }, 120_000);
});

describe("the workflow's own PutEvents refused past every retry", () => {
  // Each Emit state's retries, with short waits: running them out takes milliseconds.
  const quick = {
    retryIntervalOverrides: { EmitAccepted: 5, EmitRejected: 5, RecordAnnouncementPending: 5 },
  };
  const triesOf = (state: 'EmitAccepted' | 'EmitRejected') =>
    1 + (Workflow.rawDefinition().States[state].Retry?.[0]?.MaxAttempts ?? 0);

  it('leaves an invalid order pending when its OrderRejected cannot be put, and recovery rejects it once', async () => {
    let refused = 0;
    let failing = true;
    const { app, acceptedEvents } = await start(
      {
        failPutEvents: (entries) => {
          if (!failing || !entries.some((entry) => entry.DetailType === Events.detailTypes.orderRejected))
            return undefined;
          refused++;
          return Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
        },
      },
      quick,
    );
    const [invalid, valid] = await submit(app.runtime, 'partner-a', [
      partnerAPayload(101, { quantity: 0 }),
      partnerAPayload(102),
    ]);
    if (invalid === undefined || valid === undefined) throw new Error('nothing was submitted');
    await app.runtime.idle();
    expect(refused).toBe(triesOf('EmitRejected'));
    const status = async (submissionId: string) =>
      (await Submission.getSubmission(app.runtime.store, 'partner-a', submissionId))?.status;
    expect(await status(invalid.submissionId)).toBe('pending');
    expect(await status(valid.submissionId)).toBe('accepted');
    const errors = async () =>
      (await OrderError.listOrderErrors(app.runtime.store, 'partner-a', { limit: 100 })).items.filter(
        (item) => item.submissionId === invalid.submissionId,
      );
    expect(await errors()).toEqual([]);

    failing = false;
    await recoverUntilSettled(app.runtime);
    await expectAllAccountedFor(app.runtime.store, refsOf([invalid, valid]), {
      acceptedEvents,
      expected: { accepted: 1, duplicate: 0, rejected: 1 },
    });
    expect(await errors()).toHaveLength(1);
  }, 60_000);

  it('marks an order whose OrderAccepted cannot be put, and recovery announces it once', async () => {
    let refused = 0;
    let failing = true;
    const { app, acceptedEvents } = await start(
      {
        failPutEvents: (entries) => {
          if (!failing || !entries.some((entry) => entry.DetailType === Events.detailTypes.orderAccepted))
            return undefined;
          refused++;
          return Object.assign(new Error('An internal error occurred'), { name: 'InternalException' });
        },
      },
      quick,
    );
    const submitted = await submit(app.runtime, 'partner-a', [partnerAPayload(201)]);
    await app.runtime.idle();
    expect(refused).toBe(triesOf('EmitAccepted'));
    expect(acceptedEvents).toEqual([]);
    const [marked] = await Submission.listUnannouncedSubmissions(app.runtime.store);
    expect(marked).toMatchObject({ submissionId: submitted[0]?.submissionId, status: 'accepted' });

    failing = false;
    await recoverUntilSettled(app.runtime);
    await expectAllAccountedFor(app.runtime.store, refsOf(submitted), {
      acceptedEvents,
      expected: { accepted: 1, duplicate: 0, rejected: 0 },
    });
    expect(await Submission.listUnannouncedSubmissions(app.runtime.store)).toEqual([]);
  }, 60_000);
});

describe('a request the table records only in part', () => {
  it('answers 503 naming the orders not recorded, processes the recorded ones, and the resent ones are accepted once', async () => {
    const { app, acceptedEvents } = await start({});
    // The table keeps refusing the one write that names order A-302 (its pending record): throttled, as a
    // hot partition is, below the SDK's own retries.
    const before = app.runtime.engine.faults.injected;
    app.runtime.engine.faults.throttle({ key: 'A-302', error: 'ProvisionedThroughputExceededException' });
    const orders = [301, 302, 303].map((n) => partnerAPayload(n));
    const response = await fetch(`${app.url}/v1/partners/partner-a/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': keys['partner-a'] },
      body: JSON.stringify(orders),
    });
    app.runtime.engine.faults.clear();
    expect(app.runtime.engine.faults.injected).toBeGreaterThan(before);
    expect(response.status).toBe(503);
    const body = (await response.json()) as {
      error: {
        code: string;
        submissions: { submissionId: string; externalOrderId: string }[];
        notRecorded: number[];
        notQueued: string[];
      };
    };
    expect(body.error.code).toBe('partially_recorded');
    expect(body.error.notRecorded).toEqual([1]);
    expect(body.error.notQueued).toEqual([]);
    expect(body.error.submissions.map((s) => s.externalOrderId)).toEqual(['A-301', 'A-303']);
    await app.runtime.idle();
    for (const { submissionId } of body.error.submissions)
      expect(await statusOf(app, submissionId)).toBe('accepted');

    // The partner sends again what was not recorded, and only that.
    const resent = await post(
      app,
      body.error.notRecorded.map((i) => orders[i]),
    );
    expect(resent.status).toBe(202);
    const accepted = resent.body.accepted ?? [];
    await recoverUntilSettled(app.runtime);
    await expectAllAccountedFor(app.runtime.store, refsOf([...body.error.submissions, ...accepted]), {
      acceptedEvents,
      expected: { accepted: 3, duplicate: 0, rejected: 0 },
    });
  }, 60_000);
});
