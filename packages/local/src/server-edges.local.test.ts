import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLocalServer } from './server';

// The local server's own edges, with handlers of the test's making: a function that throws, and the web
// root's boundary.

const base = mkdtempSync(join(tmpdir(), 'server-edges-'));
const webRoot = join(base, 'web');
mkdirSync(webRoot);
writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>app</title>');
// Beside the web root, where no request may reach.
writeFileSync(join(base, 'secret.txt'), 'outside the web root');

const server = createLocalServer({
  handlers: {
    feed: async () => {
      throw new Error('the function crashed');
    },
    query: async () => {
      return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: '{"ok":true}' };
    },
    operate: async () => {
      throw new Error('not called here');
    },
  },
  webRoot,
});
let port = 0;

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(base, { recursive: true, force: true });
});

/** A request with its path sent exactly as written (fetch would resolve `..` first). */
function raw(method: string, path: string, body?: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, method, path, headers: { host: `localhost:${port}` } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('the local server', () => {
  it('answers a function that throws as API Gateway does, 502 with its generic body, and keeps serving', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const crashed = await raw('POST', '/v1/partners/partner-a/orders', '{}');
      expect(crashed.status).toBe(502);
      expect(JSON.parse(crashed.text)).toEqual({ message: 'Internal server error' });
      expect(crashed.text).not.toContain('crashed');
      expect(errors).toHaveBeenCalledTimes(1);
    } finally {
      errors.mockRestore();
    }
    const next = await raw('GET', '/v1/stats');
    expect(next.status).toBe(200);
  });

  it.each([
    '/../secret.txt',
    '/%2e%2e/secret.txt',
    '/..%2fsecret.txt',
    '/%2e%2e%2fsecret.txt',
    '/assets/../../secret.txt',
    '/..%5csecret.txt',
    '/%252e%252e/secret.txt',
  ])('never serves a file outside the web root: %s', async (path) => {
    const answer = await raw('GET', path);
    expect(answer.text).not.toContain('outside the web root');
    // A name with an extension that is not in the web root is a missing asset.
    expect([400, 404]).toContain(answer.status);
  });

  it('serves the app itself for its own pages', async () => {
    const page = await raw('GET', '/partners/partner-a/orders');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<title>app</title>');
  });
});
