import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EventBridgeClient, PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type BusEvent, LocalBus } from './bus';
import { createEventBridgeApi } from './eventbridge-api';

const keys: Record<string, string> = {
  'partner-a': 'dev_key_of_partner_a',
  'partner-b': 'dev_key_of_partner_b',
};
const bus = new LocalBus();
const received: BusEvent[] = [];
bus.addRule('everything from partners', { source: [{ prefix: 'orders.' }] }, async (event) => {
  received.push(event);
});

let server: Server;
let endpoint: string;
beforeAll(async () => {
  const api = createEventBridgeApi({
    bus,
    secretFor: (accessKeyId) => (Object.hasOwn(keys, accessKeyId) ? keys[accessKeyId] : undefined),
    region: 'us-east-1',
    account: '000000000000',
    busName: 'orders',
  });
  server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const response = await api({
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      headers: req.headers,
      body: Buffer.concat(chunks),
    });
    res.writeHead(response.status, response.headers).end(response.body);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/eventbridge`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  received.length = 0;
});

function client(accessKeyId: string, secretAccessKey: string): EventBridgeClient {
  return new EventBridgeClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId, secretAccessKey },
  });
}

function submitted(source: string, order: unknown = { orderId: 'A-1' }): PutEventsRequestEntry {
  return {
    EventBusName: 'orders',
    Source: source,
    DetailType: 'OrderSubmitted',
    Detail: JSON.stringify({ order }),
  };
}

describe('the local EventBridge PutEvents endpoint', () => {
  it("accepts a partner's signed PutEvents from the unmodified AWS SDK and puts the events on the bus", async () => {
    const answer = await client('partner-a', keys['partner-a'] as string).send(
      new PutEventsCommand({
        Entries: [submitted('orders.partner-a'), submitted('orders.partner-a', { orderId: 'A-2' })],
      }),
    );
    expect(answer.FailedEntryCount).toBe(0);
    const ids = (answer.Entries ?? []).map((entry) => entry.EventId);
    expect(ids).toHaveLength(2);
    await bus.idle();
    expect(received.map((event) => event.id).sort()).toEqual([...ids].sort());
    expect(received.map((event) => event.detail)).toEqual(
      expect.arrayContaining([{ order: { orderId: 'A-1' } }, { order: { orderId: 'A-2' } }]),
    );
  });

  it('refuses the whole request when one entry carries another partner’s source, as the bus policy does', async () => {
    const attempt = client('partner-a', keys['partner-a'] as string).send(
      new PutEventsCommand({ Entries: [submitted('orders.partner-a'), submitted('orders.partner-b')] }),
    );
    await expect(attempt).rejects.toMatchObject({ name: 'AccessDeniedException' });
    await bus.idle();
    expect(received).toEqual([]);
  });

  it('refuses a request signed with the wrong secret', async () => {
    const attempt = client('partner-a', keys['partner-b'] as string).send(
      new PutEventsCommand({ Entries: [submitted('orders.partner-a')] }),
    );
    await expect(attempt).rejects.toMatchObject({ name: 'InvalidSignatureException' });
    expect(received).toEqual([]);
  });

  it('refuses an access key id that is no partner', async () => {
    const attempt = client('partner-z', 'anything').send(
      new PutEventsCommand({ Entries: [submitted('orders.partner-z')] }),
    );
    await expect(attempt).rejects.toMatchObject({ name: 'UnrecognizedClientException' });
  });

  it('refuses an unsigned request and an operation other than PutEvents', async () => {
    const unsigned = await fetch(endpoint, {
      method: 'POST',
      headers: { 'x-amz-target': 'AWSEvents.PutEvents', 'content-type': 'application/x-amz-json-1.1' },
      body: JSON.stringify({ Entries: [submitted('orders.partner-a')] }),
    });
    expect(unsigned.status).toBe(400);
    expect(await unsigned.json()).toMatchObject({ __type: 'MissingAuthenticationTokenException' });
    const other = await fetch(endpoint, {
      method: 'POST',
      headers: { 'x-amz-target': 'AWSEvents.ListRules' },
      body: '{}',
    });
    expect(await other.json()).toMatchObject({ __type: 'UnknownOperationException' });
  });
});
