import { partnerAPayload } from '@orders/core/testing/orders';
import { PartnerKeys, routes } from '@orders/functions';
import { openApiDocument } from '@orders/functions/api/openapi';
import { Validator } from '@seriousme/openapi-schema-validator';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalApp, startLocalApp } from './app';
import { type TokenKinds, tokenKinds } from './testing/tokens';

// The published contract over real HTTP: the local product serves its OpenAPI description to anyone, and
// every route answers, in success and in refusal, with bodies that description declares, to the letter.

const keys = { 'partner-a': 'contract-key-a', 'partner-b': 'contract-key-b' };
// Small, so the rate limit can be met with a key of its own; the partners' keys stay far below it.
const rateLimit = { limit: 40, evaluationWindowSeconds: 60 };
let app: LocalApp;
let tokens: TokenKinds;
let validateAnswer: (answer: Answer) => string[];
const covered = new Map<string, Set<number>>();

interface Answer {
  routeKey: string;
  status: number;
  body: unknown;
}

beforeAll(async () => {
  app = await startLocalApp({ keys: new PartnerKeys(Object.entries(keys)), port: 0, rateLimit });
  tokens = await tokenKinds(app);
  const served = (await (await fetch(`${app.url}/v1/openapi.json`)).json()) as object;
  validateAnswer = answerValidator(served);
}, 120_000);
afterAll(() => app?.stop());

/**
 * Checks an answer's body against the description's schema for its route and status. The check is stricter
 * than the description: no object may carry a property the description does not name.
 */
function answerValidator(document: object): (answer: Answer) => string[] {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(closed(document) as object, 'openapi.json');
  return ({ routeKey, status, body }) => {
    const [method = '', path = ''] = routeKey.split(' ');
    const pointer = ['paths', path, method.toLowerCase(), 'responses', String(status)];
    const paths = (document as { paths: Record<string, Record<string, { responses: object }>> }).paths;
    if (!(String(status) in (paths[path]?.[method.toLowerCase()]?.responses ?? {})))
      return [`${routeKey} does not declare ${status}`];
    const ref = `openapi.json#/${[...pointer, 'content', 'application/json', 'schema'].map(segment).join('/')}`;
    const validate = ajv.compile({ $ref: ref });
    if (validate(body)) return [];
    return (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message}`);
  };
}

function segment(name: string): string {
  return encodeURIComponent(name.replaceAll('~', '~0').replaceAll('/', '~1'));
}

/** A copy in which every object schema admits only the properties it names. */
function closed(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(closed);
  if (typeof value !== 'object' || value === null) return value;
  const copy = Object.fromEntries(Object.entries(value).map(([key, item]) => [key, closed(item)]));
  if ('properties' in copy && copy.type === 'object' && !('additionalProperties' in copy))
    copy.additionalProperties = false;
  return copy;
}

async function call(
  routeKey: string,
  path: string,
  init: { headers?: Record<string, string>; body?: string } = {},
): Promise<Answer> {
  const [method = 'GET'] = routeKey.split(' ');
  const response = await fetch(`${app.url}${path}`, {
    method,
    headers: { ...(init.body === undefined ? {} : { 'content-type': 'application/json' }), ...init.headers },
    ...(init.body === undefined ? {} : { body: init.body }),
  });
  const text = await response.text();
  const answer = { routeKey, status: response.status, body: text === '' ? undefined : JSON.parse(text) };
  covered.set(routeKey, (covered.get(routeKey) ?? new Set()).add(answer.status));
  return answer;
}

/** Calls a route and expects the status and a body the description declares for it. */
async function expectAnswer(
  routeKey: string,
  path: string,
  status: number,
  init?: { headers?: Record<string, string>; body?: string },
): Promise<Answer> {
  const answer = await call(routeKey, path, init);
  expect({ status: answer.status, problems: validateAnswer(answer) }).toEqual({ status, problems: [] });
  return answer;
}

const partnerA = () => ({ 'x-api-key': keys['partner-a'] });
const operator = () => ({ authorization: `Bearer ${tokens.operator}` });
const admin = () => ({ authorization: `Bearer ${tokens.admin}` });

const submit = 'POST /v1/partners/{partnerId}/orders';
const submission = 'GET /v1/partners/{partnerId}/submissions/{submissionId}';
const submissions = 'GET /v1/partners/{partnerId}/submissions';
const orders = 'GET /v1/partners/{partnerId}/orders';
const order = 'GET /v1/partners/{partnerId}/orders/{sequenceNumber}';
const errors = 'GET /v1/partners/{partnerId}/errors';
const description = 'GET /v1/openapi.json';

describe('the OpenAPI description over HTTP', () => {
  it('is served without credentials, validates, and describes exactly the route table', async () => {
    const response = await fetch(`${app.url}/v1/openapi.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
    const served = (await response.json()) as { openapi: string; paths: Record<string, object> };
    const validator = new Validator();
    expect(await validator.validate(structuredClone(served))).toEqual({ valid: true });
    expect(served.openapi).toBe('3.1.0');
    expect(served).toEqual(openApiDocument());
    const described = Object.entries(served.paths).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(described.sort()).toEqual(routes.map((route) => `${route.method} ${route.path}`).sort());
  });

  it('is served to callers whose credentials are not valid too', async () => {
    await expectAnswer(description, '/v1/openapi.json', 200, { headers: { 'x-api-key': 'not-a-key' } });
    await expectAnswer(description, '/v1/openapi.json', 200, {
      headers: { authorization: 'Bearer nonsense' },
    });
  });
});

describe('every route', () => {
  it('answers a partner’s submissions, orders and rejections as described', async () => {
    const valid = partnerAPayload(1);
    const invalid = partnerAPayload(2, { quantity: 'many' });
    const { body } = await expectAnswer(submit, '/v1/partners/partner-a/orders', 202, {
      headers: partnerA(),
      body: JSON.stringify([valid, invalid, { note: 'no order id' }]),
    });
    const { accepted } = body as { accepted: { submissionId: string; externalOrderId: string | null }[] };
    expect(accepted.map(({ externalOrderId }) => externalOrderId)).toEqual(['A-1', 'A-2', null]);
    await app.runtime.idle();

    for (const { submissionId } of accepted) {
      await expectAnswer(submission, `/v1/partners/partner-a/submissions/${submissionId}`, 200, {
        headers: partnerA(),
      });
    }
    await expectAnswer(orders, '/v1/partners/partner-a/orders?limit=1', 200, { headers: partnerA() });
    await expectAnswer(orders, '/v1/partners/partner-a/orders?from=2000-01-01T00:00:00Z', 200, {
      headers: operator(),
    });
    await expectAnswer(order, '/v1/partners/partner-a/orders/1', 200, { headers: partnerA() });
    const found = await expectAnswer(orders, '/v1/partners/partner-a/orders?externalOrderId=A-1', 200, {
      headers: operator(),
    });
    expect((found.body as { items: unknown[] }).items).toHaveLength(1);
    for (const status of ['accepted', 'rejected']) {
      const listed = await expectAnswer(
        submissions,
        `/v1/partners/partner-a/submissions?status=${status}&limit=1`,
        200,
        { headers: partnerA() },
      );
      expect((listed.body as { items: unknown[] }).items).toHaveLength(1);
    }
    await expectAnswer(errors, '/v1/partners/partner-a/errors?category=validation&code=type', 200, {
      headers: operator(),
    });
    const page = await expectAnswer(errors, '/v1/partners/partner-a/errors?limit=1', 200, {
      headers: partnerA(),
    });
    const { nextCursor } = page.body as { nextCursor: string | null };
    expect(nextCursor).not.toBeNull();
    await expectAnswer(errors, `/v1/partners/partner-a/errors?cursor=${nextCursor}`, 200, {
      headers: admin(),
    });
  });

  it('answers the operators’ routes as described', async () => {
    await expectAnswer('GET /v1/partners', '/v1/partners', 200, { headers: operator() });
    await expectAnswer('GET /v1/stats', '/v1/stats', 200, { headers: admin() });
    await expectAnswer('GET /v1/stats/timeseries', '/v1/stats/timeseries?bucket=1h', 200, {
      headers: operator(),
    });
    const list = await expectAnswer('GET /v1/executions', '/v1/executions?limit=5', 200, {
      headers: admin(),
    });
    const [first] = (list.body as { items: { executionArn: string }[] }).items;
    await expectAnswer(
      'GET /v1/executions/{executionId}',
      `/v1/executions/${encodeURIComponent(first?.executionArn ?? '')}`,
      200,
      { headers: operator() },
    );
    await expectAnswer(description, '/v1/openapi.json', 200);
  });

  it('answers the admin’s reprocessing as described: 202 for a rejection, 200 where there is nothing to do, and its refusals', async () => {
    const reprocess = 'POST /v1/partners/{partnerId}/submissions/{submissionId}/reprocess';
    const { body } = await expectAnswer(submit, '/v1/partners/partner-a/orders', 202, {
      headers: partnerA(),
      body: JSON.stringify([partnerAPayload(30), partnerAPayload(31, { quantity: 'many' })]),
    });
    const [accepted, rejected] = (body as { accepted: { submissionId: string }[] }).accepted.map(
      ({ submissionId }) => `/v1/partners/partner-a/submissions/${submissionId}/reprocess`,
    );
    await app.runtime.idle();
    await expectAnswer(reprocess, accepted ?? '', 200, { headers: admin() });
    await expectAnswer(reprocess, rejected ?? '', 202, { headers: admin() });
    await app.runtime.idle();
    // Rejected again: the next answer carries both rejections in its history, as described.
    const again = await expectAnswer(reprocess, rejected ?? '', 202, { headers: admin() });
    expect(again.body).toMatchObject({
      submission: { history: [{ status: 'rejected' }, { status: 'rejected' }] },
    });
    await app.runtime.idle();
    await expectAnswer(submission, (rejected ?? '').replace(/\/reprocess$/, ''), 200, {
      headers: partnerA(),
    });
    await expectAnswer(reprocess, rejected ?? '', 403, { headers: operator() });
    await expectAnswer(reprocess, rejected ?? '', 403, { headers: partnerA() });
    await expectAnswer(reprocess, rejected ?? '', 401);
    await expectAnswer(reprocess, '/v1/partners/partner-a/submissions/not-a-uuid/reprocess', 400, {
      headers: admin(),
    });
    await expectAnswer(
      reprocess,
      `/v1/partners/partner-a/submissions/${crypto.randomUUID()}/reprocess`,
      404,
      { headers: admin() },
    );
  });

  it('answers a replay and its progress as described, and their refusals', async () => {
    const range = { from: new Date(Date.now() - 60_000).toISOString(), to: new Date().toISOString() };
    const started = await expectAnswer('POST /v1/replays', '/v1/replays', 202, {
      headers: admin(),
      body: JSON.stringify(range),
    });
    const { name } = started.body as { name: string };
    await app.runtime.idle();
    const progress = 'GET /v1/replays/{replayName}';
    const done = await expectAnswer(progress, `/v1/replays/${name}`, 200, { headers: operator() });
    expect(done.body).toMatchObject({ state: 'COMPLETED' });
    await expectAnswer('POST /v1/replays', '/v1/replays', 400, {
      headers: admin(),
      body: JSON.stringify({ from: range.to, to: range.from }),
    });
    await expectAnswer('POST /v1/replays', '/v1/replays', 403, {
      headers: operator(),
      body: JSON.stringify(range),
    });
    await expectAnswer(progress, '/v1/replays/not%20a%20name', 400, { headers: operator() });
    await expectAnswer(progress, '/v1/replays/never-started', 404, { headers: operator() });
  });

  it('refuses as described: 400, 401, 403, 404 and 413', async () => {
    const orderPath = '/v1/partners/partner-a/orders';
    await expectAnswer(submit, orderPath, 400, { headers: partnerA(), body: '{"orderId":' });
    await expectAnswer(submit, orderPath, 400, { headers: partnerA(), body: '[1]' });
    await expectAnswer(submit, orderPath, 401, { body: '{}' });
    await expectAnswer(submit, orderPath, 403, { headers: { 'x-api-key': keys['partner-b'] }, body: '{}' });
    await expectAnswer(submit, orderPath, 413, { headers: partnerA(), body: `"${'x'.repeat(1024 * 1024)}"` });
    await expectAnswer(submission, '/v1/partners/partner-a/submissions/not-a-uuid', 400, {
      headers: partnerA(),
    });
    await expectAnswer(submission, `/v1/partners/partner-a/submissions/${crypto.randomUUID()}`, 404, {
      headers: partnerA(),
    });
    await expectAnswer(orders, `${orderPath}?to=yesterday`, 400, { headers: partnerA() });
    await expectAnswer(orders, `${orderPath}?limit=0`, 400, { headers: partnerA() });
    await expectAnswer(orders, '/v1/partners/partner-z/orders', 404, { headers: operator() });
    await expectAnswer(orders, `${orderPath}?externalOrderId=A-1&limit=5`, 400, { headers: partnerA() });
    await expectAnswer(submissions, '/v1/partners/partner-a/submissions', 400, { headers: partnerA() });
    await expectAnswer(submissions, '/v1/partners/partner-a/submissions?status=done', 400, {
      headers: partnerA(),
    });
    await expectAnswer(submissions, '/v1/partners/partner-a/submissions?status=pending', 401);
    await expectAnswer(submissions, '/v1/partners/partner-a/submissions?status=pending', 403, {
      headers: { 'x-api-key': keys['partner-b'] },
    });
    await expectAnswer(submissions, '/v1/partners/partner-z/submissions?status=pending', 404, {
      headers: operator(),
    });
    await expectAnswer(errors, '/v1/partners/partner-a/errors?category=typo', 400, { headers: partnerA() });
    await expectAnswer(order, `${orderPath}/01`, 400, { headers: partnerA() });
    await expectAnswer('GET /v1/stats/timeseries', '/v1/stats/timeseries?bucket=5m', 400, {
      headers: operator(),
    });
    await expectAnswer(order, `${orderPath}/999`, 404, { headers: partnerA() });
    await expectAnswer(errors, '/v1/partners/partner-a/errors?cursor=forged', 400, { headers: partnerA() });
    await expectAnswer(errors, '/v1/partners/partner-a/errors', 403, {
      headers: { authorization: `Bearer ${tokens.noRole}` },
    });
    await expectAnswer('GET /v1/stats', '/v1/stats', 401);
    // A token the authorizer cannot verify: the gateway's own `{ message: "Unauthorized" }`.
    await expectAnswer('GET /v1/stats', '/v1/stats', 401, {
      headers: { authorization: `Bearer ${tokens.forged}` },
    });
    await expectAnswer('GET /v1/partners', '/v1/partners', 403, { headers: partnerA() });
    await expectAnswer('GET /v1/executions', '/v1/executions?limit=101', 400, { headers: admin() });
    await expectAnswer('GET /v1/executions/{executionId}', '/v1/executions/nothing', 404, {
      headers: admin(),
    });
  });

  it('answers 503 as described while storage does not answer', async () => {
    const submissionId = crypto.randomUUID();
    const { pk } = app.runtime.store.entities.submission
      .get({ partnerId: 'partner-a', submissionId })
      .params().Key as { pk: string };
    const before = app.runtime.engine.faults.injected;
    app.runtime.engine.faults.throttle({ key: pk, error: 'ThrottlingException' });
    try {
      const answer = await expectAnswer(
        submission,
        `/v1/partners/partner-a/submissions/${submissionId}`,
        503,
        {
          headers: partnerA(),
        },
      );
      expect(answer.body).toMatchObject({ error: { code: 'storage_unavailable' } });
    } finally {
      app.runtime.engine.faults.clear();
    }
    expect(app.runtime.engine.faults.injected).toBeGreaterThan(before);
  });

  it('answers 429 as described past a key’s request budget', async () => {
    const headers = { 'x-api-key': 'one-busy-key' };
    const statuses: number[] = [];
    for (let i = 0; i <= rateLimit.limit; i++)
      statuses.push((await call(description, '/v1/openapi.json', { headers })).status);
    expect(statuses.slice(0, rateLimit.limit).every((status) => status === 200)).toBe(true);
    const answer = await expectAnswer(description, '/v1/openapi.json', 429, { headers });
    expect(answer.body).toMatchObject({ error: { code: 'too_many_requests' } });
  });

  it('has been called in this file with a success on each route of the table', () => {
    const successes = routes.map((route) => {
      const statuses = covered.get(`${route.method} ${route.path}`) ?? new Set();
      return [`${route.method} ${route.path}`, statuses.has(200) || statuses.has(202)];
    });
    expect(successes).toEqual(routes.map((route) => [`${route.method} ${route.path}`, true]));
  });
});
