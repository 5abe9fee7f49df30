import * as v from 'valibot';
import { recordOrderError } from '../error/error';
import { OrdersError } from '../errors';
import {
  Failure,
  failureName,
  OrderAccepted,
  type OrderRejected,
  OrderSubmittedEvent,
  toOrderAccepted,
} from '../events/contracts';
import { partnerOfSource, partnerSource } from '../events/sources';
import type { Issue } from '../order/issue';
import { normalize } from '../order/normalize';
import type { NewOrder } from '../order/order';
import { findStoredOutcome, type SequenceOutcome, sequenceAndStore } from '../order/sequence';
import { getPartner } from '../partner/registry';
import { parseStoredPayload } from '../storage/payload';
import { withRetries } from '../storage/retry';
import type { Store } from '../storage/store';
import { getSubmission, settleSubmission } from '../submission/submission';
import { isTransientFailure } from './failures';

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

/**
 * The SequenceAndStore function's own retries of a lost race or an unreachable table: 20 attempts with
 * backoff capped at 500 ms take at most about 8 s, inside the function's 10 s timeout
 * (`functionSettings.sequenceAndStore`); the workflow's Retry takes over beyond that.
 */
export const inFunctionSequencing = { maxAttempts: 20, baseDelayMs: 5, maxDelayMs: 500 } as const;

export type SequencingStep =
  | { outcome: 'accepted'; accepted: OrderAccepted; firstSettled: boolean }
  | { outcome: 'duplicate'; sequenceNumber: number; originalSubmissionId: string; firstSettled: boolean }
  | { outcome: 'conflict'; rejection: OrderRejected };

export interface SequencingInput {
  order: NewOrder;
  payload: unknown;
  executionId: string;
}

/**
 * Step 2: numbers and stores the order, then settles its submission as accepted or duplicate.
 * `firstSettled` is false when an earlier run settled it (a retried step, a re-run Express execution),
 * so that nothing is counted twice.
 */
export async function sequenceSubmission(store: Store, input: SequencingInput): Promise<SequencingStep> {
  const outcome = await sequenceAndStore(
    store,
    { ...input.order, executionId: input.executionId },
    inFunctionSequencing,
  );
  return settleOutcome(store, input, outcome);
}

/** What the failure path learns about an order whose step failed. */
export type FailureStep = SequencingStep | { outcome: 'not_stored'; transient: boolean };

export interface FailureInput {
  findStored: { order: NewOrder; payload: unknown };
  error: Failure;
  executionId: string;
}

/**
 * The failure path's first step: a step that failed may have committed first, so this looks the order up
 * before anything is called a rejection. A stored order settles its submission as accepted (or duplicate,
 * or conflict) as if the step had answered; otherwise the failure is transient (leave it pending) or not.
 */
export async function resolveFailure(store: Store, input: FailureInput): Promise<FailureStep> {
  const { order, payload } = input.findStored;
  const outcome = await findStoredOutcome(store, order);
  if (outcome !== null)
    return settleOutcome(store, { order, payload, executionId: input.executionId }, outcome);
  return { outcome: 'not_stored', transient: isTransientFailure(failureName(input.error)) };
}

async function settleOutcome(
  store: Store,
  { order, payload, executionId }: SequencingInput,
  outcome: SequenceOutcome,
): Promise<SequencingStep> {
  const settlement = {
    partnerId: order.partnerId,
    submissionId: order.submissionId,
    receivedAt: order.receivedAt,
    externalOrderId: order.externalOrderId,
    payload,
    executionId,
  };
  switch (outcome.status) {
    case 'accepted': {
      const firstSettled = await settleSubmission(store, {
        ...settlement,
        status: 'accepted',
        sequenceNumber: outcome.order.sequenceNumber,
      });
      return { outcome: 'accepted', accepted: toOrderAccepted(outcome.order), firstSettled };
    }
    case 'duplicate': {
      const firstSettled = await settleSubmission(store, {
        ...settlement,
        status: 'duplicate',
        sequenceNumber: outcome.sequenceNumber,
      });
      return {
        outcome: 'duplicate',
        sequenceNumber: outcome.sequenceNumber,
        originalSubmissionId: outcome.originalSubmissionId,
        firstSettled,
      };
    }
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
          executionId,
        },
      };
  }
}

export interface AnnouncementInput {
  announcementPending: { partnerId: string; submissionId: string };
}

/**
 * Marks an accepted submission whose OrderAccepted could not be put after every retry, so that recovery
 * emits it again: a stored order is never left unannounced.
 */
export async function markAnnouncementPending(store: Store, input: AnnouncementInput): Promise<void> {
  const { partnerId, submissionId } = input.announcementPending;
  await withRetries(() =>
    store.entities.submission.patch({ partnerId, submissionId }).set({ announcementPending: true }).go(),
  );
}

/**
 * The consumer of `OrderRejected`: keeps the error for 30 days and settles the submission as rejected.
 * Answers whether this call settled it (false for a redelivered event).
 */
export async function recordRejection(store: Store, rejection: OrderRejected): Promise<boolean> {
  if (rejection.category === 'processing' && (await settledOtherwise(store, rejection))) return false;
  const issues = rejection.issues.length > 0 ? rejection.issues : [describeFailure(rejection)];
  const payload = rejection.payload ?? (await storedPayload(store, rejection));
  await recordOrderError(store, { ...rejection, payload, issues });
  return settleSubmission(store, { ...rejection, payload, status: 'rejected', issues });
}

// The workflow rejects for processing only what it found not stored; a submission settled otherwise by
// then (a re-run that stored it) keeps its outcome, and no error item is written for a stored order.
async function settledOtherwise(store: Store, rejection: OrderRejected): Promise<boolean> {
  const submission = await getSubmission(store, rejection.partnerId, rejection.submissionId);
  return submission?.status === 'accepted' || submission?.status === 'duplicate';
}

// A rejection without its payload takes the one the feed recorded with the pending submission.
async function storedPayload(store: Store, rejection: OrderRejected): Promise<unknown> {
  const submission = await getSubmission(store, rejection.partnerId, rejection.submissionId);
  if (submission === null) return null;
  const stored = parseStoredPayload(submission.payload);
  return stored.ok ? stored.payload : submission.payload;
}

// A processing failure carries what failed, not what was wrong with the order; the partner sees only the
// error's name (the cause may hold internals) and that it was not their data that failed.
function describeFailure(rejection: OrderRejected): Issue {
  const error = rejection.failure === undefined ? 'unknown error' : failureName(rejection.failure);
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

const OrderToSequence = v.omit(OrderAccepted, [
  'sequenceNumber',
  'processedAt',
  'executionId',
  'deduplicationId',
]);

/** What the SequenceAndStore task receives. */
export const SequencingInput = v.object({ order: OrderToSequence, payload: v.unknown(), executionId: Id });

/** What the failure path's FindStoredOrder task (the same function) receives. */
export const FailureInput = v.object({
  findStored: v.object({ order: OrderToSequence, payload: v.unknown() }),
  error: Failure,
  executionId: Id,
});

/** What RecordAnnouncementPending (the same function) receives. */
export const AnnouncementInput = v.object({
  announcementPending: v.object({ partnerId: Id, submissionId: Id }),
});

/** Any input of the SequenceAndStore function: one function serves the three states that touch orders. */
export const SequenceAndStoreTaskInput = v.union([SequencingInput, FailureInput, AnnouncementInput]);

/** A task was invoked with input that does not fit its contract: a defect, never retried. */
export class InvalidTaskInputError extends OrdersError {
  override readonly name = 'InvalidTaskInputError';
  readonly code = 'invalid_task_input';
}

/**
 * Parses a task's input against its contract, or throws `InvalidTaskInputError` naming what is wrong. The
 * message names fields and what they expect, never a value received: it becomes the Lambda error's cause,
 * which the workflow's logs keep even without execution data, and an input may carry the partner's order.
 */
export function parseTaskInput<TSchema extends v.GenericSchema>(
  schema: TSchema,
  input: unknown,
): v.InferOutput<TSchema> {
  const result = v.safeParse(schema, input);
  if (!result.success) {
    const issues = result.issues.map(
      (issue) => `${v.getDotPath(issue) ?? 'input'}: expected ${issue.expected ?? issue.type}`,
    );
    throw new InvalidTaskInputError(`invalid task input: ${issues.join('; ')}`);
  }
  return result.output;
}
