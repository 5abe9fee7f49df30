// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { search, searchAttempts } from './search';
import { apiError, fakeApi } from './test/fake-api';
import { order } from './test/fixtures';

afterEach(() => vi.unstubAllGlobals());

const partners = ['partner-a', 'partner-b'];
const submissionId = '0b7c6f9e-3c1d-4a55-9f0e-2d7a1b8c4e61';
const arn = 'arn:aws:states:us-east-1:123456789012:execution:order-workflow:5f0c';
const none = { items: [], nextCursor: null };

describe('the search', () => {
  it('finds a partner’s order by its own id, exactly as typed, in the selected partner first', async () => {
    const api = fakeApi({
      'GET /v1/partners/:partnerId/orders': (call, { partnerId }) =>
        partnerId === 'partner-b' && call.url.searchParams.get('externalOrderId') === 'ORD-1'
          ? { items: [order(7, { partnerId: 'partner-b', externalOrderId: 'ORD-1' })], nextCursor: null }
          : none,
    });
    const result = await search(searchAttempts(' ORD-1 ', 'partner-a', partners));
    expect(result).toEqual({ found: true, target: '#/orders/7?partner=partner-b' });
    expect(api.calls.map((call) => `${call.url.pathname}${call.url.search}`)).toEqual([
      '/v1/partners/partner-a/orders?externalOrderId=ORD-1',
      '/v1/partners/partner-b/orders?externalOrderId=ORD-1',
    ]);
  });

  it('opens a submission’s status by its id', async () => {
    fakeApi({
      'GET /v1/partners/:partnerId/submissions/:submissionId': (_, params) =>
        params.partnerId === 'partner-b'
          ? { submissionId, status: 'accepted', receivedAt: '2025-01-01T00:00:00.000Z' }
          : apiError(404, 'not_found', 'no such submission'),
    });
    const result = await search(searchAttempts(submissionId, 'partner-a', partners));
    expect(result).toEqual({ found: true, target: `#/submissions/${submissionId}?partner=partner-b` });
  });

  it('opens the selected partner’s order by number before trying the number as an order id', async () => {
    fakeApi({ 'GET /v1/partners/:partnerId/orders/:sequenceNumber': () => order(12) });
    const attempts = searchAttempts('12', 'partner-a', partners);
    expect(attempts.map((attempt) => attempt.label)).toEqual([
      'order number 12 of partner-a',
      'order id “12” of partner-a',
      'order id “12” of partner-b',
    ]);
    expect(await search(attempts)).toEqual({ found: true, target: '#/orders/12?partner=partner-a' });
  });

  it('opens an execution by its ARN', async () => {
    fakeApi({ 'GET /v1/executions/:executionId': () => ({}) });
    expect(await search(searchAttempts(arn, 'partner-a', partners))).toEqual({
      found: true,
      target: `#/executions/${encodeURIComponent(arn)}?partner=partner-a`,
    });
  });

  it('says everything it tried when nothing matches', async () => {
    fakeApi({
      'GET /v1/partners/:partnerId/orders': () => none,
      'GET /v1/partners/:partnerId/submissions/:submissionId': () => apiError(404, 'not_found', 'no'),
    });
    expect(await search(searchAttempts(submissionId, 'partner-a', partners))).toEqual({
      found: false,
      tried: [
        `submission ${submissionId} of partner-a`,
        `order id “${submissionId}” of partner-a`,
        `submission ${submissionId} of partner-b`,
        `order id “${submissionId}” of partner-b`,
      ],
    });
  });

  it('reports a failure that is not a miss', async () => {
    fakeApi({ 'GET /v1/partners/:partnerId/orders': () => apiError(503, 'storage_unavailable', 'later') });
    await expect(search(searchAttempts('ORD-1', 'partner-a', partners))).rejects.toMatchObject({
      status: 503,
    });
  });
});
