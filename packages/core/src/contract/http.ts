import * as v from 'valibot';
import { errorCategories } from '../error/category';
import { replayNamePattern, replayStates } from '../events/replay';
import { maxIdentifierLength } from '../order/fields';
import { Issue, rejectionCodes } from '../order/issue';
import { parseZonedIsoDateTime } from '../order/time';
import { Partner } from '../partner/partner';
import { type TrendBucket, trendResolutions } from '../stats/trend-entity';
import { submissionStatuses } from '../submission/entity';

// What the HTTP API answers, one schema per body. The handlers build their answers as these types, the
// OpenAPI description is generated from these schemas, and the contract test checks every route's real
// answers against that description.

const Id = v.pipe(v.string(), v.nonEmpty());
const Instant = v.pipe(v.string(), v.isoTimestamp());
const Count = v.pipe(v.number(), v.integer(), v.minValue(0));
const SequenceNumber = v.pipe(v.number(), v.integer(), v.minValue(1));
const Uuid = v.pipe(v.string(), v.uuid());
/** Exact decimal text with two places, e.g. "71.96". */
const Amount = v.pipe(v.string(), v.regex(/^-?\d+\.\d{2}$/));
/** An opaque, signed cursor to the next page; `null` on the last page. */
const NextCursor = v.nullable(v.string());

/** A submission id in a path: a UUID, as the feed answered it (EventBridge event ids are UUIDs too). */
export const SubmissionIdParameter = Uuid;

/** A sequence number in a path: a positive integer, as digits without sign or leading zeros. */
export const SequenceNumberParameter = v.pipe(
  v.string(),
  v.regex(/^[1-9]\d{0,14}$/),
  v.transform(Number),
  v.number(),
  v.integer(),
  v.minValue(1),
);

/** `limit` in a listing's query string: a whole number from 1 to 100. */
export const PageLimitParameter = v.pipe(
  v.string(),
  v.regex(/^\d+$/),
  v.transform(Number),
  v.number(),
  v.integer(),
  v.minValue(1),
  v.maxValue(100),
);

/**
 * `externalOrderId` in the orders listing's query string: the partner's own id, matched exactly and with
 * its case, as stored (at most as long as validation lets an id be).
 */
export const ExternalOrderIdParameter = v.pipe(v.string(), v.nonEmpty(), v.maxLength(maxIdentifierLength));

/** `status` in the submissions listing's query string. */
export const SubmissionStatusParameter = v.picklist(submissionStatuses);

/** `category` in the errors listing's query string. */
export const ErrorCategoryParameter = v.picklist(errorCategories);

/** `code` in the errors listing's query string: any code a rejection's issues carry. */
export const RejectionCodeParameter = v.picklist(rejectionCodes);

/** What became of the order an execution ran for (see `explainExecution`). */
export const executionOutcomes = ['accepted', 'duplicate', 'rejected', 'failed', 'running'] as const;

/** `outcome` in the executions listing's query string. */
export const ExecutionOutcomeParameter = v.picklist(executionOutcomes);

/** How many items a page holds when `limit` is absent. */
export const defaultPageLimit = 50;

/** One submission as the feed answers it: its id, and the partner's own order id when it has one. */
export const AcceptedSubmission = v.object({
  submissionId: Uuid,
  externalOrderId: v.nullable(v.string()),
});
export type AcceptedSubmission = v.InferOutput<typeof AcceptedSubmission>;

/** 202 to a submission: every order recorded as pending and queued, in the order sent. */
export const SubmitResult = v.object({ accepted: v.array(AcceptedSubmission) });
export type SubmitResult = v.InferOutput<typeof SubmitResult>;

/** Where a submission stands: pending until the workflow settles it. */
/** An earlier attempt at a submission, kept when it was reprocessed or replayed. */
export const SubmissionAttempt = v.object({
  status: v.picklist(submissionStatuses),
  executionId: v.optional(Id),
  /** When that attempt settled. */
  settledAt: Instant,
  /** When a new attempt took its place. */
  replacedAt: Instant,
  issues: v.optional(v.array(Issue)),
});
export type SubmissionAttempt = v.InferOutput<typeof SubmissionAttempt>;

export const SubmissionStatus = v.object({
  submissionId: Uuid,
  status: v.picklist(submissionStatuses),
  /** Accepted or duplicate: the order's number (a duplicate's is the original's). */
  sequenceNumber: v.optional(SequenceNumber),
  /** Rejected: what was wrong. */
  issues: v.optional(v.array(Issue)),
  executionId: v.optional(Id),
  receivedAt: Instant,
  externalOrderId: v.optional(v.string()),
  /** Earlier attempts, oldest first: present once the submission was reprocessed or replayed. */
  history: v.optional(v.array(SubmissionAttempt)),
});
export type SubmissionStatus = v.InferOutput<typeof SubmissionStatus>;

/** What reprocessing did: `requeued` (202), or `already_settled` / `in_progress` (200, nothing changed). */
export const ReprocessResult = v.object({
  outcome: v.picklist(['requeued', 'already_settled', 'in_progress']),
  message: v.string(),
  submission: SubmissionStatus,
});
export type ReprocessResult = v.InferOutput<typeof ReprocessResult>;

/** The body of `POST /v1/replays`: a range of event times and, optionally, one partner. */
export const ReplayRequest = v.object({
  from: Instant,
  to: Instant,
  partnerId: v.optional(Id),
});
export type ReplayRequest = v.InferOutput<typeof ReplayRequest>;

/** A replay of the bus's archive and how far it has come. */
export const Replay = v.object({
  name: v.pipe(v.string(), v.regex(replayNamePattern)),
  state: v.picklist(replayStates),
  from: Instant,
  to: Instant,
  partnerId: v.optional(Id),
  /** The time of the last event replayed: how far into the range it has come. */
  lastReplayedAt: v.optional(Instant),
  startedAt: v.optional(Instant),
  endedAt: v.optional(Instant),
  reason: v.optional(v.string()),
});
export type Replay = v.InferOutput<typeof Replay>;

/** A replay's name in a path. */
export const ReplayNameParameter = v.pipe(v.string(), v.regex(replayNamePattern));

/** A page of one status's submissions, newest first. */
export const SubmissionPage = v.object({ items: v.array(SubmissionStatus), nextCursor: NextCursor });
export type SubmissionPage = v.InferOutput<typeof SubmissionPage>;

/** An accepted, stored order: the normalized order with its sequence number and provenance. */
export const Order = v.object({
  partnerId: Id,
  sequenceNumber: SequenceNumber,
  externalOrderId: Id,
  productId: Id,
  customerId: Id,
  quantity: v.pipe(v.number(), v.integer(), v.minValue(1)),
  unitPrice: v.pipe(v.number(), v.gtValue(0)),
  /** Decimal rate, e.g. 0.0725 for 7.25 %. */
  taxRate: v.pipe(v.number(), v.minValue(0), v.maxValue(1)),
  grossAmount: Amount,
  taxAmount: Amount,
  netAmount: Amount,
  transactionTime: Instant,
  submissionId: Id,
  receivedAt: Instant,
  processedAt: Instant,
  executionId: Id,
});
export type Order = v.InferOutput<typeof Order>;

export const OrderPage = v.object({ items: v.array(Order), nextCursor: NextCursor });
export type OrderPage = v.InferOutput<typeof OrderPage>;

/** A rejected submission, kept for 30 days after it was received. */
export const OrderError = v.object({
  submissionId: Id,
  partnerId: Id,
  receivedAt: Instant,
  category: v.picklist(errorCategories),
  issues: v.array(Issue),
  /** The payload as received, as JSON text. */
  payload: v.string(),
  /** Whether `payload` was cut to fit storage (only a payload far over the API's own limit is). */
  payloadTruncated: v.optional(v.boolean()),
  executionId: Id,
  /** When it expires, in epoch seconds. */
  expiresAt: v.pipe(v.number(), v.integer()),
  /** The submission was accepted later (reprocessed or replayed): what replaced this rejection. */
  supersededBy: v.optional(
    v.object({ status: v.picklist(['accepted', 'duplicate']), sequenceNumber: SequenceNumber }),
  ),
  supersededAt: v.optional(Instant),
});
export type OrderError = v.InferOutput<typeof OrderError>;

export const OrderErrorPage = v.object({ items: v.array(OrderError), nextCursor: NextCursor });
export type OrderErrorPage = v.InferOutput<typeof OrderErrorPage>;

const counts = {
  accepted: Count,
  rejected: Count,
  duplicates: Count,
  lastSequenceNumber: Count,
};

/** A registered partner with its counts. */
export const PartnerSummary = v.object({ ...Partner.entries, ...counts });
export type PartnerSummary = v.InferOutput<typeof PartnerSummary>;

export const PartnerList = v.object({ items: v.array(PartnerSummary) });
export type PartnerList = v.InferOutput<typeof PartnerList>;

/** One partner's counts: accepted (its counter, since numbers are contiguous), rejected, duplicates. */
export const PartnerStats = v.object({ partnerId: Id, ...counts });
export type PartnerStats = v.InferOutput<typeof PartnerStats>;

export const Stats = v.object({ partners: v.array(PartnerStats), generatedAt: Instant });
export type Stats = v.InferOutput<typeof Stats>;

/** `bucket` of the time series: one minute or one hour. */
export const TrendBucketParameter = v.picklist(
  Object.keys(trendResolutions) as [TrendBucket, ...TrendBucket[]],
);

/** The widest range of one time-series request per bucket: a day of minutes, 30 days of hours. */
export const maxTrendRangeMs = { '1m': 24 * 3_600_000, '1h': 30 * 24 * 3_600_000 } as const satisfies Record<
  TrendBucket,
  number
>;

const ZonedInstantParameter = v.pipe(
  v.string(),
  v.check(
    (text) => parseZonedIsoDateTime(text) !== undefined,
    'must be a real ISO 8601 instant with a zone, e.g. 2024-05-01T12:00:00Z',
  ),
  v.transform((text) => parseZonedIsoDateTime(text) as number),
);

/** The range answered when `from` is left out: the last hour of minutes, the last day of hours. */
export const defaultTrendSpanMs = { '1m': 3_600_000, '1h': 24 * 3_600_000 } as const satisfies Record<
  TrendBucket,
  number
>;

/**
 * The time series' query string: `from` (inclusive) before `to` (exclusive), both instants with a zone,
 * at most a day apart for `1m` and 30 days for `1h`; `to` is now and `from` the default span before it
 * when left out; `partnerId` keeps one partner.
 */
export const TimeseriesQuery = v.pipe(
  v.object({
    from: v.optional(ZonedInstantParameter),
    to: v.optional(ZonedInstantParameter),
    bucket: v.optional(TrendBucketParameter, '1m'),
    partnerId: v.optional(v.pipe(v.string(), v.nonEmpty('must not be empty'))),
  }),
  v.transform(({ from, to, bucket, partnerId }) => {
    const end = to ?? Date.now();
    return {
      from: from ?? end - defaultTrendSpanMs[bucket],
      to: end,
      bucket,
      ...(partnerId === undefined ? {} : { partnerId }),
    };
  }),
  v.forward(
    v.check(({ from, to }) => from < to, 'must be after from'),
    ['to'],
  ),
  v.forward(
    v.check(
      ({ from, to, bucket }) => to - from <= maxTrendRangeMs[bucket],
      'is too far from from: at most 24 hours for bucket=1m and 30 days for bucket=1h',
    ),
    ['to'],
  ),
);
export type TimeseriesQuery = v.InferOutput<typeof TimeseriesQuery>;

/** Percentiles in milliseconds, from a histogram whose bins are within 9.1% of each value. */
export const LatencyPercentiles = v.object({ p50: v.number(), p95: v.number(), p99: v.number() });

/** One partner's counts in one bucket: settled in it, and receipt-to-stored latency of its accepted orders. */
export const TimeseriesPoint = v.object({
  start: Instant,
  partnerId: Id,
  accepted: Count,
  rejected: Count,
  duplicates: Count,
  /** Null when no order was accepted in the bucket. */
  latencyMs: v.nullable(LatencyPercentiles),
});
export type TimeseriesPoint = v.InferOutput<typeof TimeseriesPoint>;

export const Timeseries = v.object({
  bucket: TrendBucketParameter,
  /** The first bucket's start and the end asked for. */
  from: Instant,
  to: Instant,
  /** Every bucket of every partner asked for, zeros included, by partner then time. */
  points: v.array(TimeseriesPoint),
  /** Submissions pending now, of the partners asked for. */
  pendingNow: Count,
  /** True when a partner has more pending than the count reads (then `pendingNow` is a lower bound). */
  pendingNowCapped: v.boolean(),
  /** Dead letters waiting now; null where this stage does not count them. */
  deadLettersNow: v.nullable(Count),
  generatedAt: Instant,
});
export type Timeseries = v.InferOutput<typeof Timeseries>;

export const executionStatuses = [
  'RUNNING',
  'SUCCEEDED',
  'FAILED',
  'ABORTED',
  'TIMED_OUT',
  'PENDING_REDRIVE',
] as const;

/**
 * One execution of the order workflow, from the local runtime's log or Step Functions, with the order it
 * ran for and what became of it. `partnerId`, `submissionId` and `externalOrderId` are read from its input
 * (absent only when the input lacks them: an order without an id, an execution started by hand).
 */
export const ExecutionSummary = v.object({
  executionArn: Id,
  name: Id,
  status: v.picklist(executionStatuses),
  startDate: Instant,
  stopDate: v.optional(Instant),
  /** From `startDate` to `stopDate`, in milliseconds, once it stopped. */
  durationMs: v.optional(Count),
  partnerId: v.optional(Id),
  submissionId: v.optional(Id),
  externalOrderId: v.optional(Id),
  /**
   * `accepted`, `duplicate` or `rejected` for an execution that succeeded, by the final state it reached;
   * `failed` for one that failed, timed out or was aborted (`error` names why: a processing failure, an
   * order left pending, an acceptance not yet announced); `running` while it runs.
   */
  outcome: v.picklist(executionOutcomes),
  /** The order's number: its own when accepted, the original's for a duplicate. */
  sequenceNumber: v.optional(SequenceNumber),
  /** The error a failed execution ended with. */
  error: v.optional(v.string()),
});
export type ExecutionSummary = v.InferOutput<typeof ExecutionSummary>;

/** One history entry, the same shape whether it came from the local runtime or Step Functions. */
export const ExecutionEvent = v.object({
  id: v.pipe(v.number(), v.integer(), v.minValue(1)),
  type: Id,
  timestamp: Instant,
  stateName: v.optional(v.string()),
  stateType: v.optional(v.string()),
  input: v.optional(v.unknown()),
  output: v.optional(v.unknown()),
  error: v.optional(v.string()),
  cause: v.optional(v.string()),
  retryAttempt: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
});
export type ExecutionEvent = v.InferOutput<typeof ExecutionEvent>;

export const ExecutionList = v.object({ items: v.array(ExecutionSummary) });
export type ExecutionList = v.InferOutput<typeof ExecutionList>;

/** An execution with its input, its outcome and its event log. */
export const ExecutionDetail = v.object({
  ...ExecutionSummary.entries,
  input: v.unknown(),
  output: v.optional(v.unknown()),
  cause: v.optional(v.string()),
  events: v.array(ExecutionEvent),
});
export type ExecutionDetail = v.InferOutput<typeof ExecutionDetail>;

/** Every refusal the API itself gives: a stable `code` to branch on, a sentence for people. */
export const ErrorBody = v.object({
  error: v.object({
    code: Id,
    message: v.string(),
    /** Per-field problems of a rejected body. */
    issues: v.optional(v.array(Issue)),
  }),
});
export type ErrorBody = v.InferOutput<typeof ErrorBody>;

/** 503 `publish_failed`: every order was recorded, not every one queued; each stays pending until recovered. */
export const PublishFailedBody = v.object({
  error: v.object({
    code: v.literal('publish_failed'),
    message: v.string(),
    submissions: v.array(AcceptedSubmission),
    /** The submission ids among them whose event was not put; the others are being processed already. */
    notQueued: v.array(Id),
  }),
});
export type PublishFailedBody = v.InferOutput<typeof PublishFailedBody>;

/**
 * 503 `partially_recorded`: some orders could not be recorded and exist nowhere (send them again); the
 * others were recorded and are processed (poll them).
 */
export const PartiallyRecordedBody = v.object({
  error: v.object({
    code: v.literal('partially_recorded'),
    message: v.string(),
    /** The recorded orders' submissions, in the request's order. */
    submissions: v.array(AcceptedSubmission),
    /** Zero-based positions, in the request's array (0 for a single order), of the orders not recorded. */
    notRecorded: v.array(v.pipe(v.number(), v.integer(), v.minValue(0))),
    /** The submission ids among the recorded whose event was not put either: they wait for recovery. */
    notQueued: v.array(Id),
  }),
});
export type PartiallyRecordedBody = v.InferOutput<typeof PartiallyRecordedBody>;

/**
 * What API Gateway answers by itself, before any handler: its JWT authorizer's 401 (`Unauthorized`) on the
 * operators' routes, its throttle's 429 (`Too Many Requests`).
 */
export const GatewayMessage = v.object({ message: v.string() });
export type GatewayMessage = v.InferOutput<typeof GatewayMessage>;
