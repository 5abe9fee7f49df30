import { repositoryPartners, usePartners } from '@orders/core/partner/registry';
import { partnerAPayload, partnerBPayload } from '@orders/core/testing/orders';
import { PartnerKeys } from '@orders/functions';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type LocalApp, startLocalApp } from './app';
import { scriptToken } from './testing/tokens';

// POST /v1/replays and GET /v1/replays/{replayName} over real HTTP against the local product: the local
// bus's archive replayed to the real workflow, after a validation rule was relaxed in a test build.

const keys = { 'partner-a': 'replay-key-a', 'partner-b': 'replay-key-b' };
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

// A test build of the partners in which both take at most 10 of anything: the rule the test relaxes.
function useStrictQuantities(): void {
  usePartners({
    source: 'replay test',
    partners: repositoryPartners.partners.map((partner) => ({
      ...partner,
      format: { ...partner.format, bounds: { ...partner.format.bounds, quantity: { min: 1, max: 10 } } },
    })),
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

async function submit(partnerId: 'partner-a' | 'partner-b', order: Record<string, unknown>) {
  const { body } = await call(
    'POST',
    `/v1/partners/${partnerId}/orders`,
    { 'x-api-key': keys[partnerId] },
    order,
  );
  await app.runtime.idle();
  return body.accepted[0].submissionId as string;
}

const statusOf = async (partnerId: string, submissionId: string) =>
  (await call('GET', `/v1/partners/${partnerId}/submissions/${submissionId}`, asOperator())).body;

const lastNumbers = async (): Promise<Record<string, number>> => {
  const { body } = await call('GET', '/v1/stats', asOperator());
  return Object.fromEntries(
    (body.partners as { partnerId: string; lastSequenceNumber: number }[]).map((p) => [
      p.partnerId,
      p.lastSequenceNumber,
    ]),
  );
};

/** Starts a replay as the admin and follows it, as the web app does, until it has completed. */
async function replay(range: { from: string; to: string; partnerId?: string }) {
  const started = await call('POST', '/v1/replays', asAdmin(), range);
  expect(started).toMatchObject({
    status: 202,
    body: { name: expect.any(String), from: range.from, to: range.to },
  });
  const name = started.body.name as string;
  for (let i = 0; i < 100; i++) {
    const { body } = await call('GET', `/v1/replays/${name}`, asOperator());
    if (body.state === 'COMPLETED') break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await app.runtime.idle();
  const { status, body } = await call('GET', `/v1/replays/${name}`, asOperator());
  expect({ status, state: body.state }).toEqual({ status: 200, state: 'COMPLETED' });
  return body;
}

describe('replaying the archive', () => {
  it('turns a rejection into an acceptance once its rule is relaxed, one partner at a time, and numbers nothing twice', async () => {
    const from = new Date(Math.floor(Date.now() / 1000) * 1000 - 1000).toISOString();
    useStrictQuantities();
    const tooManyA = await submit('partner-a', partnerAPayload(7_100, { quantity: 50 }));
    const tooManyB = await submit('partner-b', partnerBPayload(7_100, { qty: 50 }));
    const fine = await submit('partner-a', partnerAPayload(7_101, { quantity: 5 }));
    expect((await statusOf('partner-a', tooManyA)).status).toBe('rejected');
    expect((await statusOf('partner-b', tooManyB)).status).toBe('rejected');
    const fineBefore = await statusOf('partner-a', fine);
    expect(fineBefore.status).toBe('accepted');
    usePartners(repositoryPartners);
    const before = await lastNumbers();
    const to = new Date(Date.now() + 2000).toISOString();

    // Partner B only: partner A's rejection stays as it is.
    const onlyB = await replay({ from, to, partnerId: 'partner-b' });
    expect(onlyB).toMatchObject({ partnerId: 'partner-b', lastReplayedAt: expect.any(String) });
    expect(await statusOf('partner-b', tooManyB)).toMatchObject({
      status: 'accepted',
      sequenceNumber: (before['partner-b'] ?? 0) + 1,
      history: [{ status: 'rejected', issues: [{ path: 'qty' }] }],
    });
    expect((await statusOf('partner-a', tooManyA)).status).toBe('rejected');

    // Every partner: A's rejection is accepted now; its accepted order keeps its number.
    await replay({ from, to });
    const accepted = await statusOf('partner-a', tooManyA);
    expect(accepted).toMatchObject({
      status: 'accepted',
      sequenceNumber: (before['partner-a'] ?? 0) + 1,
      history: [{ status: 'rejected', issues: [{ path: 'quantity' }] }],
    });
    expect(await statusOf('partner-a', fine)).toEqual(fineBefore);
    const { body: errors } = await call('GET', '/v1/partners/partner-a/errors', asOperator());
    expect(errors.items.filter((item: { submissionId: string }) => item.submissionId === tooManyA)).toEqual([
      expect.objectContaining({
        supersededBy: { status: 'accepted', sequenceNumber: accepted.sequenceNumber },
        supersededAt: expect.any(String),
      }),
    ]);

    // A replay once more changes nothing: no number is given twice.
    await replay({ from, to });
    expect(await lastNumbers()).toEqual({
      ...before,
      'partner-a': (before['partner-a'] ?? 0) + 1,
      'partner-b': (before['partner-b'] ?? 0) + 1,
    });
    expect((await statusOf('partner-b', tooManyB)).history).toHaveLength(1);
  });

  it('refuses a range it cannot replay, a partner it does not know, and answers 404 for a replay never started', async () => {
    const now = Date.now();
    const iso = (ms: number) => new Date(ms).toISOString();
    const cases: [unknown, string][] = [
      [{ from: iso(now), to: iso(now - 1000) }, 'invalid_range'],
      [{ from: iso(now - 31 * 24 * 60 * 60 * 1000), to: iso(now) }, 'out_of_retention'],
      [{ from: iso(now - 1000), to: iso(now), partnerId: 'partner-z' }, 'invalid_partnerId'],
      [{ from: 'yesterday', to: iso(now) }, 'invalid_body'],
    ];
    for (const [body, code] of cases) {
      expect(await call('POST', '/v1/replays', asAdmin(), body)).toMatchObject({
        status: 400,
        body: { error: { code } },
      });
    }
    expect((await call('GET', '/v1/replays/never-started', asOperator())).status).toBe(404);
    expect((await call('GET', '/v1/replays/not%20a%20name', asOperator())).status).toBe(400);
  });

  it('is started by admins only; operators may follow one', async () => {
    const range = { from: new Date(Date.now() - 1000).toISOString(), to: new Date().toISOString() };
    expect((await call('POST', '/v1/replays', asOperator(), range)).status).toBe(403);
    expect((await call('POST', '/v1/replays', { 'x-api-key': keys['partner-a'] }, range)).status).toBe(403);
    expect((await call('POST', '/v1/replays', {}, range)).status).toBe(401);
    const started = await call('POST', '/v1/replays', asAdmin(), range);
    expect(started.status).toBe(202);
    expect((await call('GET', `/v1/replays/${started.body.name}`, asOperator())).status).toBe(200);
    expect(
      (await call('GET', `/v1/replays/${started.body.name}`, { 'x-api-key': keys['partner-a'] })).status,
    ).toBe(403);
    await app.runtime.idle();
  });
});
