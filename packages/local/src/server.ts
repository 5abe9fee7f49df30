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
import { type HttpEvent, type HttpResponse, matchRoute, maxBodyBytes, toHttpEvent } from '@orders/functions';

export type ApiHandler = (event: HttpEvent) => Promise<HttpResponse>;

export interface LocalServerOptions {
  handlers: { feed: ApiHandler; query: ApiHandler };
  /** The built web app; requests outside /v1 are served from here, unknown paths get index.html. */
  webRoot?: string;
}

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
  const server = createServer((request, response) => {
    handle(request, response, options).catch((error: unknown) => {
      console.error('local server error', error);
      if (!response.headersSent) send(response, { statusCode: 500, headers: {}, body: '' });
      else response.destroy();
    });
  });
  server.on('clientError', answerClientError);
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
): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const method = request.method ?? 'GET';
  if (url.pathname === '/v1' || url.pathname.startsWith('/v1/')) {
    const match = matchRoute(method, url.pathname);
    const body = await readBody(request);
    if (match === undefined) {
      send(response, jsonError(404, 'not_found', `no route ${method} ${url.pathname}`));
      return;
    }
    const event = toLocalHttpEvent(request, url, match.routeKey, match.pathParameters, body);
    send(response, await options.handlers[match.route.handler](event));
    return;
  }
  if ((method === 'GET' || method === 'HEAD') && options.webRoot !== undefined) {
    serveStatic(response, options.webRoot, url.pathname);
    return;
  }
  send(response, jsonError(404, 'not_found', `nothing at ${url.pathname}`));
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

function toLocalHttpEvent(
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
  return toHttpEvent({
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
  const file =
    inside && existsSync(requested) && statSync(requested).isFile() ? requested : join(root, 'index.html');
  if (!existsSync(file)) {
    send(response, {
      statusCode: 404,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
      body: 'The web app is not built: run `pnpm --filter @orders/web build` (pnpm start does it for you).',
    });
    return;
  }
  response.writeHead(200, {
    'content-type': contentTypes[extname(file)] ?? 'application/octet-stream',
    'cache-control': file.endsWith('index.html') ? 'no-cache' : 'public, max-age=3600',
  });
  createReadStream(file).pipe(response);
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
