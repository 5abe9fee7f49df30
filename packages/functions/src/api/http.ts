import { isTransient } from '@orders/core/storage/retry';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { logger } from '../observability';
import type { JwtAuthorizerContext } from './token';

/**
 * An API Gateway HTTP API event (payload format 2.0), as Lambda hands it to the API handlers; on the routes
 * it guards, API Gateway's JWT authorizer (and the local server) fills `requestContext.authorizer.jwt`.
 */
export type HttpEvent = APIGatewayProxyEventV2 & {
  requestContext: { authorizer?: { jwt: JwtAuthorizerContext } };
};

/** What the API handlers answer: API Gateway's result, every field given. */
export type HttpResponse = APIGatewayProxyStructuredResultV2 & {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
};

export interface ErrorIssue {
  path: string;
  code: string;
  message: string;
}

/** A 4xx answer with the API's error body; thrown inside handlers, turned into a response at the edge. */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly issues?: ErrorIssue[],
    /** Further fields of the error body, e.g. the submissions a 503 left pending. */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export function json(statusCode: number, body: unknown): HttpResponse {
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
    body: JSON.stringify(body),
  };
}

export function errorResponse(error: HttpError): HttpResponse {
  return json(error.statusCode, {
    error: {
      code: error.code,
      message: error.message,
      ...(error.issues ? { issues: error.issues } : {}),
      ...error.details,
    },
  });
}

/**
 * Runs a handler and makes sure bad input never becomes a 500: `HttpError`s become their answers and
 * anything else a generic 500 that leaks no internals (the full error goes to the log).
 */
export async function respond(
  event: HttpEvent,
  handle: (event: HttpEvent) => Promise<HttpResponse>,
): Promise<HttpResponse> {
  logger.appendKeys({ requestId: event.requestContext.requestId, route: event.routeKey });
  try {
    const response = await handle(event);
    logger.info('request answered', { statusCode: response.statusCode });
    return response;
  } catch (error) {
    if (error instanceof HttpError) {
      logger.info('request refused', { statusCode: error.statusCode, code: error.code });
      return errorResponse(error);
    }
    if (isTransient(error)) {
      logger.warn('storage unavailable', { error });
      const answer = errorResponse(
        new HttpError(503, 'storage_unavailable', 'storage did not answer; try again in a moment'),
      );
      return { ...answer, headers: { ...answer.headers, 'retry-after': '1' } };
    }
    logger.error('request failed', { error });
    return errorResponse(new HttpError(500, 'internal', 'something went wrong; the request can be retried'));
  } finally {
    logger.resetKeys();
  }
}

/** The body as text, decoding base64 when API Gateway encoded it. */
export function bodyText(event: HttpEvent): string {
  const body = event.body ?? '';
  return event.isBase64Encoded ? Buffer.from(body, 'base64').toString('utf8') : body;
}

/** A header by name, whatever its case. */
export function header(event: HttpEvent, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(event.headers)) if (key.toLowerCase() === wanted) return value;
  return undefined;
}
