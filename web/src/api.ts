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

export type QueryParams = Record<string, string | number | null | undefined>;

/** Builds a path whose interpolated values are URL-encoded, so an id can never add a segment. */
export function apiPath(strings: TemplateStringsArray, ...values: (string | number)[]): string {
  return strings.reduce(
    (path, part, index) =>
      path + part + (index < values.length ? encodeURIComponent(values[index] ?? '') : ''),
    '',
  );
}

export function apiUrl(path: string, params: QueryParams = {}): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const query = search.toString();
  return `${config.apiUrl}${path}${query === '' ? '' : `?${query}`}`;
}

interface RequestOptions {
  params?: QueryParams;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
}

export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const { params, method = 'GET', headers = {}, body, signal } = options;
  // Operators' reads carry their token; a partner's submission carries its key instead, never both.
  const session = currentSession();
  const bearer: Record<string, string> =
    session !== undefined && headers['x-api-key'] === undefined
      ? { authorization: `Bearer ${session.accessToken}` }
      : {};
  let response: Response;
  try {
    response = await fetch(apiUrl(path, params), {
      method,
      headers: {
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...bearer,
        ...headers,
      },
      ...(body === undefined ? {} : { body }),
      ...(signal === undefined ? {} : { signal }),
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'network', 'Could not reach the API. Is it running?', [], { cause: error });
  }
  const payload = await readJson(response);
  // A refused token (expired, revoked) signs the operator out: the app then shows the sign-in page.
  if (response.status === 401 && bearer.authorization !== undefined) saveSession(undefined);
  if (!response.ok) throw toApiError(response, payload);
  return payload as T;
}

export function apiGet<T>(path: string, params?: QueryParams, signal?: AbortSignal): Promise<T> {
  return request<T>(path, { ...(params ? { params } : {}), ...(signal ? { signal } : {}) });
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
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
