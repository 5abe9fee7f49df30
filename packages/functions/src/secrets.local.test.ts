import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SSMClient } from '@aws-sdk/client-ssm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { lazy } from './lazy';
import { readSecret, SecretNotSetError } from './secrets';

// A stand-in SSM endpoint: the real SDK client talks AWS JSON 1.1 to it, and it answers GetParameters as
// SSM does: values found, names it does not hold in InvalidParameters, or a throttling error.
const stored = new Map<string, string>();
const requested: string[][] = [];
let throttleNext = 0;
let server: Server;
let ssm: SSMClient;
const location = { ssmPrefix: '/sst/orders/staging/', app: 'orders' };
const quick = { maxAttempts: 4, baseDelayMs: 1, maxDelayMs: 5 };

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const { Names } = JSON.parse(Buffer.concat(chunks).toString()) as { Names: string[] };
      requested.push(Names);
      response.setHeader('content-type', 'application/x-amz-json-1.1');
      if (throttleNext > 0) {
        throttleNext--;
        response.writeHead(400);
        response.end(JSON.stringify({ __type: 'ThrottlingException', message: 'Rate exceeded' }));
        return;
      }
      response.writeHead(200);
      response.end(
        JSON.stringify({
          Parameters: Names.filter((name) => stored.has(name)).map((name) => ({
            Name: name,
            Type: 'SecureString',
            Value: stored.get(name),
          })),
          InvalidParameters: Names.filter((name) => !stored.has(name)),
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  ssm = new SSMClient({
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    region: 'us-east-1',
    credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
    // The SDK's own retries are off, so that every retry seen here is the loader's.
    maxAttempts: 1,
  });
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  stored.clear();
  requested.length = 0;
  throttleNext = 0;
});

describe('reading the partner keys secret', () => {
  it('retries a throttled read until SSM answers', async () => {
    stored.set('/sst/orders/staging/Secret/PARTNER_KEYS/value', 'partner-a:k1');
    throttleNext = 2;
    expect(await readSecret(ssm, 'PARTNER_KEYS', location, quick)).toBe('partner-a:k1');
    expect(requested).toHaveLength(3);
  });

  it('gives up with the throttling error once its attempts are spent', async () => {
    throttleNext = 100;
    await expect(readSecret(ssm, 'PARTNER_KEYS', location, quick)).rejects.toMatchObject({
      name: 'ThrottlingException',
    });
    expect(requested).toHaveLength(quick.maxAttempts);
  });

  it('reads the app-wide fallback when the stage has no value of its own', async () => {
    stored.set('/sst/orders/.fallback/Secret/PARTNER_KEYS/value', 'partner-a:fallback');
    expect(await readSecret(ssm, 'PARTNER_KEYS', location, quick)).toBe('partner-a:fallback');
  });

  it('says the secret is not set, without retrying, when neither path holds it', async () => {
    await expect(readSecret(ssm, 'PARTNER_KEYS', location, quick)).rejects.toBeInstanceOf(SecretNotSetError);
    expect(requested).toHaveLength(2);
  });
});

describe('a lazily built handler', () => {
  it('builds again on the next call after its first build failed, then keeps the build', async () => {
    let builds = 0;
    const handler = lazy(async () => {
      builds++;
      if (builds === 1) throw new Error('cold start could not read the secret');
      return async (input: number) => input * 2;
    });
    await expect(handler(1)).rejects.toThrow('cold start could not read the secret');
    expect(await handler(2)).toBe(4);
    expect(await handler(3)).toBe(6);
    expect(builds).toBe(2);
  });

  it('lets concurrent first calls share one build', async () => {
    let builds = 0;
    const handler = lazy(async () => {
      builds++;
      return async (input: number) => input + 1;
    });
    expect(await Promise.all([handler(1), handler(2), handler(3)])).toEqual([2, 3, 4]);
    expect(builds).toBe(1);
  });
});
