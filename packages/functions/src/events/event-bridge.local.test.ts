import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { Submission } from '@orders/core';
import { useTestStore } from '@orders/core/testing/dynamo';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventBridgePublisher } from './event-bridge';

// A stand-in EventBridge endpoint: the real SDK client talks JSON to it, and it refuses chosen entries
// the way PutEvents does (HTTP 200, FailedEntryCount and per-entry error codes).
const received: { Source: string; DetailType: string; Detail: string }[][] = [];
let refuse = (_entry: { Detail: string }, _call: number) => false;
let server: Server;
let publisher: EventBridgePublisher;
const db = useTestStore();

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const { Entries } = JSON.parse(Buffer.concat(chunks).toString()) as {
        Entries: { Source: string; DetailType: string; Detail: string }[];
      };
      const call = received.push(Entries);
      const results = Entries.map((entry, i) =>
        refuse(entry, call)
          ? { ErrorCode: 'InternalFailure', ErrorMessage: 'try again' }
          : { EventId: `e-${call}-${i}` },
      );
      response.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
      response.end(
        JSON.stringify({
          FailedEntryCount: results.filter((r) => 'ErrorCode' in r).length,
          Entries: results,
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  publisher = new EventBridgePublisher(
    new EventBridgeClient({
      endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
    }),
  );
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('submitting through EventBridge', () => {
  it('records every submission, publishes in chunks of 10 and re-sends only the refused entries', async () => {
    received.length = 0;
    // The first request refuses its third entry; everything after that goes through.
    refuse = (entry, call) => call === 1 && JSON.parse(entry.Detail).payload.orderId === 'A-2';
    const payloads = Array.from({ length: 12 }, (_, i) => ({ orderId: `A-${i}` }));
    const submissions = await Submission.submitOrders(
      { store: db.store, publisher, busName: 'orders' },
      'partner-a',
      payloads,
      { retryBaseDelayMs: 1 },
    );
    expect(received.map((entries) => entries.length)).toEqual([10, 1, 2]);
    expect(JSON.parse(received[1]?.[0]?.Detail ?? '{}').payload).toEqual({ orderId: 'A-2' });
    expect(received[0]?.[0]).toMatchObject({ Source: 'orders.partner-a', DetailType: 'OrderSubmitted' });
    for (const submission of submissions) {
      expect(await Submission.getSubmission(db.store, 'partner-a', submission.submissionId)).toMatchObject({
        status: 'pending',
      });
    }
  });

  it('keeps the submissions pending and says so when entries stay refused', async () => {
    received.length = 0;
    refuse = () => true;
    const attempt = Submission.submitOrders(
      { store: db.store, publisher, busName: 'orders' },
      'partner-b',
      [{}],
      {
        retryBaseDelayMs: 1,
        maxAttempts: 3,
      },
    );
    await expect(attempt).rejects.toMatchObject({ name: 'PublishFailedError' });
    expect(received).toHaveLength(3);
  });
});
