import { partnerAPayload, partnerBPayload } from '@orders/core/testing/orders';
import { PartnerKeys } from '@orders/functions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalApp, startLocalApp } from './app';
import { scriptToken } from './testing/tokens';

const keys = { 'partner-a': 'test-key-a', 'partner-b': 'test-key-b' };
let app: LocalApp;
// Reads go as an operator unless a test sends a partner key.
let operatorToken: string;

beforeAll(async () => {
  app = await startLocalApp({ keys: new PartnerKeys(Object.entries(keys)), port: 0 });
  operatorToken = await scriptToken(app, 'script-operator');
});
afterAll(() => app?.stop());

async function call(method: string, path: string, options: { key?: string; body?: string | unknown } = {}) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (options.key !== undefined) headers['x-api-key'] = options.key;
  else if (method === 'GET') headers.authorization = `Bearer ${operatorToken}`;
  const body =
    options.body === undefined
      ? undefined
      : typeof options.body === 'string'
        ? options.body
        : JSON.stringify(options.body);
  const response = await fetch(`${app.url}${path}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body }),
  });
  const text = await response.text();
  return {
    status: response.status,
    // biome-ignore lint/suspicious/noExplicitAny: assertions read whatever JSON the API answered
    body: text === '' ? undefined : (JSON.parse(text) as Record<string, any>),
  };
}

async function submit(partnerId: 'partner-a' | 'partner-b', orders: unknown) {
  const result = await call('POST', `/v1/partners/${partnerId}/orders`, {
    key: keys[partnerId],
    body: orders,
  });
  await app.runtime.idle();
  return result;
}

describe('POST /v1/partners/{partnerId}/orders', () => {
  it('accepts one order with 202 and a submission id whose status settles', async () => {
    const { status, body } = await submit('partner-a', partnerAPayload(1));
    expect(status).toBe(202);
    expect(body?.accepted).toEqual([{ submissionId: expect.any(String), externalOrderId: 'A-1' }]);
    const submission = await call(
      'GET',
      `/v1/partners/partner-a/submissions/${body?.accepted[0].submissionId}`,
    );
    expect(submission).toMatchObject({ status: 200, body: { status: 'accepted', sequenceNumber: 1 } });
  });

  it('accepts an array of up to 100 orders and refuses 101', async () => {
    const hundred = Array.from({ length: 100 }, (_, i) => partnerBPayload(10_000 + i));
    const ok = await submit('partner-b', hundred);
    expect(ok.status).toBe(202);
    expect(ok.body?.accepted).toHaveLength(100);
    const tooMany = await call('POST', '/v1/partners/partner-b/orders', {
      key: keys['partner-b'],
      body: [...hundred, partnerBPayload(99_999)],
    });
    expect(tooMany).toMatchObject({ status: 400, body: { error: { code: 'too_many_orders' } } });
  });

  it('takes the partner from the key, never from the body', async () => {
    const { body } = await submit('partner-a', { ...partnerAPayload(2), partnerId: 'partner-b' });
    const submission = await call(
      'GET',
      `/v1/partners/partner-a/submissions/${body?.accepted[0].submissionId}`,
    );
    expect(submission.body?.status).toBe('accepted');
    const order = await call('GET', `/v1/partners/partner-a/orders/${submission.body?.sequenceNumber}`);
    expect(order.body).toMatchObject({ partnerId: 'partner-a', externalOrderId: 'A-2' });
  });

  it('answers 401 without a key or with a wrong one', async () => {
    const missing = await call('POST', '/v1/partners/partner-a/orders', { body: partnerAPayload(3) });
    const wrong = await call('POST', '/v1/partners/partner-a/orders', {
      key: 'nope',
      body: partnerAPayload(3),
    });
    expect(missing).toMatchObject({ status: 401, body: { error: { code: 'missing_api_key' } } });
    expect(wrong).toMatchObject({ status: 401, body: { error: { code: 'invalid_api_key' } } });
  });

  it('answers 403 to a key used on another partner’s path', async () => {
    const result = await call('POST', '/v1/partners/partner-b/orders', {
      key: keys['partner-a'],
      body: partnerBPayload(3),
    });
    expect(result).toMatchObject({ status: 403, body: { error: { code: 'wrong_partner' } } });
  });

  it('answers 400 to malformed JSON and to bodies that are not orders', async () => {
    const malformed = await call('POST', '/v1/partners/partner-a/orders', {
      key: keys['partner-a'],
      body: '{"orderId":',
    });
    const scalar = await call('POST', '/v1/partners/partner-a/orders', {
      key: keys['partner-a'],
      body: '"an order"',
    });
    const mixed = await call('POST', '/v1/partners/partner-a/orders', {
      key: keys['partner-a'],
      body: [partnerAPayload(4), 7],
    });
    const empty = await call('POST', '/v1/partners/partner-a/orders', { key: keys['partner-a'], body: [] });
    expect(malformed).toMatchObject({ status: 400, body: { error: { code: 'malformed_json' } } });
    expect(scalar).toMatchObject({ status: 400, body: { error: { code: 'invalid_body' } } });
    expect(mixed).toMatchObject({
      status: 400,
      body: { error: { code: 'invalid_body', issues: [{ path: '[1]' }] } },
    });
    expect(empty).toMatchObject({ status: 400, body: { error: { code: 'no_orders' } } });
  });

  it('answers 413 to a body over 1 MB', async () => {
    const huge = JSON.stringify({ ...partnerAPayload(5), padding: 'x'.repeat(1024 * 1024) });
    const result = await call('POST', '/v1/partners/partner-a/orders', {
      key: keys['partner-a'],
      body: huge,
    });
    expect(result).toMatchObject({ status: 413, body: { error: { code: 'body_too_large' } } });
  });

  it('answers 503 with the recorded submissions when their events cannot be queued', async () => {
    const put = app.runtime.bus.putEvents.bind(app.runtime.bus);
    app.runtime.bus.putEvents = async (entries) => ({
      FailedEntryCount: entries.length,
      Entries: entries.map(() => ({ ErrorCode: 'InternalException', ErrorMessage: 'injected' })),
    });
    try {
      const result = await call('POST', '/v1/partners/partner-a/orders', {
        key: keys['partner-a'],
        body: partnerAPayload(6),
      });
      expect(result).toMatchObject({
        status: 503,
        body: {
          error: {
            code: 'publish_failed',
            submissions: [{ submissionId: expect.any(String), externalOrderId: 'A-6' }],
          },
        },
      });
      const id = result.body?.error.submissions[0].submissionId;
      expect((await call('GET', `/v1/partners/partner-a/submissions/${id}`)).body?.status).toBe('pending');
    } finally {
      app.runtime.bus.putEvents = put;
    }
  });

  it('answers 404 to an unknown route', async () => {
    expect((await call('GET', '/v1/nothing-here')).status).toBe(404);
    expect((await call('DELETE', '/v1/partners/partner-a/orders')).status).toBe(404);
  });
});

describe('the query routes', () => {
  it('page through 250 orders by sequence with no repeat and no gap', async () => {
    const partnerId = 'partner-b';
    const before = (await call('GET', '/v1/stats')).body?.partners.find(
      (p: { partnerId: string }) => p.partnerId === partnerId,
    );
    for (let start = 0; start < 250; start += 100) {
      const batch = Array.from({ length: Math.min(100, 250 - start) }, (_, i) =>
        partnerBPayload(20_000 + start + i),
      );
      expect((await submit(partnerId, batch)).status).toBe(202);
    }
    const seen: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query = `?limit=37${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`;
      const { status, body } = await call('GET', `/v1/partners/${partnerId}/orders${query}`);
      expect(status).toBe(200);
      expect(body?.items.length).toBeLessThanOrEqual(37);
      seen.push(...(body?.items ?? []).map((order: { sequenceNumber: number }) => order.sequenceNumber));
      cursor = body?.nextCursor ?? null;
      pages++;
    } while (cursor !== null);
    const total = before.lastSequenceNumber + 250;
    expect(seen).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    expect(pages).toBeGreaterThanOrEqual(Math.ceil(total / 37));
  });

  it('query the time index with from/to, both bounds included', async () => {
    const base = Date.parse('2025-01-01T00:00:00.000Z');
    const times = [0, 1, 2, 3, 4].map((minute) => base + minute * 60_000);
    await submit(
      'partner-a',
      times.map((time, i) => partnerAPayload(30_000 + i, { transactionTimeMs: time })),
    );
    const from = new Date(times[1] ?? 0).toISOString();
    const to = new Date(times[3] ?? 0).toISOString();
    const { status, body } = await call('GET', `/v1/partners/partner-a/orders?from=${from}&to=${to}`);
    expect(status).toBe(200);
    expect(body?.items.map((order: { externalOrderId: string }) => order.externalOrderId)).toEqual([
      'A-30001',
      'A-30002',
      'A-30003',
    ]);
  });

  it('honour the offset of a from/to time as the instant it names', async () => {
    const base = Date.parse('2025-06-01T00:00:00.000Z');
    await submit(
      'partner-a',
      [0, 1, 2, 3, 4].map((minute) =>
        partnerAPayload(31_000 + minute, { transactionTimeMs: base + minute * 60_000 }),
      ),
    );
    // 02:01 at +02:00 is 00:01Z; 19:03 at -05:00 the day before is 00:03Z.
    const from = encodeURIComponent('2025-06-01T02:01:00+02:00');
    const to = encodeURIComponent('2025-05-31T19:03:00-05:00');
    const { status, body } = await call('GET', `/v1/partners/partner-a/orders?from=${from}&to=${to}`);
    expect(status).toBe(200);
    expect(body?.items.map((order: { externalOrderId: string }) => order.externalOrderId)).toEqual([
      'A-31001',
      'A-31002',
      'A-31003',
    ]);
  });

  it('answer 400 to a from/to that is no real time, such as 30 February, instead of moving it', async () => {
    const times = [
      '2025-02-30T00:00:00Z',
      '2025-04-31T12:00:00Z',
      '2023-02-29T00:00:00Z',
      '2025-01-01T24:00:00Z',
      '2025-01-01T00:60:00Z',
      '2025-01-01T00:00:60Z',
      '2025-01-01T00:00:00+24:00',
      '2025-13-01T00:00:00Z',
    ];
    for (const time of times) {
      for (const listing of ['orders', 'errors']) {
        for (const bound of ['from', 'to']) {
          const path = `/v1/partners/partner-a/${listing}?${bound}=${encodeURIComponent(time)}`;
          const { status, body } = await call('GET', path);
          expect({ path, status, code: body?.error?.code }).toEqual({
            path,
            status: 400,
            code: 'invalid_time',
          });
        }
      }
    }
    const leapDay = await call(
      'GET',
      `/v1/partners/partner-a/orders?from=${encodeURIComponent('2024-02-29T00:00:00Z')}`,
    );
    expect(leapDay.status).toBe(200);
  });

  it('answer 400 to a bad cursor, limit, time or range, never 500', async () => {
    const cases = [
      '/v1/partners/partner-a/orders?cursor=not-a-cursor',
      `/v1/partners/partner-a/orders?cursor=${Buffer.from('{"scope":"orders:partner-a::","position":"garbage"}').toString('base64url')}`,
      `/v1/partners/partner-a/errors?cursor=${Buffer.from('{"scope":"orders:partner-a::","position":"x"}').toString('base64url')}`,
      '/v1/partners/partner-a/orders?limit=0',
      '/v1/partners/partner-a/orders?limit=abc',
      '/v1/partners/partner-a/orders?from=yesterday',
      '/v1/partners/partner-a/orders?from=2025-01-01T00:00:00',
      '/v1/partners/partner-a/orders?from=2025-02-01T00:00:00Z&to=2025-01-01T00:00:00Z',
      '/v1/partners/partner-a/errors?to=soon',
      '/v1/partners/partner-a/orders/abc',
      '/v1/partners/partner-a/orders/0',
      '/v1/partners/partner-a/submissions/unknown',
    ];
    for (const path of cases) {
      const { status, body } = await call('GET', path);
      expect({ path, status }).toEqual({ path, status: 400 });
      expect(body?.error.message).toEqual(expect.any(String));
    }
  });

  it('answer 404 to unknown partners, orders, submissions and executions', async () => {
    const cases = [
      '/v1/partners/nobody/orders',
      '/v1/partners/partner-a/orders/999999',
      '/v1/partners/partner-a/submissions/6a7e8feb-b491-4cf7-a9f1-bf3703467718',
      `/v1/executions/${encodeURIComponent('arn:aws:states:us-east-1:000000000000:execution:order-workflow:none')}`,
    ];
    for (const path of cases)
      expect({ path, status: (await call('GET', path)).status }).toEqual({ path, status: 404 });
  });

  it('list errors newest first with their issues and raw payload', async () => {
    const invalid = partnerAPayload(40_000, { quantity: '5' });
    await submit('partner-a', invalid);
    const { status, body } = await call('GET', '/v1/partners/partner-a/errors?limit=5');
    expect(status).toBe(200);
    expect(body?.items[0]).toMatchObject({
      category: 'validation',
      issues: [{ path: 'quantity', code: 'type' }],
    });
    expect(JSON.parse(body?.items[0].payload)).toEqual(invalid);
  });

  it('list the partners with counts and the stats', async () => {
    const partners = await call('GET', '/v1/partners');
    expect(partners.body?.items.map((p: { id: string }) => p.id)).toEqual(['partner-a', 'partner-b']);
    expect(partners.body?.items[0]).toMatchObject({
      name: 'Partner A',
      // The format itself, as config/partners.json declares it.
      format: expect.objectContaining({ time: 'epoch-ms', tax: 'decimal' }),
      rejected: expect.any(Number),
    });
    const stats = await call('GET', '/v1/stats');
    const a = stats.body?.partners.find((p: { partnerId: string }) => p.partnerId === 'partner-a');
    expect(a.accepted).toBe(a.lastSequenceNumber);
    expect(a.rejected).toBeGreaterThanOrEqual(1);
  });

  it('list executions and show one with its event log', async () => {
    const { body } = await call('GET', '/v1/executions?limit=3');
    expect(body?.items).toHaveLength(3);
    const arn = body?.items[0].executionArn as string;
    const execution = await call('GET', `/v1/executions/${encodeURIComponent(arn)}`);
    expect(execution.status).toBe(200);
    expect(execution.body?.events[0]).toMatchObject({ type: 'ExecutionStarted' });
    expect(execution.body?.events.some((e: { stateName?: string }) => e.stateName === 'Validate')).toBe(true);
  });
});
