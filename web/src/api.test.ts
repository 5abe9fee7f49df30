// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, answer, api, presentParams } from './api';
import { issue } from './test/fixtures';

afterEach(() => vi.unstubAllGlobals());

/** The ApiError a call fails with; anything else fails the test. */
async function rejection(call: Promise<unknown>): Promise<ApiError> {
  const outcome = await call.then(
    () => new Error('the call succeeded'),
    (error: unknown) => error,
  );
  if (outcome instanceof ApiError) return outcome;
  throw outcome;
}

function stubFetch(response: Response | Error) {
  const requests: Request[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (request: Request) => {
      requests.push(request);
      if (response instanceof Error) throw response;
      return response;
    }),
  );
  return requests;
}

describe('api', () => {
  it('encodes every path parameter as one segment', async () => {
    const requests = stubFetch(Response.json({}));
    await answer(
      api.GET('/v1/executions/{executionId}', {
        params: { path: { executionId: 'arn:aws:states:eu:1:execution:wf:a/b' } },
      }),
    );
    expect(new URL(requests[0]?.url ?? '', 'http://localhost').pathname).toBe(
      '/v1/executions/arn%3Aaws%3Astates%3Aeu%3A1%3Aexecution%3Awf%3Aa%2Fb',
    );
  });

  it('leaves empty query parameters out of the URL', async () => {
    const requests = stubFetch(Response.json({ items: [], nextCursor: null }));
    await answer(
      api.GET('/v1/partners/{partnerId}/orders', {
        params: {
          path: { partnerId: 'a' },
          query: presentParams({ limit: 25, cursor: undefined, from: '' }),
        },
      }),
    );
    expect(new URL(requests[0]?.url ?? '', 'http://localhost').search).toBe('?limit=25');
  });

  it('answers the parsed JSON body of a successful call', async () => {
    stubFetch(new Response(JSON.stringify({ items: [] }), { status: 200 }));
    await expect(answer(api.GET('/v1/partners'))).resolves.toEqual({ items: [] });
  });

  it('throws an ApiError carrying the status, code, message and issues of an error answer', async () => {
    const issues = [issue('[1]', 'not_object', 'each order must be a JSON object')];
    stubFetch(
      new Response(
        JSON.stringify({
          error: { code: 'invalid_body', message: 'the body is not an order or an array of orders', issues },
        }),
        { status: 400 },
      ),
    );
    const error = await rejection(
      answer(
        api.POST('/v1/partners/{partnerId}/orders', {
          params: { path: { partnerId: 'a' } },
          body: [{ orderId: 'A-1' }, 7] as never,
        }),
      ),
    );
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      name: 'ApiError',
      status: 400,
      code: 'invalid_body',
      message: 'the body is not an order or an array of orders',
      issues,
    });
  });

  it('names the status when an error answer is not the API’s JSON', async () => {
    stubFetch(new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }));
    const error = await rejection(answer(api.GET('/v1/stats')));
    expect(error).toMatchObject({
      status: 502,
      code: 'http_502',
      message: 'The API answered 502 Bad Gateway.',
    });
  });

  it('reports an unreachable API as status 0', async () => {
    stubFetch(new TypeError('fetch failed'));
    const error = await rejection(answer(api.GET('/v1/stats')));
    expect(error).toMatchObject({ status: 0, code: 'network' });
    expect(error.message).toContain('Could not reach the API');
  });
});
