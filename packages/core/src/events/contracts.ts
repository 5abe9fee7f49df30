import * as v from 'valibot';
import { errorCategories } from '../error/category';
import { Issue } from '../order/issue';
import { detailTypes } from './sources';

const Id = v.pipe(v.string(), v.nonEmpty());
const Instant = v.pipe(v.string(), v.isoTimestamp());

/** A partner's order as received, before any validation: the raw payload travels untouched. */
export const OrderSubmitted = v.object({
  submissionId: Id,
  partnerId: Id,
  receivedAt: Instant,
  payload: v.unknown(),
});
export type OrderSubmitted = v.InferOutput<typeof OrderSubmitted>;

/**
 * What a partner puts on the bus from its own AWS account (`PutEvents` with `Source` `orders.<partnerId>`
 * and `DetailType` `OrderSubmitted`): the order alone, in the partner's format. Its submission id is the
 * event's id and its received time the event's time; the workflow records it as the feed records its own.
 */
export const DirectOrderSubmitted = v.object({ order: v.unknown() });
export type DirectOrderSubmitted = v.InferOutput<typeof DirectOrderSubmitted>;

/**
 * An accepted and stored order with its sequence number; published only after the write committed.
 * Delivery is at least once (a retried emit, a re-run Express execution, a recovery re-emit): consumers
 * deduplicate on `deduplicationId`, which is the partner and the sequence number and nothing else.
 */
export const OrderAccepted = v.object({
  partnerId: Id,
  sequenceNumber: v.pipe(v.number(), v.integer(), v.minValue(1)),
  externalOrderId: Id,
  productId: Id,
  customerId: Id,
  quantity: v.pipe(v.number(), v.integer()),
  unitPrice: v.number(),
  taxRate: v.number(),
  grossAmount: v.string(),
  taxAmount: v.string(),
  netAmount: v.string(),
  transactionTime: Instant,
  submissionId: Id,
  receivedAt: Instant,
  processedAt: Instant,
  executionId: Id,
  deduplicationId: Id,
});
export type OrderAccepted = v.InferOutput<typeof OrderAccepted>;

/** The id every announcement of one stored order carries: `<partnerId>/<sequenceNumber>`. */
export function acceptedDeduplicationId(partnerId: string, sequenceNumber: number): string {
  return `${partnerId}/${sequenceNumber}`;
}

/** The OrderAccepted detail of a stored order. */
export function toOrderAccepted(order: Omit<OrderAccepted, 'deduplicationId'>): OrderAccepted {
  return { ...order, deduplicationId: acceptedDeduplicationId(order.partnerId, order.sequenceNumber) };
}

// What failed, as Step Functions hands it to a Catch: `Cause` is absent for some failures (States.Runtime).
// The lower-case form is what earlier versions of the workflow sent.
export const Failure = v.union([
  v.object({ Error: v.string(), Cause: v.optional(v.string()) }),
  v.object({ error: v.string(), cause: v.optional(v.string()) }),
]);
export type Failure = v.InferOutput<typeof Failure>;

/** The name of the error that failed, in either form. */
export function failureName(failure: Failure): string {
  return 'Error' in failure ? failure.Error : failure.error;
}

/**
 * A rejected submission: its issues, and for a processing failure what failed. Inside the workflow a
 * rejection carries no payload (one copy of it in the state is enough); the event adds the payload from the
 * submitted event. Without one, the consumer takes the stored submission's.
 */
export const OrderRejected = v.object({
  submissionId: Id,
  partnerId: Id,
  receivedAt: Instant,
  category: v.picklist(errorCategories),
  issues: v.array(Issue),
  payload: v.optional(v.unknown()),
  executionId: Id,
  failure: v.optional(Failure),
});
export type OrderRejected = v.InferOutput<typeof OrderRejected>;

/** The EventBridge envelope every consumer receives, with its detail parsed by the given schema. */
export function eventEnvelope<TDetailType extends string, TDetail extends v.GenericSchema>(
  detailType: TDetailType,
  detail: TDetail,
) {
  return v.object({
    version: v.string(),
    id: Id,
    'detail-type': v.literal(detailType),
    source: v.pipe(v.string(), v.startsWith('orders.')),
    account: v.string(),
    time: v.string(),
    region: v.string(),
    resources: v.array(v.string()),
    detail,
  });
}

export const OrderSubmittedEvent = eventEnvelope(detailTypes.orderSubmitted, OrderSubmitted);
export type OrderSubmittedEvent = v.InferOutput<typeof OrderSubmittedEvent>;
/** An `OrderSubmitted` event as the bus carries it: from the feed, or put directly by a partner's account. */
export const AnySubmittedEvent = eventEnvelope(
  detailTypes.orderSubmitted,
  v.union([OrderSubmitted, DirectOrderSubmitted]),
);
export const OrderAcceptedEvent = eventEnvelope(detailTypes.orderAccepted, OrderAccepted);
export type OrderAcceptedEvent = v.InferOutput<typeof OrderAcceptedEvent>;
export const OrderRejectedEvent = eventEnvelope(detailTypes.orderRejected, OrderRejected);
export type OrderRejectedEvent = v.InferOutput<typeof OrderRejectedEvent>;
