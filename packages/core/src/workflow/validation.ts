import * as v from 'valibot';
import { OrdersError } from '../errors';
import { type OrderRejected, OrderSubmittedEvent } from '../events/contracts';
import { partnerOfSource } from '../events/sources';
import type { Issue, RejectionCode } from '../order/issue';
import { normalize } from '../order/normalize';
import type { NewOrder } from '../order/order';
import { getPartner } from '../partner/registry';
import { maxOrderBytes, orderStateBytes } from '../storage/payload';
import { TaskId } from './task-input';

// The workflow's first step, pure: no storage and no SDK, so the Validate function bundles neither.

/** The workflow was started with an event that is not an `OrderSubmitted` event; nothing can be rejected. */
export class InvalidEventError extends OrdersError {
  override readonly name = 'InvalidEventError';
  readonly code = 'invalid_event';
}

export type ValidationStep = { valid: true; order: NewOrder } | { valid: false; rejection: OrderRejected };

/** Step 1: checks the envelope, the partner and the order; an invalid order is a value, not an error. */
export function validateSubmission(event: unknown, executionId: string, now = new Date()): ValidationStep {
  const parsed = v.safeParse(OrderSubmittedEvent, event);
  if (!parsed.success) {
    throw new InvalidEventError(`not an OrderSubmitted event: ${v.summarize(parsed.issues)}`);
  }
  const { source, detail } = parsed.output;
  // The payload stays in the state once, in the submitted event; EmitRejected puts it into the event.
  // A rejection is filed under the partner the source speaks for, never the one the detail names: an event
  // from one partner's account must not reject, or settle, another partner's submission.
  const { submissionId, receivedAt } = detail;
  const sourcePartnerId = partnerOfSource(source);
  const reject = (issues: Issue[]): ValidationStep => ({
    valid: false,
    rejection: {
      submissionId,
      partnerId: sourcePartnerId,
      receivedAt,
      category: 'validation',
      issues,
      executionId,
    },
  });

  const partner = getPartner(sourcePartnerId);
  if (partner === undefined) {
    return reject([
      {
        path: '',
        code: 'unknown_partner' satisfies RejectionCode,
        message: `no partner is registered as ${sourcePartnerId}`,
      },
    ]);
  }
  // A partner account may only publish its own source (bus policy); the detail must agree with it.
  if (detail.partnerId !== partner.id) {
    return reject([
      {
        path: '',
        code: 'source_mismatch' satisfies RejectionCode,
        message: `events from ${source} cannot submit orders for ${detail.partnerId}`,
      },
    ]);
  }
  // The feed refuses such an order with 413; one put on the bus directly, or re-driven, is rejected here.
  if (orderStateBytes(detail.payload) > maxOrderBytes) return reject([orderTooLarge()]);
  const result = normalize(partner, detail.payload, {
    submissionId: detail.submissionId,
    receivedAt: detail.receivedAt,
    now,
  });
  return result.ok ? { valid: true, order: result.order } : reject(result.issues);
}

/** The issue of an order over the feed's per-order bound (`maxOrderBytes`), wherever it arrived from. */
export function orderTooLarge(): Issue {
  return {
    path: '',
    code: 'order_too_large',
    message: `the order is over the per-order limit of ${maxOrderBytes} bytes of JSON (characters outside ASCII count 6 bytes each); send it smaller`,
  };
}

/** What the Validate task receives (the state machine's Parameters). */
export const ValidationInput = v.object({ event: v.unknown(), executionId: TaskId });
export type ValidationInput = v.InferOutput<typeof ValidationInput>;
