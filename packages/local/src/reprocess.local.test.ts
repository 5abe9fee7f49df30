import { randomUUID } from 'node:crypto';
import { repositoryPartners, usePartners } from '@orders/core/partner/registry';
import { recordSubmission } from '@orders/core/submission/submission';
import { partnerAPayload } from '@orders/core/testing/orders';
import { PartnerKeys } from '@orders/functions';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type LocalApp, startLocalApp } from './app';
import { scriptToken } from './testing/tokens';

// POST /v1/partners/{partnerId}/submissions/{submissionId}/reprocess over real HTTP against the local
// product: the admin runs a rejected submission through the real workflow again.

const keys = { 'partner-a': 'reprocess-key-a', 'partner-b': 'reprocess-key-b' };
let app: LocalApp;
let adminToken: string;
let operatorToken: string;

beforeAll(async () => {
  app = await startLocalApp({ keys: new PartnerKeys(Object.entries(keys)), port: 0 });
  adminToken = await scriptToken(app, 'script-admin');
  operatorToken = await scriptToken(app, 'script-operator');
}, 120_000);
afterAll(() => app?.stop());
afterEach(() => usePartners(repositoryPartners));

// A test build of the partners in which partner-a takes at most 10 of anything: the rule a test relaxes.
function useStrictQuantities(): void {
  usePartners({
    source: 'reprocess test',
    partners: repositoryPartners.partners.map((partner) =>
      partner.id === 'partner-a'
        ? {
            ...partner,
            format: {
              ...partner.format,
              bounds: { ...partner.format.bounds, quantity: { min: 1, max: 10 } },
            },
          }
        : partner,
    ),
  });
}

interface Answer {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: assertions read whatever JSON the API answered
  body: Record<string, any>;
}

async function call(method: string, path: string, headers: Record<string, string>, body?: unknown) {
  const response = await fetch(`${app.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text === '' ? {} : JSON.parse(text) } as Answer;
}

const asAdmin = () => ({ authorization: `Bearer ${adminToken}` });
const asOperator = () => ({ authorization: `Bearer ${operatorToken}` });

async function submit(order: Record<string, unknown>): Promise<string> {
  const { body } = await call(
    'POST',
    '/v1/partners/partner-a/orders',
    { 'x-api-key': keys['partner-a'] },
    order,
  );
  await app.runtime.idle();
  return body.accepted[0].submissionId as string;
}

const statusOf = async (submissionId: string) =>
  (await call('GET', `/v1/partners/partner-a/submissions/${submissionId}`, asOperator())).body;

const reprocess = (submissionId: string, headers: Record<string, string> = asAdmin()) =>
  call('POST', `/v1/partners/partner-a/submissions/${submissionId}/reprocess`, headers);

const lastNumber = async (): Promise<number> => {
  const { body } = await call('GET', '/v1/stats', asOperator());
  return body.partners.find((p: { partnerId: string }) => p.partnerId === 'partner-a').lastSequenceNumber;
};

async function errorsFor(submissionId: string) {
  const { body } = await call('GET', '/v1/partners/partner-a/errors?limit=100', asOperator());
  return (body.items as { submissionId: string }[]).filter((item) => item.submissionId === submissionId);
}

async function ordersFor(submissionId: string) {
  const { body } = await call('GET', '/v1/partners/partner-a/orders?limit=100', asOperator());
  return (body.items as { submissionId: string; sequenceNumber: number }[]).filter(
    (order) => order.submissionId === submissionId,
  );
}

describe('reprocessing a submission', () => {
  it('runs a rejected submission again and, rejected again, keeps the first rejection in its history', async () => {
    const n = 9_100;
    await submit(partnerAPayload(n));
    const conflicting = await submit(partnerAPayload(n, { quantity: 7 }));
    const rejected = await statusOf(conflicting);
    expect(rejected).toMatchObject({ status: 'rejected', issues: [{ code: 'conflict' }] });

    const answer = await reprocess(conflicting);
    expect(answer.status).toBe(202);
    expect(answer.body).toMatchObject({
      outcome: 'requeued',
      submission: { status: 'pending', history: [{ status: 'rejected', issues: rejected.issues }] },
    });
    await app.runtime.idle();

    const after = await statusOf(conflicting);
    expect(after).toMatchObject({ status: 'rejected', issues: [{ code: 'conflict' }] });
    expect(after.history).toEqual([
      {
        status: 'rejected',
        executionId: rejected.executionId,
        settledAt: expect.any(String),
        replacedAt: expect.any(String),
        issues: rejected.issues,
      },
    ]);
    // The new attempt ran its own execution.
    expect(after.executionId).not.toBe(rejected.executionId);
    expect(await errorsFor(conflicting)).toHaveLength(1);
  });

  it('changes nothing for an accepted submission and says under which number it was accepted', async () => {
    const accepted = await submit(partnerAPayload(9_200));
    const before = await statusOf(accepted);
    const last = await lastNumber();
    const executions = (await call('GET', '/v1/executions?limit=100', asOperator())).body.items.length;

    const answer = await reprocess(accepted);
    expect(answer).toEqual({
      status: 200,
      body: {
        outcome: 'already_settled',
        message: `nothing to do: already accepted as #${before.sequenceNumber}`,
        submission: before,
      },
    });
    await app.runtime.idle();
    expect(await statusOf(accepted)).toEqual(before);
    expect(await lastNumber()).toBe(last);
    expect((await call('GET', '/v1/executions?limit=100', asOperator())).body.items).toHaveLength(executions);
  });

  it('accepts a rejected submission once its rule is relaxed, marks its error superseded and never numbers it twice', async () => {
    useStrictQuantities();
    const tooMany = await submit(partnerAPayload(9_300, { quantity: 50 }));
    expect(await statusOf(tooMany)).toMatchObject({ status: 'rejected', issues: [{ path: 'quantity' }] });
    usePartners(repositoryPartners);
    const last = await lastNumber();

    // Five at once: one moves it back to pending and queues it; the others find it in progress (or done).
    const answers = await Promise.all(Array.from({ length: 5 }, () => reprocess(tooMany)));
    expect(answers.filter((answer) => answer.status === 202)).toHaveLength(1);
    expect(answers.filter((answer) => answer.status === 200)).toHaveLength(4);
    await app.runtime.idle();

    const accepted = await statusOf(tooMany);
    expect(accepted).toMatchObject({ status: 'accepted', sequenceNumber: last + 1 });
    expect(accepted.history).toMatchObject([{ status: 'rejected', issues: [{ path: 'quantity' }] }]);
    expect(await errorsFor(tooMany)).toEqual([
      expect.objectContaining({
        supersededBy: { status: 'accepted', sequenceNumber: last + 1 },
        supersededAt: expect.any(String),
      }),
    ]);

    const again = await reprocess(tooMany);
    expect(again).toMatchObject({
      status: 200,
      body: { outcome: 'already_settled', message: `nothing to do: already accepted as #${last + 1}` },
    });
    await app.runtime.idle();
    expect(await lastNumber()).toBe(last + 1);
    expect((await ordersFor(tooMany)).map((order) => order.sequenceNumber)).toEqual([last + 1]);
  });

  it('answers a pending submission as in progress and queues nothing', async () => {
    const submissionId = randomUUID();
    await recordSubmission(app.runtime.store, {
      partnerId: 'partner-a',
      submissionId,
      receivedAt: new Date().toISOString(),
      payload: partnerAPayload(9_400),
    });
    const answer = await reprocess(submissionId);
    expect(answer).toMatchObject({
      status: 200,
      body: { outcome: 'in_progress', submission: { status: 'pending' } },
    });
    await app.runtime.idle();
    expect((await statusOf(submissionId)).status).toBe('pending');
  });

  it('answers 404 for a submission it does not know and 400 for an id that is not one', async () => {
    expect(await reprocess(randomUUID())).toMatchObject({
      status: 404,
      body: { error: { code: 'not_found' } },
    });
    expect(await reprocess('not-a-uuid')).toMatchObject({
      status: 400,
      body: { error: { code: 'invalid_submission_id' } },
    });
  });

  it('is refused to operators without the admin role and to partner keys', async () => {
    const rejected = await submit(partnerAPayload(9_500, { quantity: 0 }));
    expect((await reprocess(rejected, asOperator())).status).toBe(403);
    expect((await reprocess(rejected, { 'x-api-key': keys['partner-a'] })).status).toBe(403);
    expect((await reprocess(rejected, {})).status).toBe(401);
    expect((await statusOf(rejected)).history).toBeUndefined();
  });
});
