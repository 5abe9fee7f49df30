import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PartnerKeys } from '@orders/functions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalApp, startLocalApp } from './app';
import { corpusCases, corpusKeys } from './hostile/corpus';
import { checkCase, getJson, mapLimit, readAs, recordedErrors, type Sent, sendCase } from './hostile/send';
import { scriptToken, type TokenKinds, tokenKinds } from './testing/tokens';

// Issue 6, "hostile input": every bad request gets a 4xx or an error record with a clear message, the
// server never answers 500 and never drops a connection, and nothing leaks into Object.prototype.

const partnerIds = Object.keys(corpusKeys);
const categories = [...new Set(corpusCases.map((hostile) => hostile.category))];
let app: LocalApp;
let sent: Sent[] = [];
let errorIds: ReadonlySet<string> = new Set();
let tokens: TokenKinds;
// A stand-in for the built web app, so paths outside /v1 are served too.
const webRoot = mkdtempSync(join(tmpdir(), 'orders-hostile-web-'));

beforeAll(async () => {
  writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>hostile-test app</title>');
  app = await startLocalApp({ keys: new PartnerKeys(Object.entries(corpusKeys)), port: 0, webRoot });
  readAs({ authorization: `Bearer ${await scriptToken(app, 'script-operator')}` });
  tokens = await tokenKinds(app);
  sent = await mapLimit(corpusCases, 8, (hostile) => sendCase(app.url, hostile, corpusKeys, { ...tokens }));
  await app.runtime.idle();
  errorIds = await recordedErrors(app.url, partnerIds);
  const histogram: Record<string, number> = {};
  for (const { status } of sent) histogram[status] = (histogram[status] ?? 0) + 1;
  console.log(`${sent.length} hostile cases; answers by status:`, histogram);
}, 180_000);
afterAll(async () => {
  await app?.stop();
  rmSync(webRoot, { recursive: true, force: true });
});

describe('the hostile-input corpus', () => {
  it('holds at least 200 distinct cases in every category the issue names', () => {
    expect(corpusCases.length).toBeGreaterThanOrEqual(200);
    expect(new Set(corpusCases.map((hostile) => hostile.name)).size).toBe(corpusCases.length);
    expect(categories).toEqual(
      expect.arrayContaining([
        'malformed JSON',
        'wrong types',
        'huge numbers',
        'NaN and Infinity',
        'large bodies',
        'deep nesting',
        'prototype keys',
        'control characters',
        'long strings',
        'unicode',
        'script and HTML',
        'API keys',
        'cross-partner',
        'tokens',
      ]),
    );
  });

  it('is answered without a single 500 or dropped connection', () => {
    const failures = sent.filter(({ status }) => status === 'dropped' || status >= 500);
    expect(failures.map(({ case: hostile, status, text }) => `${hostile.name}: ${status} ${text}`)).toEqual(
      [],
    );
  });

  it('lets no cross-partner or token case through: none answers 2xx or 500', () => {
    const through = sent.filter(
      ({ case: hostile, status }) =>
        ['cross-partner', 'tokens', 'API keys'].includes(hostile.category) &&
        (status === 'dropped' || (status >= 200 && status < 300) || status >= 500),
    );
    expect(through.map(({ case: hostile, status }) => `${hostile.name}: ${status}`)).toEqual([]);
  });

  it.each(categories)('answers every %s case as the case expects', async (category) => {
    const ofCategory = sent.filter(({ case: hostile }) => hostile.category === category);
    const problems = await mapLimit(ofCategory, 8, (one) => checkCase(app.url, one, errorIds));
    expect(problems.flat()).toEqual([]);
  });
});

describe('the web app’s paths', () => {
  it('answer a path with malformed percent-encoding with the app, not a 500', async () => {
    for (const path of ['/orders/%E0%A4%A', '/%ZZ', '/errors?partner=%ZZ']) {
      const response = await fetch(`${app.url}${path}`);
      expect({ path, status: response.status }).toEqual({ path, status: 200 });
      expect(await response.text()).toContain('hostile-test app');
    }
  });
});

describe('after the whole corpus', () => {
  it('the server still answers /v1/stats', async () => {
    const { status, body } = await getJson(app.url, '/v1/stats');
    expect(status).toBe(200);
    expect(body.partners).toEqual(
      expect.arrayContaining(partnerIds.map((partnerId) => expect.objectContaining({ partnerId }))),
    );
  });

  it('Object.prototype has not been polluted', () => {
    const probe: Record<string, unknown> = {};
    expect(probe.polluted).toBeUndefined();
    expect(probe.orderId).toBeUndefined();
    expect(Object.keys(Object.prototype)).toEqual([]);
  });

  it('the bus holds no dead letters', () => {
    expect(app.runtime.bus.deadLetters).toEqual([]);
  });

  it('no submission is left pending', async () => {
    const submissions = sent.flatMap(({ case: hostile, submissionIds }) =>
      submissionIds.map((id) => `/v1/partners/${hostile.partnerId}/submissions/${id}`),
    );
    const statuses = await mapLimit(
      submissions,
      8,
      async (path) => (await getJson(app.url, path)).body.status,
    );
    expect(submissions.length).toBeGreaterThan(0);
    expect(statuses.filter((status) => status === 'pending' || status === undefined)).toEqual([]);
  });
});
