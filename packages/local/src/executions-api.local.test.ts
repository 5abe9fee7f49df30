import { partnerAPayload, partnerBPayload } from '@orders/core/testing/orders';
import { PartnerKeys } from '@orders/functions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalApp, startLocalApp } from './app';
import { scriptToken } from './testing/tokens';

// The executions listing over real HTTP against the local app: each execution says what became of its order.

const keys = { 'partner-a': 'test-key-a', 'partner-b': 'test-key-b' };
let app: LocalApp;
let operatorToken: string;
const submitted: Record<'accepted' | 'duplicate' | 'rejected' | 'other', string> = {
  accepted: '',
  duplicate: '',
  rejected: '',
  other: '',
};

interface Listed {
  executionArn: string;
  status: string;
  partnerId?: string;
  submissionId?: string;
  externalOrderId?: string;
  outcome: string;
  sequenceNumber?: number;
  durationMs?: number;
  startDate: string;
  stopDate?: string;
}

async function get(
  path: string,
  headers: Record<string, string> = { authorization: `Bearer ${operatorToken}` },
) {
  const response = await fetch(`${app.url}${path}`, { headers });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function list(query = ''): Promise<Listed[]> {
  const { status, body } = await get(`/v1/executions${query}`);
  expect(status).toBe(200);
  return body.items as Listed[];
}

async function submit(partnerId: keyof typeof keys, order: unknown): Promise<string> {
  const response = await fetch(`${app.url}/v1/partners/${partnerId}/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': keys[partnerId] },
    body: JSON.stringify(order),
  });
  expect(response.status).toBe(202);
  const body = (await response.json()) as { accepted: { submissionId: string }[] };
  await app.runtime.idle();
  return body.accepted[0]?.submissionId ?? '';
}

beforeAll(async () => {
  app = await startLocalApp({ keys: new PartnerKeys(Object.entries(keys)), port: 0 });
  operatorToken = await scriptToken(app, 'script-operator');
  const order = partnerAPayload(1);
  submitted.accepted = await submit('partner-a', order);
  submitted.duplicate = await submit('partner-a', order);
  submitted.rejected = await submit('partner-a', partnerAPayload(2, { quantity: '5' }));
  submitted.other = await submit('partner-b', partnerBPayload(1));
});
afterAll(() => app?.stop());

describe('GET /v1/executions', () => {
  it('names each execution’s partner, submission and order, its outcome, number and duration', async () => {
    const items = await list();
    const bySubmission = new Map(items.map((item) => [item.submissionId, item]));
    expect(bySubmission.get(submitted.accepted)).toMatchObject({
      status: 'SUCCEEDED',
      partnerId: 'partner-a',
      externalOrderId: 'A-1',
      outcome: 'accepted',
      sequenceNumber: 1,
    });
    // A duplicate reports the original's number, as its submission does.
    expect(bySubmission.get(submitted.duplicate)).toMatchObject({
      status: 'SUCCEEDED',
      partnerId: 'partner-a',
      externalOrderId: 'A-1',
      outcome: 'duplicate',
      sequenceNumber: 1,
    });
    const rejected = bySubmission.get(submitted.rejected);
    expect(rejected).toMatchObject({
      status: 'SUCCEEDED',
      partnerId: 'partner-a',
      externalOrderId: 'A-2',
      outcome: 'rejected',
    });
    expect(rejected).not.toHaveProperty('sequenceNumber');
    for (const item of items) {
      expect(item.durationMs).toBe(Date.parse(item.stopDate ?? '') - Date.parse(item.startDate));
    }
  });

  it('answers the same fields for one execution read alone', async () => {
    const [accepted] = await list('?outcome=accepted&partnerId=partner-a');
    const { status, body } = await get(`/v1/executions/${encodeURIComponent(accepted?.executionArn ?? '')}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ ...accepted, events: expect.any(Array) });
  });

  it('keeps the executions of one outcome', async () => {
    const outcomes = ['accepted', 'duplicate', 'rejected'] as const;
    for (const outcome of outcomes) {
      const items = await list(`?outcome=${outcome}`);
      expect(items.map((item) => item.outcome)).toEqual(
        outcome === 'accepted' ? ['accepted', 'accepted'] : [outcome],
      );
    }
    expect(await list('?outcome=failed')).toEqual([]);
    expect(await list('?outcome=running')).toEqual([]);
  });

  it('keeps the executions of one partner, and of one partner and outcome', async () => {
    const a = await list('?partnerId=partner-a');
    expect(a.map((item) => item.submissionId)).toEqual([
      submitted.rejected,
      submitted.duplicate,
      submitted.accepted,
    ]);
    const b = await list('?partnerId=partner-b');
    expect(b).toMatchObject([{ submissionId: submitted.other, externalOrderId: 'B-1', outcome: 'accepted' }]);
    expect(await list('?partnerId=partner-b&outcome=rejected')).toEqual([]);
    expect((await list('?partnerId=partner-a&limit=1')).map((item) => item.submissionId)).toEqual([
      submitted.rejected,
    ]);
  });

  it('refuses an outcome or a partner it does not know, saying what it takes', async () => {
    expect(await get('/v1/executions?outcome=succeeded')).toEqual({
      status: 400,
      body: {
        error: {
          code: 'invalid_outcome',
          message: 'outcome must be one of: accepted, duplicate, rejected, failed, running',
        },
      },
    });
    expect(await get('/v1/executions?partnerId=partner-z')).toEqual({
      status: 400,
      body: {
        error: {
          code: 'invalid_partnerId',
          message: 'partnerId must be a registered partner: partner-a, partner-b',
        },
      },
    });
  });

  it('is for operators only, whatever it filters on', async () => {
    expect((await get('/v1/executions?partnerId=partner-a', { 'x-api-key': keys['partner-a'] })).status).toBe(
      403,
    );
    expect((await get('/v1/executions?outcome=accepted', {})).status).toBe(401);
  });
});
