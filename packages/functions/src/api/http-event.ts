import { randomUUID } from 'node:crypto';
import type { HttpEvent } from './http';

export interface HttpRequest {
  method: string;
  routeKey: string;
  /** The path as requested, without the query string. */
  path: string;
  /** The query string without its `?`. */
  rawQueryString?: string;
  /** Header names in lower case, as API Gateway passes them. */
  headers?: Record<string, string>;
  queryStringParameters?: Record<string, string>;
  pathParameters?: Record<string, string>;
  body?: string;
  sourceIp?: string;
  now?: Date;
}

/**
 * The event API Gateway's HTTP API (payload format 2.0) sends for a request, for a server that runs the
 * API handlers itself (the local runtime) and for tests. Fields that name the deployment are local stand-ins.
 */
export function toHttpEvent(request: HttpRequest): HttpEvent {
  const now = request.now ?? new Date();
  const headers = request.headers ?? {};
  return {
    version: '2.0',
    routeKey: request.routeKey,
    rawPath: request.path,
    rawQueryString: request.rawQueryString ?? '',
    headers,
    ...(request.queryStringParameters === undefined
      ? {}
      : { queryStringParameters: request.queryStringParameters }),
    ...(request.pathParameters === undefined ? {} : { pathParameters: request.pathParameters }),
    ...(request.body === undefined ? {} : { body: request.body }),
    isBase64Encoded: false,
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'localhost',
      requestId: randomUUID(),
      routeKey: request.routeKey,
      stage: '$default',
      time: now.toISOString(),
      timeEpoch: now.getTime(),
      http: {
        method: request.method,
        path: request.path,
        protocol: 'HTTP/1.1',
        sourceIp: request.sourceIp ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
    },
  };
}
