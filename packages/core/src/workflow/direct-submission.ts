import * as v from 'valibot';
import { eventBridge } from '../aws/limits';
import { DirectOrderSubmitted, eventEnvelope, type OrderSubmittedEvent } from '../events/contracts';
import { detailTypes, partnerOfSource } from '../events/sources';
import type { Issue } from '../order/issue';
import { getPartner } from '../partner/registry';
import { maxOrderBytes, orderStateBytes } from '../storage/payload';
import type { Store } from '../storage/store';
import { recordSubmissionOnce } from '../submission/submission';
import { TaskId } from './task-input';
import { orderTooLarge, type ValidationStep, validateSubmission } from './validation';

// A partner's own AWS account puts `{ "order": … }` on the bus (`DirectOrderSubmitted`); the feed puts an
// order it has already recorded. The workflow's first step for a direct event records it the way the feed
// records its own, so that status queries, recovery and stats see it, and then validates it: both in one
// call, because a separate task before Validate would add its worst case to the longest path of an Express
// execution's five minutes (see the ASL's RecordSubmission).

const Instant = v.pipe(v.string(), v.isoTimestamp());

/** An `OrderSubmitted` event as EventBridge delivered it, its detail not read yet. */
const DeliveredEvent = eventEnvelope(detailTypes.orderSubmitted, v.record(v.string(), v.unknown()));

/** What the RecordSubmission task (on the SequenceAndStore function) receives. */
export const RecordInput = v.object({
  record: v.object({ event: DeliveredEvent, startedAt: Instant }),
  executionId: TaskId,
});
export type RecordInput = v.InferOutput<typeof RecordInput>;

/**
 * The event again with its detail in the feed's form (`OrderSubmitted`: the recorded id, partner, received
 * time and payload), and what validation found, so the rest of the workflow treats both forms alike.
 */
export type RecordStep = OrderSubmittedEvent & { validation: ValidationStep };

/**
 * When a direct submission was received: the event's `time`. The bus sets it to when it received the
 * PutEvents call, unless the sender set the entry's `Time`, which any sender may ("The time the event
 * occurred. Defaults to the time the service receives the event when omitted",
 * https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutEventsRequestEntry.html). A time after
 * the execution started, or before the longest EventBridge keeps retrying a delivery, cannot be when the
 * bus received the event: the execution's start is taken instead. So a partner cannot keep a pending
 * submission out of recovery's reach (which takes those old enough) with a future time, nor expire its
 * error item at once with an old one; within the bound, a time it sets moves its own submission only.
 */
export function directReceivedAt(eventTime: string, startedAt: string): string {
  const start = Date.parse(startedAt);
  const time = Date.parse(eventTime);
  const earliest = start - eventBridge.maxEventAgeSeconds * 1000;
  return new Date(Number.isFinite(time) && time <= start && time >= earliest ? time : start).toISOString();
}

interface DirectForm {
  /** What is recorded and kept with a rejection: the order, or the whole detail when it holds none. */
  payload: unknown;
  /** Problems with the detail itself, before the order is looked at. */
  issues: Issue[];
}

function readDirectDetail(detail: Record<string, unknown>, partnerId: string): DirectForm {
  if (!v.is(DirectOrderSubmitted, detail)) {
    return {
      payload: detail,
      issues: [
        {
          path: '',
          code: 'invalid_detail',
          message:
            'an OrderSubmitted event carries { "order": <the order> } in its detail (or the feed’s submission); this one has neither',
        },
      ],
    };
  }
  const issues: Issue[] = [];
  // The detail need not name the partner; when it does, it must agree with the source the bus policy vouches for.
  if ('partnerId' in detail && detail.partnerId !== partnerId) {
    issues.push({
      path: 'partnerId',
      code: 'source_mismatch',
      message: `events from orders.${partnerId} cannot submit orders for another partner`,
    });
  }
  if (orderStateBytes(detail.order) > maxOrderBytes) issues.push(orderTooLarge());
  return { payload: detail.order, issues };
}

/**
 * The RecordSubmission step: records a direct event as a pending submission whose id is the event's id
 * (once: a redelivered event, or a re-run Express execution, finds it recorded and keeps its received time
 * and its status), then validates it as Validate does. An unknown partner, a detail of neither form, a
 * detail naming another partner and an order over the per-order bound are rejections, never failures.
 */
export async function recordDirectSubmission(
  store: Store,
  input: RecordInput,
  now = new Date(),
): Promise<{ step: RecordStep; firstRecorded: boolean }> {
  const { event, startedAt } = input.record;
  const partnerId = partnerOfSource(event.source);
  const form = readDirectDetail(event.detail, partnerId);
  const { submission, recorded } = await recordSubmissionOnce(store, {
    partnerId,
    submissionId: event.id,
    receivedAt: directReceivedAt(event.time, startedAt),
    payload: form.payload,
  });
  const { submissionId, receivedAt } = submission;
  // An order over the bound is kept whole with its submission, but not in the state: the state and the
  // OrderRejected event would not hold it, and the rejection takes the recorded one.
  const tooLarge = form.issues.some((issue) => issue.code === 'order_too_large');
  const submitted: OrderSubmittedEvent = {
    ...event,
    'detail-type': detailTypes.orderSubmitted,
    detail: { submissionId, partnerId, receivedAt, payload: tooLarge ? null : form.payload },
  };
  const validation: ValidationStep =
    form.issues.length === 0 || getPartner(partnerId) === undefined
      ? validateSubmission(submitted, input.executionId, now)
      : {
          valid: false,
          rejection: {
            submissionId,
            partnerId,
            receivedAt,
            category: 'validation',
            issues: form.issues,
            executionId: input.executionId,
          },
        };
  return { step: { ...submitted, validation }, firstRecorded: recorded };
}
