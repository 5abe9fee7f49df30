import * as Http from '@orders/core/contract/http';
import { listOrderErrors } from '@orders/core/error/error';
import { getOrder, listOrders } from '@orders/core/order/query';
import { formatInstant, parseZonedIsoDateTime } from '@orders/core/order/time';
import { listPartners } from '@orders/core/partner/registry';
import { type PartnerStats, readPartnerStats } from '@orders/core/stats/stats';
import { isTransient } from '@orders/core/storage/retry';
import type { Store } from '@orders/core/storage/store';
import { getSubmission } from '@orders/core/submission/submission';
import * as v from 'valibot';
import { awsCursorKey } from '../aws/cursor-key';
import { awsExecutions } from '../aws/executions';
import { awsPartnerKeys } from '../aws/partner-keys';
import { awsPartners } from '../aws/partners';
import { awsStore } from '../aws/store';
import { awsTokenVerifier } from '../aws/token-verifier';
import { ExecutionHistoryUnavailableError, type ExecutionSource } from '../executions/source';
import { lazy } from '../lazy';
import { instrument, type LambdaHandler } from '../observability';
import { type AccessDependencies, admit, pathPartner } from './auth';
import { decodeCursor, encodeCursor } from './cursor';
import { HttpError, type HttpEvent, type HttpResponse, json, respond } from './http';
import { openApiDocument } from './openapi';
import type { RouteKey } from './routes';

export interface QueryDependencies extends AccessDependencies {
  store: Store;
  /** Signs the listings' cursors. */
  cursorKey: string;
  executions: ExecutionSource;
}

type RouteHandler = (event: HttpEvent, deps: QueryDependencies) => Promise<HttpResponse>;

const handlers: Partial<Record<RouteKey, RouteHandler>> = {
  'GET /v1/partners/{partnerId}/submissions/{submissionId}': async (event, { store }) => {
    const partner = pathPartner(event);
    const submission = await getSubmission(store, partner.id, event.pathParameters?.submissionId ?? '');
    if (submission === null) throw new HttpError(404, 'not_found', 'no such submission');
    const { submissionId, status, sequenceNumber, issues, executionId, receivedAt, externalOrderId } =
      submission;
    return json(200, {
      submissionId,
      status,
      sequenceNumber,
      issues,
      executionId,
      receivedAt,
      externalOrderId,
    } satisfies Http.SubmissionStatus);
  },
  'GET /v1/partners/{partnerId}/orders': async (event, { store, cursorKey }) => {
    const partner = pathPartner(event);
    const range = timeRange(event);
    const scope = `orders:${partner.id}:${range.from ?? ''}:${range.to ?? ''}`;
    const cursor = decodeCursor(cursorKey, scope, event.queryStringParameters?.cursor);
    const page = await guardCursor(cursor, () =>
      listOrders(store, partner.id, { ...range, limit: limitOf(event), cursor }),
    );
    const body: Http.OrderPage = {
      items: page.items,
      nextCursor: encodeCursor(cursorKey, scope, page.nextCursor),
    };
    return json(200, body);
  },
  'GET /v1/partners/{partnerId}/orders/{sequenceNumber}': async (event, { store }) => {
    const partner = pathPartner(event);
    const parsed = v.safeParse(Http.SequenceNumberParameter, event.pathParameters?.sequenceNumber ?? '');
    if (!parsed.success) {
      throw new HttpError(400, 'invalid_sequence_number', 'the sequence number must be a positive integer');
    }
    const sequenceNumber = parsed.output;
    const order: Http.Order | null = await getOrder(store, partner.id, sequenceNumber);
    if (order === null)
      throw new HttpError(404, 'not_found', `partner ${partner.id} has no order ${sequenceNumber}`);
    return json(200, order);
  },
  'GET /v1/partners/{partnerId}/errors': async (event, { store, cursorKey }) => {
    const partner = pathPartner(event);
    const range = timeRange(event);
    const scope = `errors:${partner.id}:${range.from ?? ''}:${range.to ?? ''}`;
    const cursor = decodeCursor(cursorKey, scope, event.queryStringParameters?.cursor);
    const page = await guardCursor(cursor, () =>
      listOrderErrors(store, partner.id, { ...range, limit: limitOf(event), cursor }),
    );
    const body: Http.OrderErrorPage = {
      items: page.items,
      nextCursor: encodeCursor(cursorKey, scope, page.nextCursor),
    };
    return json(200, body);
  },
  'GET /v1/partners': async (_event, { store }) => {
    const stats = await readPartnerStats(store);
    const items = listPartners().map((partner) => {
      const { partnerId: _, ...counts } =
        stats.find((s) => s.partnerId === partner.id) ?? emptyStats(partner.id);
      return { ...partner, ...counts };
    });
    return json(200, { items } satisfies Http.PartnerList);
  },
  'GET /v1/stats': async (_event, { store }) =>
    json(200, {
      partners: await readPartnerStats(store),
      generatedAt: new Date().toISOString(),
    } satisfies Http.Stats),
  'GET /v1/executions': async (event, { executions }) =>
    json(200, {
      items: await withHistory(() => executions.list(limitOf(event))),
    } satisfies Http.ExecutionList),
  'GET /v1/executions/{executionId}': async (event, { executions }) => {
    const execution: Http.ExecutionDetail | undefined = await withHistory(() =>
      executions.get(event.pathParameters?.executionId ?? ''),
    );
    if (execution === undefined) throw new HttpError(404, 'not_found', 'no such execution');
    return json(200, execution);
  },
  'GET /v1/openapi.json': async () => json(200, openApiDocument()),
};

/**
 * Every GET route: a partner's submissions, orders and errors, the partners, stats, executions, and this
 * API's description.
 */
export function createQueryHandler(deps: QueryDependencies): LambdaHandler<HttpEvent, HttpResponse> {
  return instrument('Query', (event: HttpEvent) =>
    respond(event, async () => {
      await admit(event, deps);
      const handler = handlers[event.routeKey as RouteKey];
      if (handler === undefined) throw new HttpError(404, 'not_found', `no route ${event.routeKey}`);
      return handler(event, deps);
    }),
  );
}

// Express stages keep no history: that is a 501 with an explanation, not a failure.
async function withHistory<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof ExecutionHistoryUnavailableError)
      throw new HttpError(501, 'history_unavailable', error.message);
    throw error;
  }
}

function emptyStats(partnerId: string): PartnerStats {
  return { partnerId, accepted: 0, rejected: 0, duplicates: 0, lastSequenceNumber: 0 };
}

/** `limit` from the query string: 1 to 100, 50 when absent. */
function limitOf(event: HttpEvent): number {
  const text = event.queryStringParameters?.limit;
  if (text === undefined) return Http.defaultPageLimit;
  const parsed = v.safeParse(Http.PageLimitParameter, text);
  if (!parsed.success) {
    throw new HttpError(400, 'invalid_limit', 'limit must be a whole number from 1 to 100');
  }
  return parsed.output;
}

/**
 * `from`/`to` from the query string as UTC ISO strings. Each must be a real instant with a zone (no 30
 * February, no hour 24, an offset within ±23:59), read as the instant its offset names; malformed or
 * reversed bounds are a 400.
 */
function timeRange(event: HttpEvent): { from?: string; to?: string } {
  const parse = (name: 'from' | 'to'): string | undefined => {
    const text = event.queryStringParameters?.[name];
    if (text === undefined || text === '') return undefined;
    const ms = parseZonedIsoDateTime(text);
    if (ms === undefined) {
      throw new HttpError(
        400,
        'invalid_time',
        `${name} must be a real ISO 8601 instant with a zone, e.g. 2024-05-01T12:00:00Z`,
      );
    }
    return formatInstant(ms);
  };
  const from = parse('from');
  const to = parse('to');
  if (from !== undefined && to !== undefined && from > to) {
    throw new HttpError(400, 'invalid_time_range', 'from must not be after to');
  }
  return { ...(from === undefined ? {} : { from }), ...(to === undefined ? {} : { to }) };
}

// A cursor that decodes but that storage cannot use (tampered or stale) is the caller's mistake, not ours.
async function guardCursor<T>(cursor: string | null, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    // A signed cursor was ours; an outage while following it is the platform's, answered 503 by `respond`.
    if (cursor !== null && isCursorError(error) && !isTransient(error)) {
      throw new HttpError(
        400,
        'invalid_cursor',
        'cursor is not one this listing issued; start again without it',
      );
    }
    throw error;
  }
}

function isCursorError(error: unknown): boolean {
  for (let current = error; current instanceof Error; current = current.cause) {
    if (current.name === 'ValidationException' || current.name === 'ElectroError') return true;
  }
  return false;
}

export const handler = lazy(async () =>
  createQueryHandler({
    store: awsStore(),
    executions: awsExecutions(),
    keys: await awsPartnerKeys(),
    tokens: awsTokenVerifier(),
    partners: awsPartners(),
    cursorKey: await awsCursorKey(),
  }),
);
