import * as v from 'valibot';
import { recordOrderError } from '../error/error';
import { OrdersError } from '../errors';
import { OrderAccepted, type OrderRejected, OrderSubmittedEvent } from '../events/contracts';
import { partnerOfSource } from '../events/sources';
import type { Issue } from '../order/issue';
import { normalize } from '../order/normalize';
import type { NewOrder } from '../order/order';
import { sequenceAndStore } from '../order/sequence';
import { getPartner } from '../partner/registry';
import type { Store } from '../storage/store';
import { settleSubmission } from '../submission/submission';

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
  // A rejection is filed under the partner the source speaks for, never the one the detail names: an event
  // from one partner's account must not reject, or settle, another partner's submission.
  const sourcePartnerId = partnerOfSource(source);
  const reject = (issues: Issue[]): ValidationStep => ({
    valid: false,
    rejection: { ...detail, partnerId: sourcePartnerId, category: 'validation', issues, executionId },
  });

  const partner = getPartner(sourcePartnerId);
  if (partner === undefined) {
    return reject([
      { path: '', code: 'unknown_partner', message: `no partner is registered as ${sourcePartnerId}` },
    ]);
  }
  // A partner account may only publish its own source (bus policy); the detail must agree with it.
  if (detail.partnerId !== partner.id) {
    return reject([
      {
        path: '',
        code: 'source_mismatch',
        message: `events from ${source} cannot submit orders for ${detail.partnerId}`,
      },
    ]);
  }
  const result = normalize(partner, detail.payload, {
    submissionId: detail.submissionId,
    receivedAt: detail.receivedAt,
    now,
  });
  return result.ok ? { valid: true, order: result.order } : reject(result.issues);
}

export type SequencingStep =
  | { outcome: 'accepted'; accepted: OrderAccepted }
  | { outcome: 'duplicate'; sequenceNumber: number; originalSubmissionId: string }
  | { outcome: 'conflict'; rejection: OrderRejected };

export interface SequencingInput {
  order: NewOrder;
  payload: unknown;
  executionId: string;
}

/** Step 2: numbers and stores the order, then settles its submission as accepted or duplicate. */
export async function sequenceSubmission(store: Store, input: SequencingInput): Promise<SequencingStep> {
  const { order, payload, executionId } = input;
  const outcome = await sequenceAndStore(store, { ...order, executionId });
  const settlement = {
    partnerId: order.partnerId,
    submissionId: order.submissionId,
    receivedAt: order.receivedAt,
    externalOrderId: order.externalOrderId,
    payload,
    executionId,
  };
  switch (outcome.status) {
    case 'accepted':
      await settleSubmission(store, {
        ...settlement,
        status: 'accepted',
        sequenceNumber: outcome.order.sequenceNumber,
      });
      return { outcome: 'accepted', accepted: outcome.order };
    case 'duplicate':
      await settleSubmission(store, {
        ...settlement,
        status: 'duplicate',
        sequenceNumber: outcome.sequenceNumber,
      });
      return {
        outcome: 'duplicate',
        sequenceNumber: outcome.sequenceNumber,
        originalSubmissionId: outcome.originalSubmissionId,
      };
    case 'conflict':
      return {
        outcome: 'conflict',
        rejection: {
          submissionId: order.submissionId,
          partnerId: order.partnerId,
          receivedAt: order.receivedAt,
          category: 'conflict',
          issues: [
            {
              path: 'externalOrderId',
              code: 'conflict',
              message: `order ${order.externalOrderId} was already accepted as number ${outcome.sequenceNumber} with different content`,
            },
          ],
          payload,
          executionId,
        },
      };
  }
}

/**
 * The consumer of `OrderRejected`: keeps the error for 30 days and settles the submission as rejected.
 * Answers whether this call settled it (false for a redelivered event).
 */
export async function recordRejection(store: Store, rejection: OrderRejected): Promise<boolean> {
  const issues = rejection.issues.length > 0 ? rejection.issues : [describeFailure(rejection)];
  await recordOrderError(store, { ...rejection, issues });
  return settleSubmission(store, { ...rejection, status: 'rejected', issues });
}

// A processing failure carries what failed, not what was wrong with the order; the partner sees only the
// error's name (the cause may hold internals) and that it was not their data that failed.
function describeFailure(rejection: OrderRejected): Issue {
  const error = rejection.failure?.error ?? 'unknown error';
  return {
    path: '',
    code: 'processing_failed',
    message: `the order could not be processed (${error}); it was not stored and may be submitted again`,
  };
}

const Id = v.pipe(v.string(), v.nonEmpty());

/** What the Validate task receives (the state machine's Parameters). */
export const ValidationInput = v.object({ event: v.unknown(), executionId: Id });
export type ValidationInput = v.InferOutput<typeof ValidationInput>;

/** What the SequenceAndStore task receives. */
export const SequencingInput = v.object({
  order: v.omit(OrderAccepted, ['sequenceNumber', 'processedAt', 'executionId']),
  payload: v.unknown(),
  executionId: Id,
});

/** A task was invoked with input that does not fit its contract: a defect, never retried. */
export class InvalidTaskInputError extends OrdersError {
  override readonly name = 'InvalidTaskInputError';
  readonly code = 'invalid_task_input';
}

/** Parses a task's input against its contract, or throws `InvalidTaskInputError` naming what is wrong. */
export function parseTaskInput<TSchema extends v.GenericSchema>(
  schema: TSchema,
  input: unknown,
): v.InferOutput<TSchema> {
  const result = v.safeParse(schema, input);
  if (!result.success) throw new InvalidTaskInputError(`invalid task input: ${v.summarize(result.issues)}`);
  return result.output;
}
