import { callerKinds, needsJwtAuthorizer, outcomes, type RouteAccess } from '@orders/core/access/rules';
import * as Http from '@orders/core/contract/http';
import { type JsonSchema, toJsonSchemaOf, toJsonSchemas } from '@orders/core/contract/json-schema';
import { archive } from '@orders/core/events/rules';
import { createOrderSchema } from '@orders/core/order/formats';
import { Issue } from '@orders/core/order/issue';
import { listPartners } from '@orders/core/partner/registry';
import { maxOrderBytes } from '@orders/core/storage/payload';
import type * as v from 'valibot';
import { maxBodyBytes, maxOrderDepth, maxOrdersPerRequest } from './body-limits';
import { accessOf, type Route, type RouteKey, routes } from './routes';

// The OpenAPI 3.1 description of the HTTP API, served at GET /v1/openapi.json and published as
// docs/openapi.json. Paths come from the route table, security from the access table, bodies from the
// valibot schemas the handlers answer with (`@orders/core/contract/http`) and the partner formats' own
// schemas, so none of it is written twice.

type SchemaName = keyof typeof responseSchemas;
type ParameterName = keyof ReturnType<typeof parameters>;
type ErrorStatus = 400 | 404 | 409 | 413 | 501 | 503;

interface Operation {
  operationId: string;
  summary: string;
  description: string;
  tag: 'partners' | 'operators' | 'contract';
  parameters?: ParameterName[];
  requestBody?: object;
  success: { status: 200 | 202; description: string; schema?: SchemaName };
  /** A second success answer, e.g. 200 where an action had nothing to do. */
  alsoSuccess?: { status: 200; description: string; schema: SchemaName };
  /** The refusals this route gives beyond the access table's 401/403 and the rate limit's 429. */
  errors?: Partial<Record<ErrorStatus, string>>;
  /** 503 `storage_unavailable` when the table does not answer. */
  readsStorage?: boolean;
}

const responseSchemas = {
  SubmitResult: Http.SubmitResult,
  AcceptedSubmission: Http.AcceptedSubmission,
  SubmissionStatus: Http.SubmissionStatus,
  SubmissionPage: Http.SubmissionPage,
  SubmissionAttempt: Http.SubmissionAttempt,
  ReprocessResult: Http.ReprocessResult,
  ReplayRequest: Http.ReplayRequest,
  Replay: Http.Replay,
  Order: Http.Order,
  OrderPage: Http.OrderPage,
  OrderError: Http.OrderError,
  OrderErrorPage: Http.OrderErrorPage,
  PartnerSummary: Http.PartnerSummary,
  PartnerList: Http.PartnerList,
  PartnerStats: Http.PartnerStats,
  Stats: Http.Stats,
  TimeseriesPoint: Http.TimeseriesPoint,
  Timeseries: Http.Timeseries,
  ExecutionSummary: Http.ExecutionSummary,
  ExecutionList: Http.ExecutionList,
  ExecutionEvent: Http.ExecutionEvent,
  ExecutionDetail: Http.ExecutionDetail,
  ErrorBody: Http.ErrorBody,
  PublishFailedBody: Http.PublishFailedBody,
  PartiallyRecordedBody: Http.PartiallyRecordedBody,
  GatewayMessage: Http.GatewayMessage,
  Issue,
} satisfies Record<string, v.GenericSchema>;

// Built with the document, not at import: the query handler imports this module on every cold start.
const parameters = () =>
  ({
    partnerId: {
      name: 'partnerId',
      in: 'path',
      required: true,
      description: 'A registered partner’s id, e.g. `partner-a`.',
      schema: { type: 'string', minLength: 1 },
    },
    submissionId: {
      name: 'submissionId',
      in: 'path',
      required: true,
      description:
        'The id the feed answered for the order (for orders put on the bus directly, the event id).',
      schema: toJsonSchemaOf(Http.SubmissionIdParameter),
    },
    sequenceNumber: {
      name: 'sequenceNumber',
      in: 'path',
      required: true,
      description: 'The order’s number within its partner, from 1.',
      schema: toJsonSchemaOf(Http.SequenceNumberParameter),
    },
    executionId: {
      name: 'executionId',
      in: 'path',
      required: true,
      description: 'The execution’s ARN, percent-encoded as one path segment.',
      schema: { type: 'string', minLength: 1 },
    },
    replayName: {
      name: 'replayName',
      in: 'path',
      required: true,
      description: 'The name `POST /v1/replays` answered.',
      schema: toJsonSchemaOf(Http.ReplayNameParameter),
    },
    externalOrderId: {
      name: 'externalOrderId',
      in: 'query',
      required: false,
      description:
        'The partner’s own order id, matched exactly and with its case (`ORD-1` is not `ord-1`). Answers that one order, or no item; not combined with `from`, `to`, `limit` or `cursor`.',
      schema: toJsonSchemaOf(Http.ExternalOrderIdParameter),
    },
    status: {
      name: 'status',
      in: 'query',
      required: true,
      description:
        'Which submissions: those still `pending`, or those settled as `accepted`, `duplicate` or `rejected`.',
      schema: toJsonSchemaOf(Http.SubmissionStatusParameter),
    },
    category: {
      name: 'category',
      in: 'query',
      required: false,
      description: 'Only rejections of this category.',
      schema: toJsonSchemaOf(Http.ErrorCategoryParameter),
    },
    code: {
      name: 'code',
      in: 'query',
      required: false,
      description: 'Only rejections with an issue of this code.',
      schema: toJsonSchemaOf(Http.RejectionCodeParameter),
    },
    executionPartner: {
      name: 'partnerId',
      in: 'query',
      required: false,
      description: 'Only executions for this registered partner’s orders, e.g. `partner-a`.',
      schema: { type: 'string', minLength: 1 },
    },
    outcome: {
      name: 'outcome',
      in: 'query',
      required: false,
      description:
        'Only executions that ended so: the order `accepted`, a `duplicate` or `rejected`; the execution `failed`; or still `running`.',
      schema: toJsonSchemaOf(Http.ExecutionOutcomeParameter),
    },
    limit: {
      name: 'limit',
      in: 'query',
      required: false,
      description: 'How many items a page holds.',
      schema: {
        ...toJsonSchemaOf(Http.PageLimitParameter),
        default: Http.defaultPageLimit,
      },
    },
    cursor: {
      name: 'cursor',
      in: 'query',
      required: false,
      description:
        'The previous page’s `nextCursor`, as it was answered: signed and bound to this listing and its filters.',
      schema: { type: 'string' },
    },
    from: {
      name: 'from',
      in: 'query',
      required: false,
      description: 'Earliest instant (inclusive), ISO 8601 with a zone (`Z` or `±hh:mm`).',
      schema: { type: 'string', format: 'date-time' },
    },
    to: {
      name: 'to',
      in: 'query',
      required: false,
      description: 'Latest instant (inclusive), ISO 8601 with a zone; not before `from`.',
      schema: { type: 'string', format: 'date-time' },
    },
    seriesFrom: {
      name: 'from',
      in: 'query',
      required: false,
      description: `Start (inclusive), ISO 8601 with a zone; the bucket that holds it is the first answered. Left out: ${Http.defaultTrendSpanMs['1m'] / 3_600_000} hour before \`to\` for \`bucket=1m\`, ${Http.defaultTrendSpanMs['1h'] / 3_600_000} hours for \`bucket=1h\`.`,
      schema: { type: 'string', format: 'date-time' },
    },
    seriesTo: {
      name: 'to',
      in: 'query',
      required: false,
      description: `End (exclusive), ISO 8601 with a zone (now when left out), after \`from\`: at most ${Http.maxTrendRangeMs['1m'] / 3_600_000} hours later for \`bucket=1m\`, ${Http.maxTrendRangeMs['1h'] / 86_400_000} days for \`bucket=1h\`.`,
      schema: { type: 'string', format: 'date-time' },
    },
    bucket: {
      name: 'bucket',
      in: 'query',
      required: false,
      description: 'The size of each point: a minute or an hour.',
      schema: { ...toJsonSchemaOf(Http.TrendBucketParameter), default: '1m' },
    },
    seriesPartner: {
      name: 'partnerId',
      in: 'query',
      required: false,
      description: 'Only this registered partner’s points and pending count, e.g. `partner-a`.',
      schema: { type: 'string', minLength: 1 },
    },
  }) as const;

/** Each route's operation; the compiler asks for one per route of the table, and for nothing else. */
const operations: Record<RouteKey, Operation> = {
  'POST /v1/partners/{partnerId}/orders': {
    operationId: 'submitOrders',
    summary: 'Submit one order or up to 100',
    description: `The body is one order in the partner’s format, or an array of 1 to ${maxOrdersPerRequest}. Each order is recorded as \`pending\` and queued; the workflow validates, numbers and stores it, and its status tells the outcome. The partner is the key’s, never the body’s.`,
    tag: 'partners',
    parameters: ['partnerId'],
    requestBody: {
      required: true,
      description: `At most ${maxBodyBytes} bytes; each order at most ${maxOrderBytes} bytes of JSON (characters outside ASCII count 6 bytes each), nested at most ${maxOrderDepth} levels deep. Fields beyond the format’s are kept with the payload and otherwise ignored.`,
      content: {
        'application/json': {
          schema: {
            oneOf: [
              { $ref: ref('SubmittedOrder') },
              {
                type: 'array',
                items: { $ref: ref('SubmittedOrder') },
                minItems: 1,
                maxItems: maxOrdersPerRequest,
              },
            ],
          },
        },
      },
    },
    success: { status: 202, description: 'Every order recorded and queued.', schema: 'SubmitResult' },
    errors: {
      400: 'The body is not JSON, holds no order or more than 100, holds something that is not an object, or nests too deep.',
      413: `The body is over ${maxBodyBytes} bytes, or an order is over ${maxOrderBytes} bytes of JSON.`,
      503: 'Storage did not answer (`storage_unavailable`, nothing was recorded), or the orders were recorded but not all could be queued (`publish_failed`: all are listed in `submissions`; those in `notQueued` stay pending until recovery queues them, the others are being processed; poll their status), or some could not be recorded (`partially_recorded`: send the orders at the positions in `notRecorded` again, poll the recorded `submissions`).',
    },
  },
  'GET /v1/partners/{partnerId}/submissions/{submissionId}': {
    operationId: 'getSubmission',
    summary: 'Where a submission stands',
    description:
      '`pending` until the workflow settles it; then `accepted` (with its sequence number), `duplicate` (the same order again: the original’s number) or `rejected` (with its issues).',
    tag: 'partners',
    parameters: ['partnerId', 'submissionId'],
    success: { status: 200, description: 'The submission.', schema: 'SubmissionStatus' },
    errors: {
      400: 'The submission id is not a UUID.',
      404: 'No such partner, or no such submission.',
    },
    readsStorage: true,
  },
  'GET /v1/partners/{partnerId}/submissions': {
    operationId: 'listSubmissions',
    summary: 'A partner’s submissions in one status',
    description:
      'Newest first, by received time; `from`/`to` bound the received time. A submission moves from `pending` to its final status when the workflow settles it. Follow `nextCursor` until it is `null`.',
    tag: 'partners',
    parameters: ['partnerId', 'status', 'from', 'to', 'limit', 'cursor'],
    success: { status: 200, description: 'One page of submissions.', schema: 'SubmissionPage' },
    errors: {
      400: '`status` is missing or not one of the four, `from`/`to` is not an instant with a zone, `from` is after `to`, `limit` is out of range, or the cursor is not one this listing issued.',
      404: 'No such partner.',
    },
    readsStorage: true,
  },
  'POST /v1/partners/{partnerId}/submissions/{submissionId}/reprocess': {
    operationId: 'reprocessSubmission',
    summary: 'Run a rejected submission through the workflow again (admin)',
    description:
      'For a submission rejected by a rule since relaxed, or by a fault since fixed: it moves back to `pending`, its rejection kept in `history`, and its stored payload is queued again with its own id and time. The workflow settles it anew; accepted now, it takes the next number (never a second one) and its error item is marked `supersededBy`. An accepted, duplicate or pending submission is left exactly as it is.',
    tag: 'operators',
    parameters: ['partnerId', 'submissionId'],
    success: {
      status: 202,
      description: '`requeued`: it was rejected, and is now pending and queued; poll its status.',
      schema: 'ReprocessResult',
    },
    alsoSuccess: {
      status: 200,
      description:
        'Nothing to do, and nothing changed: `already_settled` (accepted or a duplicate, with its number) or `in_progress` (pending: the workflow has it).',
      schema: 'ReprocessResult',
    },
    errors: {
      400: 'The submission id is not a UUID.',
      404: 'No such partner, or no such submission.',
      409: 'The stored payload is not whole (`payload_unreadable`), so it cannot be processed again.',
      503: 'Storage did not answer (`storage_unavailable`, nothing changed), or the submission is pending again but could not be queued (`publish_failed`: recovery queues it).',
    },
  },
  'GET /v1/partners/{partnerId}/orders': {
    operationId: 'listOrders',
    summary: 'A partner’s accepted orders',
    description:
      'By sequence number, ascending; with `from` and/or `to`, by transaction time. Pages hold `limit` orders; follow `nextCursor` until it is `null`. With `externalOrderId`, the one order of that id (exactly, with its case) or no item; an id claimed by an order not yet numbered answers no item until it is (its submission says `pending`).',
    tag: 'partners',
    parameters: ['partnerId', 'externalOrderId', 'from', 'to', 'limit', 'cursor'],
    success: { status: 200, description: 'One page of orders.', schema: 'OrderPage' },
    errors: {
      400: '`from`/`to` is not an instant with a zone, `from` is after `to`, `limit` is out of range, the cursor is not one this listing issued, `externalOrderId` is empty or too long, or it is combined with another of the listing’s parameters (`conflicting_parameters`).',
      404: 'No such partner.',
    },
    readsStorage: true,
  },
  'GET /v1/partners/{partnerId}/orders/{sequenceNumber}': {
    operationId: 'getOrder',
    summary: 'One accepted order',
    description: 'The order with its amounts, times and the execution that stored it.',
    tag: 'partners',
    parameters: ['partnerId', 'sequenceNumber'],
    success: { status: 200, description: 'The order.', schema: 'Order' },
    errors: {
      400: 'The sequence number is not a positive integer.',
      404: 'No such partner, or no order with that number.',
    },
    readsStorage: true,
  },
  'GET /v1/partners/{partnerId}/errors': {
    operationId: 'listErrors',
    summary: 'A partner’s rejections',
    description:
      'Newest first, by received time, kept 30 days; `from`/`to` bound the received time, `category` and `code` keep the rejections of that category or with an issue of that code. A filtered page reads a bounded stretch of the range, so it may hold fewer than `limit` rejections, or none, and still have a `nextCursor`. Follow `nextCursor` until it is `null`.',
    tag: 'partners',
    parameters: ['partnerId', 'from', 'to', 'category', 'code', 'limit', 'cursor'],
    success: { status: 200, description: 'One page of rejections.', schema: 'OrderErrorPage' },
    errors: {
      400: '`from`/`to` is not an instant with a zone, `from` is after `to`, `category` or `code` is not one the API knows, `limit` is out of range, or the cursor is not one this listing issued.',
      404: 'No such partner.',
    },
    readsStorage: true,
  },
  'GET /v1/partners': {
    operationId: 'listPartners',
    summary: 'The registered partners with their counts',
    description: 'Every registered partner, its format, and its accepted, rejected and duplicate counts.',
    tag: 'operators',
    success: { status: 200, description: 'The partners.', schema: 'PartnerList' },
    readsStorage: true,
  },
  'GET /v1/stats': {
    operationId: 'getStats',
    summary: 'Counts per partner',
    description: 'Per partner: accepted, rejected, duplicates and the last sequence number given.',
    tag: 'operators',
    success: { status: 200, description: 'The counts.', schema: 'Stats' },
    readsStorage: true,
  },
  'GET /v1/stats/timeseries': {
    operationId: 'getTimeseries',
    summary: 'Counts and latency per partner per minute or hour',
    description:
      'Per partner and bucket: accepted, rejected and duplicate submissions settled in it, and p50/p95/p99 of the receipt-to-stored latency of its accepted orders (from a histogram whose reported values are within 9.1% of the samples; `null` without accepted orders). Every bucket is answered, zeros included. Minutes are kept 2 days, hours 30 days. Also the submissions pending now and the dead letters waiting now (`null` where the stage does not count them). The counters are written after each settlement on a best-effort basis: the per-partner totals of `/v1/stats` are the exact figures.',
    tag: 'operators',
    parameters: ['seriesFrom', 'seriesTo', 'bucket', 'seriesPartner'],
    success: { status: 200, description: 'The points.', schema: 'Timeseries' },
    errors: {
      400: '`from` or `to` is not an instant with a zone, `to` is not after `from` or too far from it, `bucket` is not `1m` or `1h` (`invalid_query`, one issue per parameter), or `partnerId` is not a registered partner (`invalid_partnerId`).',
    },
    readsStorage: true,
  },
  'GET /v1/executions': {
    operationId: 'listExecutions',
    summary: 'Recent workflow executions and what became of their orders',
    description:
      'Newest first: the local runtime’s log, or Step Functions on AWS. Each names its partner, submission and order, its outcome, the sequence number when the order has one, and its duration once stopped. `outcome` and `partnerId` keep those that match; on AWS a filtered listing looks through the 100 most recent executions (of the outcome’s status), so it may hold fewer than `limit`.',
    tag: 'operators',
    parameters: ['executionPartner', 'outcome', 'limit'],
    success: { status: 200, description: 'The executions.', schema: 'ExecutionList' },
    errors: {
      400: '`limit` is out of range, `outcome` is not one the API knows, or `partnerId` is not a registered partner.',
      501: 'This stage runs the workflow as Express, which keeps no execution history (`history_unavailable`).',
    },
  },
  'GET /v1/executions/{executionId}': {
    operationId: 'getExecution',
    summary: 'One execution and its event log',
    description: 'Its input, output or failure, and every state’s events, retries included.',
    tag: 'operators',
    parameters: ['executionId'],
    success: { status: 200, description: 'The execution.', schema: 'ExecutionDetail' },
    errors: {
      404: 'No such execution.',
      501: 'This stage runs the workflow as Express, which keeps no execution history (`history_unavailable`).',
    },
  },
  'POST /v1/replays': {
    operationId: 'startReplay',
    summary: 'Replay the event archive for a time range (admin)',
    description: `The archive keeps every order event for ${archive.retentionDays} days. Its submissions of [\`from\`, \`to\`) (one partner's, with \`partnerId\`) are delivered again to the workflow's rule, each with \`replay-name\` set (EventBridge's StartReplay on AWS, the local bus's archive locally). The workflow is idempotent per submission: accepted ones keep their numbers, and a rejected one that is valid now (a rule since relaxed) is accepted, its error item marked \`supersededBy\`. Follow the replay with \`GET /v1/replays/{replayName}\`.`,
    tag: 'operators',
    requestBody: {
      required: true,
      content: { 'application/json': { schema: { $ref: ref('ReplayRequest') } } },
    },
    success: { status: 202, description: 'The replay has started.', schema: 'Replay' },
    errors: {
      400: 'The body is not JSON or not a range, `from` is not before `to` or older than the archive keeps, or `partnerId` names no partner.',
      409: 'A replay of that name exists already (`replay_exists`).',
    },
  },
  'GET /v1/replays/{replayName}': {
    operationId: 'getReplay',
    summary: 'How far a replay has come',
    description:
      'Its state (`STARTING`, `RUNNING`, `COMPLETED`, …) and `lastReplayedAt`, the time of the last event it replayed: EventBridge replays a range minute by minute.',
    tag: 'operators',
    parameters: ['replayName'],
    success: { status: 200, description: 'The replay.', schema: 'Replay' },
    errors: { 400: 'The name is not a replay name.', 404: 'No replay of that name.' },
  },
  'GET /v1/openapi.json': {
    operationId: 'getOpenApiDescription',
    summary: 'This description',
    description: 'The OpenAPI 3.1 description of this API; no credentials needed.',
    tag: 'contract',
    success: { status: 200, description: 'The OpenAPI document.' },
  },
};

function ref(name: string): string {
  return `#/components/schemas/${name}`;
}

function jsonContent(schema: object) {
  return { 'application/json': { schema } };
}

const errorBody = { $ref: ref('ErrorBody') };

const retryAfter = {
  'Retry-After': { description: 'Seconds to wait before trying again.', schema: { type: 'integer' } },
};

/** The schemes that admit a caller to a route, from the access table's `allow` cells. */
function securityOf(access: RouteAccess): Record<string, string[]>[] {
  const allowed = callerKinds.filter((kind) => outcomes[access][kind] === 'allow');
  if (allowed.includes('none')) return [];
  return allowed.flatMap((kind): Record<string, string[]>[] => {
    if (kind === 'own-key') return [{ partnerKey: [] }];
    if (kind === 'operator' || kind === 'admin') return [{ operatorToken: [kind] }];
    return [];
  });
}

function responsesOf(route: Route, operation: Operation): Record<string, object> {
  const access = accessOf(route);
  const { success, errors = {} } = operation;
  const responses: Record<string, object> = {
    [success.status]: {
      description: success.description,
      content: jsonContent(success.schema === undefined ? { type: 'object' } : { $ref: ref(success.schema) }),
    },
  };
  if (operation.alsoSuccess !== undefined) {
    responses[operation.alsoSuccess.status] = {
      description: operation.alsoSuccess.description,
      content: jsonContent({ $ref: ref(operation.alsoSuccess.schema) }),
    };
  }
  const error = (description: string, schema: object = errorBody, headers?: object) => ({
    description,
    content: jsonContent(schema),
    ...(headers === undefined ? {} : { headers }),
  });
  if (errors[400] !== undefined) responses[400] = error(errors[400]);
  if (securityOf(access).length > 0) {
    responses[401] = needsJwtAuthorizer(access)
      ? error(
          'No credentials, or a key or token that is not valid, or both a key and a token. On AWS, API Gateway’s JWT authorizer answers this route’s 401 itself (`{ "message": "Unauthorized" }`).',
          { oneOf: [errorBody, { $ref: ref('GatewayMessage') }] },
        )
      : error('No credentials, or a key or token that is not valid, or both a key and a token.');
    responses[403] = error(
      access === 'partner-submit'
        ? 'Another partner’s key, or an operator token: orders are submitted with the partner’s own key.'
        : access === 'partner-read'
          ? 'Another partner’s key, or a token without the operator or admin role.'
          : 'A partner key, or a token without a role this route admits.',
    );
  }
  if (errors[404] !== undefined) responses[404] = error(errors[404]);
  if (errors[409] !== undefined) responses[409] = error(errors[409]);
  if (errors[413] !== undefined) responses[413] = error(errors[413]);
  responses[429] = {
    description:
      'Over the request budget: the API key’s (answered by the API locally, by the WAF rule on AWS, whose answer has no body) or the stage’s throttle (API Gateway’s `{ "message": "Too Many Requests" }`).',
    headers: retryAfter,
    content: jsonContent({ oneOf: [errorBody, { $ref: ref('GatewayMessage') }] }),
  };
  if (errors[501] !== undefined) responses[501] = error(errors[501]);
  if (errors[503] !== undefined) {
    responses[503] = error(
      errors[503],
      { oneOf: [errorBody, { $ref: ref('PublishFailedBody') }, { $ref: ref('PartiallyRecordedBody') }] },
      retryAfter,
    );
  } else if (operation.readsStorage) {
    responses[503] = error(
      'Storage did not answer (`storage_unavailable`); try again in a moment.',
      errorBody,
      retryAfter,
    );
  }
  return responses;
}

/** The order schema of each registered partner's format, named `<Partner>Order` (`partner-a` → `PartnerAOrder`). */
function formatSchemas(): Record<string, JsonSchema> {
  const now = new Date(0);
  const schemas = Object.fromEntries(
    listPartners().map((partner) => [
      `${pascalCase(partner.id)}Order`,
      createOrderSchema(partner.format, now),
    ]),
  );
  // The partner's own fields as sent (`input`). Left out: what JSON Schema cannot say (`check`: a real
  // calendar date, a storable number, the window around now; the workflow reports each as an issue), what
  // it needs no word for (`finite`: every JSON number is), and `trim` (ids are measured once trimmed).
  return toJsonSchemas(schemas, {
    refBase: ref(''),
    typeMode: 'input',
    ignoreActions: ['check', 'finite', 'trim'],
  });
}

function pascalCase(text: string): string {
  return text
    .split(/[^a-zA-Z0-9]+/)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
}

function buildDocument() {
  const formats = formatSchemas();
  const paths: Record<string, Record<string, object>> = {};
  for (const route of routes) {
    const operation = operations[`${route.method} ${route.path}` as RouteKey];
    const item = paths[route.path] ?? {};
    item[route.method.toLowerCase()] = {
      operationId: operation.operationId,
      summary: operation.summary,
      description: operation.description,
      tags: [operation.tag],
      security: securityOf(accessOf(route)),
      ...(operation.parameters === undefined
        ? {}
        : { parameters: operation.parameters.map((name) => ({ $ref: `#/components/parameters/${name}` })) }),
      ...(operation.requestBody === undefined ? {} : { requestBody: operation.requestBody }),
      responses: responsesOf(route, operation),
    };
    paths[route.path] = item;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Partner order ingestion API',
      version: '1.0.0',
      description:
        'Partners submit orders with their API key (`x-api-key`) and read their own submissions, orders and rejections; operators read everything with an OpenID Connect bearer token. Errors are `{ "error": { "code", "message", "issues"? } }`; the partner is always the key’s, never the body’s.',
    },
    tags: [
      { name: 'partners', description: 'A partner’s own orders: its key, or an operator’s token for reads.' },
      { name: 'operators', description: 'Across partners: operators’ tokens only.' },
      { name: 'contract', description: 'This description, open to anyone.' },
    ],
    paths,
    components: {
      schemas: {
        ...toJsonSchemas(responseSchemas, { refBase: ref('') }),
        SubmittedOrder: {
          description: 'An order in the format registered for the partner in the path.',
          anyOf: Object.keys(formats).map((name) => ({ $ref: ref(name) })),
        },
        ...formats,
      },
      parameters: parameters(),
      securitySchemes: {
        partnerKey: {
          type: 'apiKey',
          in: 'header',
          name: 'x-api-key',
          description: 'A partner’s API key: it acts for that partner only.',
        },
        operatorToken: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description:
            'An operator’s OpenID Connect access token (Cognito on AWS, the local issuer at `/auth` locally). Its roles come from `cognito:groups` or the scopes `orders/operator` and `orders/admin`.',
        },
      },
    },
  };
}

export type OpenApiDocument = ReturnType<typeof buildDocument>;

let document: OpenApiDocument | undefined;

/** The API's OpenAPI 3.1 description, built once per process from the route table and the schemas. */
export function openApiDocument(): OpenApiDocument {
  document ??= buildDocument();
  return document;
}
