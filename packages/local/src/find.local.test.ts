import { randomUUID } from 'node:crypto';
import { Submission } from '@orders/core';
import { partnerAPayload, partnerBPayload } from '@orders/core/testing/orders';
import { PartnerKeys } from '@orders/functions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalApp, startLocalApp } from './app';
import { scriptToken } from './testing/tokens';

// Finding an order over real HTTP (issue 13, "Find"): by the partner's own id, submissions by status, and
// rejections by category and code.

const keys = { 'partner-a': 'find-key-a', 'partner-b': 'find-key-b' };
let app: LocalApp;
let operatorToken: string;

beforeAll(async () => {
  app = await startLocalApp({ keys: new PartnerKeys(Object.entries(keys)), port: 0 });
  operatorToken = await scriptToken(app, 'script-operator');
}, 120_000);
afterAll(() => app?.stop());

interface Answer {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: assertions read whatever JSON the API answered
  body: Record<string, any>;
}

async function get(path: string, key?: string): Promise<Answer> {
  const headers: Record<string, string> =
    key === undefined ? { authorization: `Bearer ${operatorToken}` } : { 'x-api-key': key };
  const response = await fetch(`${app.url}${path}`, { headers });
  return { status: response.status, body: (await response.json()) as Answer['body'] };
}

async function submit(partnerId: 'partner-a' | 'partner-b', orders: unknown): Promise<string[]> {
  const response = await fetch(`${app.url}/v1/partners/${partnerId}/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': keys[partnerId] },
    body: JSON.stringify(orders),
  });
  expect(response.status).toBe(202);
  const { accepted } = (await response.json()) as { accepted: { submissionId: string }[] };
  await app.runtime.idle();
  return accepted.map(({ submissionId }) => submissionId);
}

/** Every page of a listing, following `nextCursor`; the path has its query and no cursor. */
async function allPages(path: string, key?: string): Promise<{ items: Answer['body'][]; pages: number }> {
  const items: Answer['body'][] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page = await get(`${path}${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`, key);
    expect(page.status).toBe(200);
    items.push(...page.body.items);
    cursor = page.body.nextCursor;
    pages++;
  } while (cursor !== null);
  return { items, pages };
}

describe('GET /v1/partners/{partnerId}/orders?externalOrderId=', () => {
  it('finds the order whose id matches exactly and with its case', async () => {
    await submit('partner-a', [
      partnerAPayload(1, { orderId: 'ORD-1', quantity: 1 }),
      partnerAPayload(2, { orderId: 'ord-1', quantity: 2 }),
    ]);
    const upper = await get('/v1/partners/partner-a/orders?externalOrderId=ORD-1', keys['partner-a']);
    const lower = await get('/v1/partners/partner-a/orders?externalOrderId=ord-1');
    expect(upper).toMatchObject({ status: 200, body: { nextCursor: null } });
    expect(upper.body.items).toEqual([expect.objectContaining({ externalOrderId: 'ORD-1', quantity: 1 })]);
    expect(lower.body.items).toEqual([expect.objectContaining({ externalOrderId: 'ord-1', quantity: 2 })]);
    expect(upper.body.items[0].sequenceNumber).not.toBe(lower.body.items[0].sequenceNumber);
  });

  it('answers an empty list for an id no order has, or another partner’s', async () => {
    await submit('partner-a', [partnerAPayload(3, { orderId: 'CASE-1' })]);
    await submit('partner-b', [partnerBPayload(1, { transactionId: 'B-ONLY' })]);
    // Only the case differs from an order partner-a has.
    const absent = await get('/v1/partners/partner-a/orders?externalOrderId=Case-1');
    const elsewhere = await get('/v1/partners/partner-a/orders?externalOrderId=B-ONLY');
    const own = await get('/v1/partners/partner-b/orders?externalOrderId=B-ONLY');
    expect(absent).toEqual({ status: 200, body: { items: [], nextCursor: null } });
    expect(elsewhere).toEqual({ status: 200, body: { items: [], nextCursor: null } });
    expect(own.body.items).toHaveLength(1);
  });

  it('refuses to combine the id with the listing’s other parameters, and an empty id', async () => {
    for (const extra of ['&limit=5', '&from=2024-01-01T00:00:00Z', '&to=2024-01-01T00:00:00Z', '&cursor=x']) {
      const answer = await get(`/v1/partners/partner-a/orders?externalOrderId=ORD-1${extra}`);
      expect(answer.status).toBe(400);
      expect(answer.body.error.code).toBe('conflicting_parameters');
      expect(answer.body.error.message).toContain(extra.slice(1).split('=')[0]);
    }
    const empty = await get('/v1/partners/partner-a/orders?externalOrderId=');
    expect(empty).toMatchObject({ status: 400, body: { error: { code: 'invalid_external_order_id' } } });
  });
});

describe('GET /v1/partners/{partnerId}/submissions?status=', () => {
  const submitted: string[] = [];
  const received = new Map<string, string>();

  beforeAll(async () => {
    // One request each, so their received times are in order: five accepted, three rejected, one
    // duplicate, for partner-b.
    const first = partnerBPayload(100);
    submitted.push(...(await submit('partner-b', first)));
    for (let n = 101; n < 105; n++) submitted.push(...(await submit('partner-b', partnerBPayload(n))));
    for (let n = 200; n < 203; n++)
      submitted.push(...(await submit('partner-b', partnerBPayload(n, { qty: 'lots' }))));
    submitted.push(...(await submit('partner-b', first)));
    for (const id of submitted) {
      const { body } = await get(`/v1/partners/partner-b/submissions/${id}`);
      received.set(id, body.receivedAt);
    }
  });

  /** The ids of a status, newest first, as the listing must order them: by received time, then id. */
  function expected(ids: string[]): string[] {
    return [...ids].sort((a, b) => {
      const [ta, tb] = [received.get(a) ?? '', received.get(b) ?? ''];
      return ta === tb ? (a < b ? 1 : -1) : ta < tb ? 1 : -1;
    });
  }

  it('lists each status newest first, paging with the cursor', async () => {
    const accepted = submitted.slice(0, 5);
    const rejected = submitted.slice(5, 8);
    const duplicate = submitted.slice(8);
    // From the first of these on: partner-b's order of the test above is older.
    const since = `&from=${encodeURIComponent(received.get(submitted[0] ?? '') ?? '')}`;
    const listed = await allPages(
      `/v1/partners/partner-b/submissions?status=accepted&limit=2${since}`,
      keys['partner-b'],
    );
    expect(listed.items.map((item) => item.submissionId)).toEqual(expected(accepted));
    expect(listed.pages).toBe(3);
    expect(listed.items.every((item) => item.status === 'accepted' && item.sequenceNumber >= 1)).toBe(true);
    const rejections = await allPages(`/v1/partners/partner-b/submissions?status=rejected&limit=2${since}`);
    expect(rejections.items.map((item) => item.submissionId)).toEqual(expected(rejected));
    expect(rejections.items[0]?.issues).toEqual([expect.objectContaining({ path: 'qty', code: 'type' })]);
    // The feed keeps the partner's own id on the pending record, so a rejection shows it too.
    expect(rejections.items[0]?.externalOrderId).toBe('B-202');
    const duplicates = await allPages(`/v1/partners/partner-b/submissions?status=duplicate${since}`);
    expect(duplicates.items.map((item) => item.submissionId)).toEqual(duplicate);
    expect((await get(`/v1/partners/partner-b/submissions?status=pending${since}`)).body.items).toEqual([]);
  });

  it('bounds the received time, both ends included, with offsets read as the instant they name', async () => {
    const accepted = expected(submitted.slice(0, 5)).reverse();
    const from = received.get(accepted[1] ?? '') ?? '';
    const to = received.get(accepted[3] ?? '') ?? '';
    // The same instant as `to`, written two hours ahead of UTC.
    const toOffset = new Date(Date.parse(to) + 2 * 3_600_000).toISOString().replace('Z', '+02:00');
    const listed = await allPages(
      `/v1/partners/partner-b/submissions?status=accepted&limit=1&from=${encodeURIComponent(from)}&to=${encodeURIComponent(toOffset)}`,
    );
    const inRange = accepted.filter((id) => {
      const at = received.get(id) ?? '';
      return at >= from && at <= to;
    });
    expect(inRange.length).toBeGreaterThanOrEqual(3);
    expect(listed.items.map((item) => item.submissionId)).toEqual(expected(inRange));
  });

  it('moves a submission from the pending list to the accepted one when the workflow settles it', async () => {
    const submissionId = randomUUID();
    const receivedAt = new Date().toISOString();
    await Submission.recordSubmission(app.runtime.store, {
      partnerId: 'partner-a',
      submissionId,
      receivedAt,
      payload: partnerAPayload(900, { orderId: 'MOVES-1' }),
    });
    const ids = async (status: string) =>
      (await get(`/v1/partners/partner-a/submissions?status=${status}&from=${receivedAt}`)).body.items.map(
        (item: { submissionId: string }) => item.submissionId,
      );
    expect(await ids('pending')).toEqual([submissionId]);
    expect(await ids('accepted')).not.toContain(submissionId);
    await Submission.requeuePendingSubmissions({
      store: app.runtime.store,
      publisher: app.runtime.bus,
      busName: app.runtime.bus.name,
    });
    await app.runtime.idle();
    expect(await ids('pending')).toEqual([]);
    expect(await ids('accepted')).toContain(submissionId);
  });

  it('refuses a missing or unknown status, a date that does not exist, and another listing’s cursor', async () => {
    const base = '/v1/partners/partner-b/submissions';
    const cases: [string, string][] = [
      [base, 'missing_status'],
      [`${base}?status=done`, 'invalid_status'],
      [`${base}?status=accepted&from=2025-02-30T00:00:00Z`, 'invalid_time'],
      [`${base}?status=accepted&to=2025-01-01T24:00:00Z`, 'invalid_time'],
      [`${base}?status=accepted&from=2025-01-01T00:00:00`, 'invalid_time'],
      [`${base}?status=accepted&from=2025-01-02T00:00:00Z&to=2025-01-01T00:00:00Z`, 'invalid_time_range'],
      [`${base}?status=accepted&limit=0`, 'invalid_limit'],
      [`${base}?status=accepted&cursor=forged`, 'invalid_cursor'],
    ];
    for (const [path, code] of cases) {
      expect({ path, ...(await get(path)) }).toMatchObject({ path, status: 400, body: { error: { code } } });
    }
    // A cursor from the accepted listing is not one the rejected listing issued.
    const page = await get(`${base}?status=accepted&limit=1`);
    const cursor = encodeURIComponent(page.body.nextCursor);
    const reused = await get(`${base}?status=rejected&cursor=${cursor}`);
    expect(reused).toMatchObject({ status: 400, body: { error: { code: 'invalid_cursor' } } });
  });
});

describe('GET /v1/partners/{partnerId}/errors?category=&code=', () => {
  const ids = { type: [] as string[], required: [] as string[], conflict: [] as string[] };
  // Only the rejections submitted here: the listings are bounded from the moment before the first.
  let since = '';

  beforeAll(async () => {
    since = new Date().toISOString();
    ids.type.push(...(await submit('partner-a', partnerAPayload(300, { quantity: 'many' }))));
    const { skuId: _, ...noSku } = partnerAPayload(301);
    ids.required.push(...(await submit('partner-a', noSku)));
    await submit('partner-a', partnerAPayload(302, { orderId: 'TAKEN-1', quantity: 1 }));
    ids.conflict.push(
      ...(await submit('partner-a', partnerAPayload(302, { orderId: 'TAKEN-1', quantity: 2 }))),
    );
  });

  const listed = async (query: string) =>
    (await allPages(`/v1/partners/partner-a/errors?limit=1&from=${since}&${query}`)).items.map(
      (item) => item.submissionId,
    );

  it('keeps the rejections of one category', async () => {
    expect(await listed('category=conflict')).toEqual(ids.conflict);
    const validation = await listed('category=validation');
    expect(validation).toEqual(expect.arrayContaining([...ids.type, ...ids.required]));
    expect(validation).not.toContain(ids.conflict[0]);
    expect(await listed('category=processing')).toEqual([]);
  });

  it('keeps the rejections with an issue of one code, alone or with a category', async () => {
    expect(await listed('code=required')).toEqual(ids.required);
    expect(await listed('code=type')).toEqual(ids.type);
    expect(await listed('code=conflict&category=conflict')).toEqual(ids.conflict);
    expect(await listed('code=conflict&category=validation')).toEqual([]);
  });

  it('refuses a category or code it does not know, saying which it takes', async () => {
    const category = await get('/v1/partners/partner-a/errors?category=Validation');
    expect(category).toMatchObject({ status: 400, body: { error: { code: 'invalid_category' } } });
    expect(category.body.error.message).toContain('validation, conflict, processing');
    const code = await get('/v1/partners/partner-a/errors?code=nope', keys['partner-a']);
    expect(code).toMatchObject({ status: 400, body: { error: { code: 'invalid_code' } } });
    expect(code.body.error.message).toContain('payload_unreadable');
  });
});
