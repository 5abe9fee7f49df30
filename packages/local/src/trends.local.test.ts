import { randomUUID } from 'node:crypto';
import { Submission } from '@orders/core';
import { partnerAPayload, partnerBPayload } from '@orders/core/testing/orders';
import { PartnerKeys } from '@orders/functions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalApp, startLocalApp } from './app';
import { scriptToken } from './testing/tokens';

// Trends over real HTTP (issue 13, "Trends, server-side"): counts and latency per partner per minute and
// hour, and what is pending and dead-lettered now.

const keys = { 'partner-a': 'trend-key-a', 'partner-b': 'trend-key-b' };
let app: LocalApp;
let operatorToken: string;
let startedAt: number;

interface Point {
  start: string;
  partnerId: string;
  accepted: number;
  rejected: number;
  duplicates: number;
  latencyMs: { p50: number; p95: number; p99: number } | null;
}

interface Answer {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: assertions read whatever JSON the API answered
  body: Record<string, any>;
}

async function get(path: string): Promise<Answer> {
  const response = await fetch(`${app.url}${path}`, {
    headers: { authorization: `Bearer ${operatorToken}` },
  });
  return { status: response.status, body: (await response.json()) as Answer['body'] };
}

async function submit(partnerId: 'partner-a' | 'partner-b', orders: unknown): Promise<void> {
  const response = await fetch(`${app.url}/v1/partners/${partnerId}/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': keys[partnerId] },
    body: JSON.stringify(orders),
  });
  expect(response.status).toBe(202);
  await app.runtime.idle();
}

function totals(points: Point[], partnerId: string) {
  const mine = points.filter((point) => point.partnerId === partnerId);
  return {
    accepted: mine.reduce((sum, point) => sum + point.accepted, 0),
    rejected: mine.reduce((sum, point) => sum + point.rejected, 0),
    duplicates: mine.reduce((sum, point) => sum + point.duplicates, 0),
  };
}

const minute = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

beforeAll(async () => {
  app = await startLocalApp({ keys: new PartnerKeys(Object.entries(keys)), port: 0 });
  operatorToken = await scriptToken(app, 'script-operator');
  startedAt = Math.floor(Date.now() / minute) * minute;
  // partner-a: 3 accepted and 2 rejected, then the first again, exactly: a duplicate. partner-b: 1 accepted.
  const first = partnerAPayload(1);
  await submit('partner-a', [
    first,
    partnerAPayload(2),
    partnerAPayload(3),
    partnerAPayload(4, { quantity: 'many' }),
    partnerAPayload(5, { unitPrice: -1 }),
  ]);
  await submit('partner-a', first);
  await submit('partner-b', partnerBPayload(1));
}, 120_000);
afterAll(() => app?.stop());

describe('GET /v1/stats/timeseries', () => {
  it('counts each partner’s accepted, rejected and duplicate submissions per minute, zeros included', async () => {
    const from = startedAt - 2 * minute;
    const to = Math.floor(Date.now() / minute) * minute + minute;
    const { status, body } = await get(`/v1/stats/timeseries?from=${iso(from)}&to=${iso(to)}&bucket=1m`);
    expect(status).toBe(200);
    const points = body.points as Point[];
    const minutes = (to - from) / minute;
    expect(points).toHaveLength(2 * minutes);
    expect(points.filter((point) => point.partnerId === 'partner-a').map((point) => point.start)).toEqual(
      Array.from({ length: minutes }, (_, i) => iso(from + i * minute)),
    );
    expect(totals(points, 'partner-a')).toEqual({ accepted: 3, rejected: 2, duplicates: 1 });
    expect(totals(points, 'partner-b')).toEqual({ accepted: 1, rejected: 0, duplicates: 0 });
    // The two minutes before the load are zeros, and have no latency.
    expect(points.slice(0, 2)).toEqual([
      { start: iso(from), partnerId: 'partner-a', accepted: 0, rejected: 0, duplicates: 0, latencyMs: null },
      {
        start: iso(from + minute),
        partnerId: 'partner-a',
        accepted: 0,
        rejected: 0,
        duplicates: 0,
        latencyMs: null,
      },
    ]);
    const withLatency = points.filter((point) => point.partnerId === 'partner-a' && point.latencyMs !== null);
    expect(withLatency.reduce((sum, point) => sum + point.accepted, 0)).toBe(3);
    for (const { latencyMs } of withLatency) {
      expect(latencyMs?.p50).toBeGreaterThan(0);
      expect(latencyMs?.p50).toBeLessThanOrEqual(latencyMs?.p95 ?? 0);
      expect(latencyMs?.p95).toBeLessThanOrEqual(latencyMs?.p99 ?? 0);
    }
    expect(body).toMatchObject({
      bucket: '1m',
      from: iso(from),
      to: iso(to),
      pendingNow: 0,
      deadLettersNow: 0,
    });
  });

  it('answers hours, and one partner with partnerId', async () => {
    const from = Math.floor(startedAt / 3_600_000) * 3_600_000 - 3_600_000;
    const to = Date.now() + 3_600_000;
    const { status, body } = await get(
      `/v1/stats/timeseries?from=${iso(from)}&to=${iso(to)}&bucket=1h&partnerId=partner-a`,
    );
    expect(status).toBe(200);
    const points = body.points as Point[];
    expect(new Set(points.map((point) => point.partnerId))).toEqual(new Set(['partner-a']));
    expect(points[0]?.start).toBe(iso(from));
    expect(points.every((point) => Date.parse(point.start) % 3_600_000 === 0)).toBe(true);
    expect(totals(points, 'partner-a')).toEqual({ accepted: 3, rejected: 2, duplicates: 1 });
  });

  it('answers the last hour of minutes without from and to', async () => {
    const { status, body } = await get('/v1/stats/timeseries');
    expect(status).toBe(200);
    expect(body.bucket).toBe('1m');
    // 60 minutes, or 61 when the hour does not start on a minute.
    expect([120, 122]).toContain(body.points.length);
    expect(totals(body.points as Point[], 'partner-a')).toEqual({ accepted: 3, rejected: 2, duplicates: 1 });
  });

  it('counts the submissions pending now', async () => {
    await Submission.recordSubmission(app.runtime.store, {
      partnerId: 'partner-b',
      submissionId: randomUUID(),
      receivedAt: new Date().toISOString(),
      payload: partnerBPayload(9),
    });
    const all = await get('/v1/stats/timeseries');
    expect(all.body).toMatchObject({ pendingNow: 1, pendingNowCapped: false });
    const other = await get('/v1/stats/timeseries?partnerId=partner-a');
    expect(other.body.pendingNow).toBe(0);
  });

  it.each([
    ['from=yesterday', 'invalid_query', 'from'],
    ['from=2025-02-30T00:00:00Z', 'invalid_query', 'from'],
    ['from=2024-05-01T12:00:00', 'invalid_query', 'from'],
    ['from=2024-05-01T12:00:00Z&to=2024-05-01T11:00:00Z', 'invalid_query', 'to'],
    ['from=2024-05-01T12:00:00Z&to=2024-05-01T12:00:00Z', 'invalid_query', 'to'],
    ['from=2024-05-01T00:00:00Z&to=2024-05-02T00:00:01Z&bucket=1m', 'invalid_query', 'to'],
    ['from=2024-05-01T00:00:00Z&to=2024-05-31T00:00:01Z&bucket=1h', 'invalid_query', 'to'],
    ['bucket=5m', 'invalid_query', 'bucket'],
    ['partnerId=partner-z', 'invalid_partnerId', undefined],
  ])('refuses %s with a 400 that names the parameter', async (query, code, path) => {
    const { status, body } = await get(`/v1/stats/timeseries?${query}`);
    expect(status).toBe(400);
    expect(body.error.code).toBe(code);
    if (path !== undefined)
      expect(body.error.issues.map((issue: { path: string }) => issue.path)).toEqual([path]);
  });

  it('takes a day of minutes and 30 days of hours, the widest ranges', async () => {
    const day = await get(
      '/v1/stats/timeseries?from=2024-05-01T00:00:00Z&to=2024-05-02T00:00:00Z&partnerId=partner-a',
    );
    expect(day.status).toBe(200);
    expect(day.body.points).toHaveLength(1_440);
    const month = await get(
      '/v1/stats/timeseries?from=2024-05-01T00:00:00Z&to=2024-05-31T00:00:00Z&bucket=1h&partnerId=partner-a',
    );
    expect(month.status).toBe(200);
    expect(month.body.points).toHaveLength(720);
  });

  it('is for operators only', async () => {
    const response = await fetch(`${app.url}/v1/stats/timeseries`, {
      headers: { 'x-api-key': keys['partner-a'] },
    });
    expect(response.status).toBe(403);
  });
});
