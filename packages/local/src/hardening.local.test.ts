import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { partnerAPayload } from '@orders/core/testing/orders';
import { PartnerKeys } from '@orders/functions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalApp, startLocalApp } from './app';

// Abuse and local-mode hardening (issue 11): signed cursors, 503 rather than "invalid cursor" when storage
// fails mid-paging, per-key rate limits, the Host check against DNS rebinding, and 404 for missing files.

const keys = { 'partner-a': 'hard-key-a', 'partner-b': 'hard-key-b' };
const webRoot = mkdtempSync(join(tmpdir(), 'orders-hardening-web-'));
let app: LocalApp;

beforeAll(async () => {
  writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>hardening app</title>');
  app = await startLocalApp({
    keys: new PartnerKeys(Object.entries(keys)),
    port: 0,
    webRoot,
    rateLimit: { limit: 40, evaluationWindowSeconds: 600 },
  });
  const orders = Array.from({ length: 5 }, (_, i) => partnerAPayload(i + 1));
  await get('/v1/partners/partner-a/orders', keys['partner-a'], {
    method: 'POST',
    body: JSON.stringify(orders),
  });
  await app.runtime.idle();
}, 120_000);
afterAll(async () => {
  await app?.stop();
  rmSync(webRoot, { recursive: true, force: true });
});

async function get(path: string, key: string, init: RequestInit = {}) {
  const response = await fetch(`${app.url}${path}`, {
    ...init,
    headers: { 'content-type': 'application/json', 'x-api-key': key },
  });
  // biome-ignore lint/suspicious/noExplicitAny: assertions read whatever JSON the API answered
  const body = (await response.json()) as Record<string, any>;
  return { status: response.status, headers: response.headers, body };
}

describe('cursors', () => {
  it('are refused with 400 once tampered with, or used on another listing', async () => {
    const first = await get('/v1/partners/partner-a/orders?limit=2', keys['partner-a']);
    const cursor = first.body.nextCursor as string;
    expect(cursor).toMatch(/^[\w-]+\.[\w-]+$/);
    const [body = '', signature = ''] = cursor.split('.');
    const content = JSON.parse(Buffer.from(body, 'base64url').toString());
    const moved = Buffer.from(JSON.stringify({ ...content, position: `${content.position}x` })).toString(
      'base64url',
    );
    const flipped = `${signature.slice(0, -1)}${signature.endsWith('A') ? 'B' : 'A'}`;
    for (const bad of [`${moved}.${signature}`, `${body}.${flipped}`, body, `${cursor}.x`]) {
      const answer = await get(`/v1/partners/partner-a/orders?limit=2&cursor=${bad}`, keys['partner-a']);
      expect({ bad, status: answer.status, code: answer.body.error?.code }).toEqual({
        bad,
        status: 400,
        code: 'invalid_cursor',
      });
    }
    const elsewhere = await get(`/v1/partners/partner-a/errors?cursor=${cursor}`, keys['partner-a']);
    expect(elsewhere.status).toBe(400);
    const next = await get(`/v1/partners/partner-a/orders?limit=2&cursor=${cursor}`, keys['partner-a']);
    expect(next.status).toBe(200);
  });
});

describe('rate limits', () => {
  it('answer 429 with Retry-After once a key is over its budget, other keys unaffected', async () => {
    const statuses: number[] = [];
    let last: Awaited<ReturnType<typeof get>> | undefined;
    for (let i = 0; i < 45; i++) {
      last = await get('/v1/partners/partner-b/orders?limit=1', keys['partner-b']);
      statuses.push(last.status);
    }
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThan(0);
    expect(statuses.filter((status) => status !== 200 && status !== 429)).toEqual([]);
    expect(last?.status).toBe(429);
    expect(Number(last?.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(last?.body.error?.code).toBe('too_many_requests');
    expect((await get('/v1/partners/partner-a/orders?limit=1', keys['partner-a'])).status).toBe(200);
  });
});

describe('the local server', () => {
  it('refuses a Host that is not localhost, as a DNS-rebound page would send', async () => {
    const { port } = new URL(app.url);
    const status = (host: string) =>
      new Promise<number>((resolve, reject) => {
        const outgoing = request(
          { host: '127.0.0.1', port, path: '/v1/stats', headers: { host } },
          (response) => {
            response.resume();
            resolve(response.statusCode ?? 0);
          },
        );
        outgoing.on('error', reject);
        outgoing.end();
      });
    expect(await status(`rebind.example:${port}`)).toBe(421);
    expect(await status(`localhost:${Number(port) + 1}`)).toBe(421);
    expect(await status('localhost')).toBe(421);
    expect(await status(`localhost:${port}`)).toBe(401);
  });

  it('answers a missing static file with 404 and an app path with the app', async () => {
    for (const path of ['/assets/missing.js', '/favicon.ico', '/robots.txt']) {
      expect({ path, status: (await fetch(`${app.url}${path}`)).status }).toEqual({ path, status: 404 });
    }
    const page = await fetch(`${app.url}/orders`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('hardening app');
  });
});

describe('a storage failure while paging', () => {
  it('is a 503, never an invalid cursor', async () => {
    const first = await get('/v1/partners/partner-a/orders?limit=2', keys['partner-a']);
    const cursor = first.body.nextCursor as string;
    await app.runtime.engine.stop();
    const answer = await get(`/v1/partners/partner-a/orders?limit=2&cursor=${cursor}`, keys['partner-a']);
    expect({ status: answer.status, code: answer.body.error?.code }).toEqual({
      status: 503,
      code: 'storage_unavailable',
    });
  });
});
