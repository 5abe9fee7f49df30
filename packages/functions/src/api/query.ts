import * as Http from '@orders/core/contract/http';
import { listOrderErrors } from '@orders/core/error/error';
import { maxIdentifierLength } from '@orders/core/order/fields';
import { findOrderByExternalId, getOrder, listOrders } from '@orders/core/order/query';
import { getPartner, listPartners } from '@orders/core/partner/registry';
import { type PartnerStats, readPartnerStats } from '@orders/core/stats/stats';
import { readTrend } from '@orders/core/stats/trend';
import type { Store } from '@orders/core/storage/store';
import { countPending, listSubmissionsByStatus } from '@orders/core/submission/list';
import { getSubmission, type Submission } from '@orders/core/submission/submission';
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
import { choiceOf, guardCursor, limitOf, namedParameters, timeRange, timeseriesQueryOf } from './params';
import type { RouteKey } from './routes';
import { toSubmissionStatus } from './submission-status';

export interface QueryDependencies extends AccessDependencies {
  store: Store;
  /** Signs the listings' cursors. */
  cursorKey: string;
  executions: ExecutionSource;
  /** How many dead letters wait now; absent where the stage does not count them (then `null`). */
  deadLetters?: () => Promise<number>;
}

type RouteHandler = (event: HttpEvent, deps: QueryDependencies) => Promise<HttpResponse>;

const handlers: Partial<Record<RouteKey, RouteHandler>> = {
  'GET /v1/partners/{partnerId}/submissions/{submissionId}': async (event, { store }) => {
    const partner = pathPartner(event);
    const submission = await getSubmission(store, partner.id, event.pathParameters?.submissionId ?? '');
    if (submission === null) throw new HttpError(404, 'not_found', 'no such submission');
    return json(200, toSubmissionStatus(submission));
  },
  'GET /v1/partners/{partnerId}/submissions': async (event, { store, cursorKey }) => {
    const partner = pathPartner(event);
    const status = choiceOf(event, 'status', Http.SubmissionStatusParameter);
    if (status === undefined) {
      throw new HttpError(
        400,
        'missing_status',
        'status is required: pending, accepted, duplicate or rejected',
      );
    }
    const range = timeRange(event);
    const scope = `submissions:${partner.id}:${status}:${range.from ?? ''}:${range.to ?? ''}`;
    const cursor = decodeCursor(cursorKey, scope, event.queryStringParameters?.cursor);
    const page = await guardCursor(cursor, () =>
      listSubmissionsByStatus(store, partner.id, { status, ...range, limit: limitOf(event), cursor }),
    );
    const body: Http.SubmissionPage = {
      items: page.items.map(toSubmissionStatus),
      nextCursor: encodeCursor(cursorKey, scope, page.nextCursor),
    };
    return json(200, body);
  },
  'GET /v1/partners/{partnerId}/orders': async (event, { store, cursorKey }) => {
    const partner = pathPartner(event);
    const externalOrderId = event.queryStringParameters?.externalOrderId;
    if (externalOrderId !== undefined) return findByExternalId(event, store, partner.id, externalOrderId);
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
    const category = choiceOf(event, 'category', Http.ErrorCategoryParameter);
    const code = choiceOf(event, 'code', Http.RejectionCodeParameter);
    const filters = {
      ...(category === undefined ? {} : { category }),
      ...(code === undefined ? {} : { code }),
    };
    const scope = `errors:${partner.id}:${range.from ?? ''}:${range.to ?? ''}:${category ?? ''}:${code ?? ''}`;
    const cursor = decodeCursor(cursorKey, scope, event.queryStringParameters?.cursor);
    const page = await guardCursor(cursor, () =>
      listOrderErrors(store, partner.id, { ...range, ...filters, limit: limitOf(event), cursor }),
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
  'GET /v1/stats/timeseries': async (event, { store, deadLetters }) => {
    const query = timeseriesQueryOf(event);
    const one = registeredPartnerOf(event);
    const partnerIds = one === undefined ? listPartners().map((partner) => partner.id) : [one];
    const { from, to, bucket } = query;
    const [points, pending, deadLettersNow] = await Promise.all([
      readTrend(store, { from: new Date(from), to: new Date(to), bucket, partnerIds }),
      Promise.all(partnerIds.map((partnerId) => countPending(store, partnerId))),
      deadLetters === undefined ? null : deadLetters(),
    ]);
    return json(200, {
      bucket,
      from: points[0]?.start ?? new Date(from).toISOString(),
      to: new Date(to).toISOString(),
      points,
      pendingNow: pending.reduce((sum, count) => sum + count.count, 0),
      pendingNowCapped: pending.some((count) => count.capped),
      deadLettersNow,
      generatedAt: new Date().toISOString(),
    } satisfies Http.Timeseries);
  },
  'GET /v1/executions': async (event, { executions }) => {
    const outcome = choiceOf(event, 'outcome', Http.ExecutionOutcomeParameter);
    const partnerId = registeredPartnerOf(event);
    const query = {
      limit: limitOf(event),
      ...(outcome === undefined ? {} : { outcome }),
      ...(partnerId === undefined ? {} : { partnerId }),
    };
    return json(200, { items: await withHistory(() => executions.list(query)) } satisfies Http.ExecutionList);
  },
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

/**
 * The orders listing's exact lookup: zero or one order, in the listing's shape. It reads one claim and one
 * order, so the listing's other parameters mean nothing beside it and are refused rather than ignored.
 */
async function findByExternalId(
  event: HttpEvent,
  store: QueryDependencies['store'],
  partnerId: string,
  externalOrderId: string,
): Promise<HttpResponse> {
  const others = namedParameters(event, ['from', 'to', 'limit', 'cursor']);
  if (others.length > 0) {
    throw new HttpError(
      400,
      'conflicting_parameters',
      `externalOrderId finds one order and cannot be combined with ${others.join(', ')}`,
    );
  }
  const parsed = v.safeParse(Http.ExternalOrderIdParameter, externalOrderId);
  if (!parsed.success) {
    throw new HttpError(
      400,
      'invalid_external_order_id',
      `externalOrderId must be a non-empty id of at most ${maxIdentifierLength} characters`,
    );
  }
  const order: Http.Order | null = await findOrderByExternalId(store, partnerId, parsed.output);
  return json(200, { items: order === null ? [] : [order], nextCursor: null } satisfies Http.OrderPage);
}

// `partnerId` in a query string names a registered partner; any other value is a 400 that lists them.
function registeredPartnerOf(event: HttpEvent): string | undefined {
  const partnerId = event.queryStringParameters?.partnerId;
  if (partnerId === undefined || partnerId === '') return undefined;
  if (getPartner(partnerId) !== undefined) return partnerId;
  const known = listPartners().map((partner) => partner.id);
  throw new HttpError(
    400,
    'invalid_partnerId',
    `partnerId must be a registered partner: ${known.join(', ')}`,
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
