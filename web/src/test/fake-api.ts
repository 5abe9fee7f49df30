import { vi } from 'vitest';
import type { SentIssue } from './fixtures';

/** One request the app made, as the fake API saw it. */
export interface ApiCall {
  method: string;
  url: URL;
  headers: Headers;
  body: string | undefined;
}

/** An answer with a chosen status; a handler returning anything else answers 200 with it as the body. */
export class Reply {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {}
}

type Handler = (call: ApiCall, params: Record<string, string>) => unknown;

export function reply(status: number, body: unknown): Reply {
  return new Reply(status, body);
}

export function apiError(status: number, code: string, message: string, issues?: SentIssue[]) {
  return reply(status, { error: { code, message, ...(issues ? { issues } : {}) } });
}

/**
 * Stubs `fetch` with a small fake of the HTTP API: routes such as `GET /v1/partners/:partnerId/orders`
 * map to handlers returning a body (200) or a {@link reply}. Unknown routes answer 404 like the API.
 */
export function fakeApi(routes: Record<string, Handler>) {
  const calls: ApiCall[] = [];
  const compiled = Object.entries(routes).map(([route, handler]) => {
    const [method, pattern = ''] = route.split(' ');
    const names: string[] = [];
    const source = pattern.replace(/:(\w+)/g, (_, name: string) => {
      names.push(name);
      return '([^/]+)';
    });
    return { method, regex: new RegExp(`^${source}$`), names, handler };
  });

  // The API client hands fetch a Request; anything else is read the way fetch would read it.
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const request =
      input instanceof Request ? input : new Request(new URL(String(input), 'http://localhost'), init);
    const text = await request.text();
    const call: ApiCall = {
      method: request.method.toUpperCase(),
      url: new URL(request.url),
      headers: request.headers,
      body: text === '' ? undefined : text,
    };
    const { url } = call;
    calls.push(call);
    for (const route of compiled) {
      const match = route.method === call.method ? route.regex.exec(url.pathname) : null;
      if (!match) continue;
      const params = Object.fromEntries(
        route.names.map((name, index) => [name, decodeURIComponent(match[index + 1] ?? '')]),
      );
      const result = await route.handler(call, params);
      const { status, body } = result instanceof Reply ? result : { status: 200, body: result };
      return json(status, body);
    }
    return json(404, {
      error: { code: 'not_found', message: `No route for ${call.method} ${url.pathname}` },
    });
  });
  vi.stubGlobal('fetch', fetch);

  return {
    calls,
    /** The requests made to one path, oldest first. */
    callsTo: (pathname: string) => calls.filter((call) => call.url.pathname === pathname),
  };
}

function json(status: number, body: unknown): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}
