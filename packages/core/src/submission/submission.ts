import type { EntityItem } from 'electrodb';
import { StorageUnavailableError } from '../errors';
import type { Issue } from '../order/issue';
import { toStoredPayload } from '../storage/payload';
import { isConditionFailure, withRetries } from '../storage/retry';
import type { Store } from '../storage/store';
import type { createSubmissionEntity, SubmissionStatus } from './entity';

export type Submission = EntityItem<ReturnType<typeof createSubmissionEntity>>;

export interface NewSubmission {
  partnerId: string;
  submissionId: string;
  receivedAt: string;
  /** The raw order as the partner sent it. */
  payload: unknown;
  externalOrderId?: string;
}

/** Records a submission as pending, before its event is published, so it can never be lost between the two. */
export async function recordSubmission(store: Store, submission: NewSubmission): Promise<Submission> {
  const item: Submission = {
    partnerId: submission.partnerId,
    submissionId: submission.submissionId,
    status: 'pending',
    payload: toStoredPayload(submission.payload).text,
    receivedAt: submission.receivedAt,
    updatedAt: submission.receivedAt,
    ...(submission.externalOrderId === undefined ? {} : { externalOrderId: submission.externalOrderId }),
  };
  await store.entities.submission.put(item).go();
  return item;
}

export interface SubmissionSettlement {
  partnerId: string;
  submissionId: string;
  status: Exclude<SubmissionStatus, 'pending'>;
  receivedAt: string;
  payload: unknown;
  executionId: string;
  externalOrderId?: string;
  sequenceNumber?: number;
  issues?: Issue[];
  now?: Date;
}

/**
 * Moves a pending submission to its final status and counts it, in one transaction. It is an upsert
 * because events put on the bus directly from a partner's AWS account have no pending record. A submission
 * already settled is left as it is (a redelivered event or a retried step), so nothing is counted twice.
 * Answers whether this call settled it.
 */
export async function settleSubmission(store: Store, settlement: SubmissionSettlement): Promise<boolean> {
  const { partnerId, submissionId, status, receivedAt, payload, executionId, externalOrderId } = settlement;
  const counted = status === 'rejected' ? 'rejected' : status === 'duplicate' ? 'duplicates' : undefined;
  const settled = {
    partnerId,
    submissionId,
    status,
    receivedAt,
    payload: toStoredPayload(payload).text,
    executionId,
    updatedAt: (settlement.now ?? new Date()).toISOString(),
    ...(externalOrderId === undefined ? {} : { externalOrderId }),
    ...(settlement.sequenceNumber === undefined ? {} : { sequenceNumber: settlement.sequenceNumber }),
    ...(settlement.issues === undefined ? {} : { issues: settlement.issues }),
  };
  if (counted === undefined) {
    // Nothing to count (an acceptance is counted by the order's number): one conditional write, not a
    // transaction, which would cost twice the write units
    // (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/transaction-apis.html#transaction-capacity-handling).
    return withRetries(async () => {
      try {
        await store.entities.submission
          .upsert(settled)
          .where(
            ({ status: current }, { eq, notExists }) => `${notExists(current)} OR ${eq(current, 'pending')}`,
          )
          .go();
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    });
  }
  return withRetries(async () => {
    const { canceled, data } = await store.transaction
      .write(({ submission, partnerStats }) => [
        submission
          .upsert(settled)
          .where(
            ({ status: current }, { eq, notExists }) => `${notExists(current)} OR ${eq(current, 'pending')}`,
          )
          .commit(),
        partnerStats
          .upsert({ partnerId })
          .add({ [counted]: 1 })
          .commit(),
      ])
      .go();
    if (!canceled) return true;
    if (data[0]?.code === 'ConditionalCheckFailed') return false;
    // The rest are races on the shared stats item (TransactionConflict): worth another try.
    throw new StorageUnavailableError(
      `settling submission ${submissionId} was cancelled: ${data.map((result) => result.code).join(', ')}`,
    );
  });
}

/** One submission by partner and id, or null. */
export async function getSubmission(
  store: Store,
  partnerId: string,
  submissionId: string,
): Promise<Submission | null> {
  const { data } = await store.entities.submission.get({ partnerId, submissionId }).go();
  return data;
}
