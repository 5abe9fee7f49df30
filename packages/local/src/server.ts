import { createReadStream, existsSync, statSync } from 'node:fs';
import {
  createServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
  STATUS_CODES,
} from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import type { Duplex } from 'node:stream';
import { Access } from '@orders/core';
import {
  type HttpEvent,
  type HttpResponse,
  hasJwtAuthorizer,
  type JwtAuthorizerContext,
  matchRoute,
  maxBodyBytes,
  type TokenVerifier,
  toHttpEvent as toFunctionsHttpEvent,
} from '@orders/functions';
import { authPath } from './auth/issuer';
import type { ApiRequest, ApiResponse } from './eventbridge-api';
import { createRateLimiter } from './rate-limit';

export type ApiHandler = (event: HttpEvent) => Promise<HttpResponse>;

export interface LocalServerOptions {
  handlers: { feed: ApiHandler; query: ApiHandler; operate: ApiHandler };
  /** The built web app; requests outside /v1 are served from here, unknown paths get index.html. */
  webRoot?: string;
  /** The local OpenID Connect issuer, served under /auth; read per request, as it starts once the port is known. */
  auth?: {
    handle(request: IncomingMessage, response: ServerResponse): Promise<void>;
    verify: TokenVerifier;
  };
  /** Per-key request budget; the stack's WAF rule uses the same numbers. */
  rateLimit?: { limit: number; evaluationWindowSeconds: number };
  /** EventBridge's PutEvents for partners' own SDK code, served at `/eventbridge` (`createEventBridgeApi`). */
  eventBridge?: (request: ApiRequest) => Promise<ApiResponse>;
}

/** Where the local PutEvents API answers: a partner's `EventBridgeClient` takes it as its `endpoint`. */
export const eventBridgePath = '/eventbridge';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/**
 * The HTTP API and the web app on one port. API requests become API Gateway HTTP API (v2) events for the
 * very handlers deployed behind API Gateway.
 */
export function createLocalServer(options: LocalServerOptions): Server {
  const limiter = createRateLimiter(options.rateLimit ?? Access.partnerRateLimit);
  const server = createServer((request, response) => {
    handle(request, response, options, limiter).catch((error: unknown) => {
      console.error('local server error', error);
      if (!response.headersSent) send(response, { statusCode: 500, headers: {}, body: '' });
      else response.destroy();
    });
  });
  server.on('clientError', answerClientError);
  // An idle keep-alive connection is closed after a minute, not Node's 5 s: a client that picks an idle
  // connection just as the server closes it sees ECONNRESET on a POST it cannot safely repeat, and a busy
  // event loop (clients and server in one process, as in the burst test) makes that race likely at 5 s.
  server.keepAliveTimeout = 60_000;
  return server;
}

// Node answers a request it cannot parse (headers over its 16 KB limit, broken HTTP) with a bare status
// line; the API answers with its JSON error body there too.
function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const answer =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? jsonError(431, 'headers_too_large', 'the request line and headers together are over 16 KB')
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? jsonError(408, 'request_timeout', 'the request was not received in time')
        : jsonError(400, 'bad_request', 'the request is not valid HTTP/1.1');
  const head = [
    `HTTP/1.1 ${answer.statusCode} ${STATUS_CODES[answer.statusCode]}`,
    ...Object.entries(answer.headers).map(([name, value]) => `${name}: ${value}`),
    `content-length: ${Buffer.byteLength(answer.body)}`,
    'connection: close',
  ];
  socket.end(`${head.join('\r\n')}\r\n\r\n${answer.body}`);
}

async function handle(
  request: IncomingMessage,
  response: ServerResponse,
  options: LocalServerOptions,
  limiter: ReturnType<typeof createRateLimiter>,
): Promise<void> {
  if (!isLocalHost(request)) {
    send(response, jsonError(421, 'wrong_host', 'this server answers only to localhost'));
    request.resume();
    return;
  }
  const url = new URL(request.url ?? '/', 'http://localhost');
  const method = request.method ?? 'GET';
  const key = request.headers['x-api-key'];
  const wait = typeof key === 'string' && key !== '' ? limiter.take(key) : undefined;
  if (wait !== undefined && url.pathname.startsWith('/v1/')) {
    const answer = jsonError(
      429,
      'too_many_requests',
      `this API key is over its request limit; retry in ${wait} s`,
    );
    send(response, { ...answer, headers: { ...answer.headers, 'retry-after': String(wait) } });
    request.resume();
    return;
  }
  if (url.pathname === '/v1' || url.pathname.startsWith('/v1/')) {
    const match = matchRoute(method, url.pathname);
    const body = await readBody(request);
    if (match === undefined) {
      send(response, jsonError(404, 'not_found', `no route ${method} ${url.pathname}`));
      return;
    }
    const event = toHttpEvent(request, url, match.routeKey, match.pathParameters, body);
    if (hasJwtAuthorizer(match.route) && request.headers.authorization !== undefined) {
      const jwt = await authorizeJwt(request.headers.authorization, options.auth?.verify);
      if (jwt === undefined) {
        send(response, unauthorized);
        return;
      }
      event.requestContext.authorizer = { jwt };
    }
    send(response, await invokeHandler(options.handlers[match.route.handler], event));
    return;
  }
  if (
    options.eventBridge !== undefined &&
    (url.pathname === eventBridgePath || url.pathname === `${eventBridgePath}/`)
  ) {
    const body = await readRawBody(request);
    if (body === undefined) {
      send(response, awsJsonError(413, 'RequestEntityTooLargeException', 'The request is too large.'));
      return;
    }
    const answer = await options.eventBridge({
      method,
      url: request.url ?? '/',
      headers: request.headers,
      body,
    });
    send(response, { statusCode: answer.status, headers: answer.headers, body: answer.body });
    return;
  }
  if (options.auth !== undefined && (url.pathname === authPath || url.pathname.startsWith(`${authPath}/`))) {
    await options.auth.handle(request, response);
    return;
  }
  if ((method === 'GET' || method === 'HEAD') && options.webRoot !== undefined) {
    serveStatic(response, options.webRoot, url.pathname);
    return;
  }
  send(response, jsonError(404, 'not_found', `nothing at ${url.pathname}`));
}

// A function that throws instead of answering: API Gateway answers 502 with its own generic body, and the
// error stays in the function's log (https://docs.aws.amazon.com/lambda/latest/dg/services-apigateway-errors.html).
async function invokeHandler(handler: ApiHandler, event: HttpEvent): Promise<HttpResponse> {
  try {
    return await handler(event);
  } catch (error) {
    console.error('function error', error);
    return {
      statusCode: 502,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ message: 'Internal server error' }),
    };
  }
}

// A page elsewhere can point a name it controls at 127.0.0.1 (DNS rebinding); its requests then carry that
// name in Host, which is refused here, so only pages served from localhost itself reach the API.
const localNames = new Set(['localhost', '127.0.0.1', '[::1]']);

function isLocalHost(request: IncomingMessage): boolean {
  const host = request.headers.host ?? '';
  const at = host.lastIndexOf(':');
  const name = at > host.lastIndexOf(']') ? host.slice(0, at) : host;
  const port = at > host.lastIndexOf(']') ? host.slice(at + 1) : '80';
  return localNames.has(name.toLowerCase()) && port === String(request.socket.localPort);
}

// API Gateway's JWT authorizer answers a token it cannot verify itself, before any handler, with this.
const unauthorized: HttpResponse = {
  statusCode: 401,
  headers: { 'content-type': 'application/json', 'www-authenticate': 'Bearer' },
  body: JSON.stringify({ message: 'Unauthorized' }),
};

/**
 * What API Gateway's JWT authorizer does on the routes it guards: a bearer token is verified and its claims
 * handed to the handler. A request without an Authorization header goes on to the handler, which refuses it
 * by the access table (on AWS the authorizer refuses it first, with 401).
 */
async function authorizeJwt(
  authorization: string,
  verify: TokenVerifier | undefined,
): Promise<JwtAuthorizerContext | undefined> {
  const match = /^Bearer (\S+)$/i.exec(authorization);
  if (match?.[1] === undefined || verify === undefined) return undefined;
  return verify(match[1]);
}

// Reads at most one byte past the API's limit: enough for the handler to answer 413, never more in memory.
async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    if (size > maxBodyBytes) continue;
    chunks.push(chunk);
    size += chunk.length;
  }
  return Buffer.concat(chunks)
    .subarray(0, maxBodyBytes + 1)
    .toString('utf8');
}

// A PutEvents request holds at most 256 KB of entries (the bus refuses more, whole); the signature covers the
// exact bytes, so they are kept as received. Past the API's own 1 MB nothing more is read into memory.
async function readRawBody(request: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= maxBodyBytes) chunks.push(chunk);
  }
  return size > maxBodyBytes ? undefined : Buffer.concat(chunks);
}

function awsJsonError(statusCode: number, type: string, message: string): HttpResponse {
  return {
    statusCode,
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-errortype': type },
    body: JSON.stringify({ __type: type, message }),
  };
}

function toHttpEvent(
  request: IncomingMessage,
  url: URL,
  routeKey: string,
  pathParameters: Record<string, string>,
  body: string,
): HttpEvent {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
  }
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams)
    query[name] = query[name] === undefined ? value : `${query[name]},${value}`;
  return toFunctionsHttpEvent({
    method: request.method ?? 'GET',
    routeKey,
    path: url.pathname,
    rawQueryString: url.search.slice(1),
    headers,
    ...(Object.keys(query).length > 0 ? { queryStringParameters: query } : {}),
    ...(Object.keys(pathParameters).length > 0 ? { pathParameters } : {}),
    ...(body === '' ? {} : { body }),
    sourceIp: request.socket.remoteAddress ?? '',
  });
}

function serveStatic(response: ServerResponse, webRoot: string, pathname: string): void {
  const root = normalize(webRoot);
  const decoded = decodePath(pathname);
  const requested = decoded === undefined ? root : normalize(join(root, decoded));
  const inside = requested === root || requested.startsWith(root + sep);
  const found = inside && existsSync(requested) && statSync(requested).isFile();
  // A missing asset (a name with an extension) is a 404; any other path is one of the app's own pages.
  if (!found && decoded !== undefined && extname(decoded) !== '') {
    send(response, {
      statusCode: 404,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
      body: 'Not found',
    });
    return;
  }
  const file = found ? requested : join(root, 'index.html');
  if (!existsSync(file)) {
    send(response, {
      statusCode: 404,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
      body: 'The web app is not built: run `pnpm --filter @orders/web build` (pnpm start does it for you).',
    });
    return;
  }
  const stream = createReadStream(file);
  // A file that vanishes between the check and the read is a 404 too, never an unhandled error.
  stream.once('error', () => {
    if (response.headersSent) response.destroy();
    else
      send(response, {
        statusCode: 404,
        headers: { 'content-type': 'text/plain; charset=utf-8' },
        body: 'Not found',
      });
  });
  stream.once('open', () => {
    response.writeHead(200, {
      'content-type': contentTypes[extname(file)] ?? 'application/octet-stream',
      'cache-control': file.endsWith('index.html') ? 'no-cache' : 'public, max-age=3600',
    });
    stream.pipe(response);
  });
}

// Malformed percent-encoding names no file: the app's index.html answers, as for any unknown path.
function decodePath(pathname: string): string | undefined {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
}

function jsonError(statusCode: number, code: string, message: string): HttpResponse {
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify({ error: { code, message } }),
  };
}

function send(response: ServerResponse, result: HttpResponse): void {
  response.writeHead(result.statusCode, result.headers);
  response.end(result.body);
}
