import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './api-schema';
import { currentSession, saveSession } from './auth';
import { config } from './config';
import type { Issue } from './types';

/** A failed API call: the HTTP status (0 when the API could not be reached) and the API's error code. */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: Issue[] = [],
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

// Operators' reads carry their token; a partner's submission carries its key instead, never both. A refused
// token (expired, revoked) signs the operator out: the app then shows the sign-in page.
const operatorToken: Middleware = {
  onRequest({ request }) {
    const session = currentSession();
    if (session !== undefined && !request.headers.has('x-api-key'))
      request.headers.set('authorization', `Bearer ${session.accessToken}`);
    return request;
  },
  onResponse({ request, response }) {
    if (response.status === 401 && request.headers.has('authorization')) saveSession(undefined);
    return response;
  },
};

/**
 * The typed client of the HTTP API, from the types `pnpm api:types` generates out of the published OpenAPI
 * description. `fetch` is looked up per call, so tests can stub it.
 */
export const api = createClient<paths>({
  baseUrl: config.apiUrl,
  headers: { accept: 'application/json' },
  fetch: (request) => globalThis.fetch(request),
});
api.use(operatorToken);

/** A client call's answer: its data when the API said yes, else an {@link ApiError}. */
export async function answer<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<NonNullable<T>> {
  let result: Awaited<typeof call>;
  try {
    result = await call;
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'network', 'Could not reach the API. Is it running?', [], { cause: error });
  }
  const { data, error, response } = result;
  if (!response.ok) throw toApiError(response, error);
  return data as NonNullable<T>;
}

/** Query parameters with the empty ones left out, so a cleared filter is no filter. */
export function presentParams<T extends Record<string, string | number | null | undefined>>(params: T) {
  return Object.fromEntries(
    Object.entries(params).filter(([, value]) => value !== undefined && value !== null && value !== ''),
  ) as { [K in keyof T]?: Exclude<T[K], null> };
}

function toApiError(response: Response, payload: unknown): ApiError {
  const error = isRecord(payload) && isRecord(payload.error) ? payload.error : undefined;
  const code = typeof error?.code === 'string' ? error.code : `http_${response.status}`;
  const message =
    typeof error?.message === 'string' && error.message !== ''
      ? error.message
      : `The API answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}.`;
  const issues = Array.isArray(error?.issues) ? (error.issues as Issue[]) : [];
  return new ApiError(response.status, code, message, issues);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
