import * as v from 'valibot';
import { errorCategories } from '../error/entity';
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

/** An accepted and stored order with its sequence number; published only after the write committed. */
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
});
export type OrderAccepted = v.InferOutput<typeof OrderAccepted>;

/** A rejected submission: its issues and raw payload, and for a processing failure what failed. */
export const OrderRejected = v.object({
  submissionId: Id,
  partnerId: Id,
  receivedAt: Instant,
  category: v.picklist(errorCategories),
  issues: v.array(Issue),
  payload: v.unknown(),
  executionId: Id,
  failure: v.optional(v.object({ error: v.string(), cause: v.optional(v.string()) })),
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
export const OrderAcceptedEvent = eventEnvelope(detailTypes.orderAccepted, OrderAccepted);
export type OrderAcceptedEvent = v.InferOutput<typeof OrderAcceptedEvent>;
export const OrderRejectedEvent = eventEnvelope(detailTypes.orderRejected, OrderRejected);
export type OrderRejectedEvent = v.InferOutput<typeof OrderRejectedEvent>;
