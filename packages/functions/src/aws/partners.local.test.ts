import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SSMClient } from '@aws-sdk/client-ssm';
import { StorageUnavailableError } from '@orders/core/errors';
import { getPartner, listPartners, repositoryPartners, usePartners } from '@orders/core/partner/registry';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parameterPartners } from './partners';

// A stand-in SSM endpoint: the real SDK client talks AWS JSON 1.1 to it, and it answers GetParameter as
// SSM does: the value, ParameterNotFound, or a throttling error.
const name = '/orders/test/partners';
let value: string | undefined;
let throttleNext = 0;
let requests = 0;
let server: Server;
let ssm: SSMClient;
const quick = { maxAttempts: 4, baseDelayMs: 1, maxDelayMs: 5 };

const file = JSON.parse(
  readFileSync(new URL('../../../../config/partners.json', import.meta.url), 'utf8'),
) as { partners: { id: string; name: string; format: unknown }[] };
const withPartnerC = (label: string) =>
  JSON.stringify({
    partners: [...file.partners, { ...file.partners[0], id: 'partner-c', name: label }],
  });

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const { Name } = JSON.parse(Buffer.concat(chunks).toString()) as { Name: string };
      requests++;
      response.setHeader('content-type', 'application/x-amz-json-1.1');
      if (throttleNext > 0) {
        throttleNext--;
        response.writeHead(400);
        response.end(JSON.stringify({ __type: 'ThrottlingException', message: 'Rate exceeded' }));
      } else if (Name !== name || value === undefined) {
        response.writeHead(400);
        response.end(JSON.stringify({ __type: 'ParameterNotFound', message: '' }));
      } else {
        response.writeHead(200);
        response.end(JSON.stringify({ Parameter: { Name, Type: 'String', Value: value, Version: 1 } }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  ssm = new SSMClient({
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    region: 'us-east-1',
    credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
    // The SDK's own retries are off, so that every retry seen here is the reader's.
    maxAttempts: 1,
  });
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  value = undefined;
  throttleNext = 0;
  requests = 0;
});
afterEach(() => usePartners(repositoryPartners));

describe('the partner registry from its SSM parameter', () => {
  it('puts the parameter’s partners in force, and reads it once while they are fresh', async () => {
    value = withPartnerC('Partner C');
    const refresh = parameterPartners(ssm, name, { retries: quick });
    expect(getPartner('partner-c')).toBeUndefined();
    await refresh();
    await refresh();
    expect(listPartners().map((partner) => partner.id)).toEqual(['partner-a', 'partner-b', 'partner-c']);
    expect(requests).toBe(1);
  });

  it('retries a throttled read until SSM answers', async () => {
    value = withPartnerC('Partner C');
    throttleNext = 2;
    await parameterPartners(ssm, name, { retries: quick })();
    expect(getPartner('partner-c')?.name).toBe('Partner C');
    expect(requests).toBe(3);
  });

  it('sees a changed parameter once its partners are stale, and keeps them when the parameter turns invalid', async () => {
    value = withPartnerC('Partner C');
    const refresh = parameterPartners(ssm, name, { ttlMs: 0, retries: quick });
    await refresh();
    value = withPartnerC('Partner C, renamed');
    await refresh();
    expect(getPartner('partner-c')?.name).toBe('Partner C, renamed');
    value = JSON.stringify({ partners: [{ id: 'partner-c', name: 'C', format: {} }] });
    await refresh();
    throttleNext = 100;
    await refresh();
    expect(getPartner('partner-c')?.name).toBe('Partner C, renamed');
  });

  it('fails a container that never read it as storage unavailable, which leaves orders pending', async () => {
    const missing = parameterPartners(ssm, name, { retries: quick });
    await expect(missing()).rejects.toBeInstanceOf(StorageUnavailableError);
    value = JSON.stringify({ partners: [{ id: 'partner-c', name: 'C', format: {} }] });
    const invalid = parameterPartners(ssm, name, { retries: quick });
    await expect(invalid()).rejects.toMatchObject({
      name: 'StorageUnavailableError',
      transient: true,
      cause: expect.objectContaining({
        message: expect.stringMatching(/^\/orders\/test\/partners: partner "partner-c": format\.fields: /),
      }),
    });
    expect(getPartner('partner-c')).toBeUndefined();
  });
});
