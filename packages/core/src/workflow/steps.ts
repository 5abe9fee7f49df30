import * as v from 'valibot';
import { recordOrderError } from '../error/error';
import {
  Failure,
  failureName,
  OrderAccepted,
  type OrderRejected,
  toOrderAccepted,
} from '../events/contracts';
import type { Issue, RejectionCode } from '../order/issue';
import type { NewOrder } from '../order/order';
import { findStoredOutcome, type SequenceOutcome, sequenceAndStore } from '../order/sequence';
import { parseStoredPayload } from '../storage/payload';
import { withRetries } from '../storage/retry';
import type { Store } from '../storage/store';
import { indexComposites } from '../submission/entity';
import { getSubmission, settleSubmission } from '../submission/submission';
import { RecordInput } from './direct-submission';
import { isTransientFailure } from './failures';
import { TaskId as Id } from './task-input';

/**
 * How long the SequenceAndStore function waits for its order's number (6 s) and retries a request the table
 * did not answer (8 attempts, backoff capped at 200 ms), inside the function's 10 s timeout
 * (`functionSettings.sequenceAndStore`); the workflow's Retry takes over beyond that. The failure path's
 * lookup, on the same function, waits the same way for an order still in the partner's backlog.
 */
export const inFunctionSequencing = {
  maxAttempts: 8,
  baseDelayMs: 5,
  maxDelayMs: 200,
  budgetMs: 6_000,
} as const;

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
  const outcome = await findStoredOutcome(store, order, inFunctionSequencing);
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
        storedAt: outcome.order.processedAt,
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
              code: 'conflict' satisfies RejectionCode,
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
  await withRetries(async () => {
    // The mark puts the submission in recovery's index, whose keys need the stored composites.
    const { data } = await store.entities.submission
      .get({ partnerId, submissionId })
      .go({ consistent: true });
    if (data === null) throw new Error(`submission ${submissionId} of partner ${partnerId} is not recorded`);
    await store.entities.submission
      .patch({ partnerId, submissionId })
      .set({ announcementPending: true, ...indexComposites(data) })
      .go();
  });
}

/**
 * The consumer of `OrderRejected`: keeps the error for 30 days and settles the submission as rejected.
 * Answers whether this call settled it (false for a redelivered event).
 */
export async function recordRejection(store: Store, rejection: OrderRejected): Promise<boolean> {
  if (await settledOtherwise(store, rejection)) return false;
  const issues = rejection.issues.length > 0 ? rejection.issues : [describeFailure(rejection)];
  const payload = rejection.payload ?? (await storedPayload(store, rejection));
  await recordOrderError(store, { ...rejection, payload, issues });
  return settleSubmission(store, { ...rejection, payload, status: 'rejected', issues });
}

// The workflow rejects for processing only what it found not stored; a submission settled otherwise by
// then (a re-run that stored it) keeps its outcome, and no error item is written for a stored order. A
// validation rejection meets an accepted submission too when its event is replayed after a rule was
// tightened: the stored order stands, and its superseded error item is not written over.
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
    code: 'processing_failed' satisfies RejectionCode,
    message: `the order could not be processed (${error}); it was not stored and may be submitted again`,
  };
}

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

/**
 * Any input of the SequenceAndStore function: one function serves the four states that touch the table
 * (RecordSubmission, SequenceAndStore, FindStoredOrder, RecordAnnouncementPending).
 */
export const SequenceAndStoreTaskInput = v.union([
  SequencingInput,
  FailureInput,
  AnnouncementInput,
  RecordInput,
]);
