import type { EntityItem } from 'electrodb';
import { StorageUnavailableError } from '../errors';
import type { Issue } from '../order/issue';
import { recordTrend } from '../stats/trend';
import { toStoredPayload } from '../storage/payload';
import { isConditionFailure, isTransient, withRetries } from '../storage/retry';
import type { Store } from '../storage/store';
import { type createSubmissionEntity, indexComposites, type SubmissionStatus } from './entity';

export type Submission = EntityItem<ReturnType<typeof createSubmissionEntity>>;

export interface NewSubmission {
  partnerId: string;
  submissionId: string;
  receivedAt: string;
  /** The raw order as the partner sent it. */
  payload: unknown;
  externalOrderId?: string;
}

function pendingItem(submission: NewSubmission): Submission {
  return {
    partnerId: submission.partnerId,
    submissionId: submission.submissionId,
    status: 'pending',
    payload: toStoredPayload(submission.payload).text,
    receivedAt: submission.receivedAt,
    updatedAt: submission.receivedAt,
    ...(submission.externalOrderId === undefined ? {} : { externalOrderId: submission.externalOrderId }),
  };
}

/** Records a submission as pending, before its event is published, so it can never be lost between the two. */
export async function recordSubmission(store: Store, submission: NewSubmission): Promise<Submission> {
  const item = pendingItem(submission);
  await store.entities.submission.put(item).go();
  return item;
}

/**
 * Records a submission as pending unless one with its id exists, and answers the one stored: the new one,
 * or the one an earlier delivery of the same event recorded (and perhaps settled since), left as it is.
 * For events put on the bus directly, which the workflow records itself and may see more than once.
 */
export async function recordSubmissionOnce(
  store: Store,
  submission: NewSubmission,
): Promise<{ submission: Submission; recorded: boolean }> {
  const item = pendingItem(submission);
  try {
    await withStorageRetries(() => store.entities.submission.create(item).go());
    return { submission: item, recorded: true };
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
  const { data } = await withStorageRetries(() =>
    store.entities.submission
      .get({ partnerId: submission.partnerId, submissionId: submission.submissionId })
      .go({ consistent: true }),
  );
  // A conditional failure means it exists; a strongly consistent read sees it.
  return { submission: data ?? item, recorded: false };
}

// The table's transient failures, once the retries are spent, under the name the workflow's Retry matches.
async function withStorageRetries<T>(task: () => Promise<T>, doing = 'recording a submission'): Promise<T> {
  try {
    return await withRetries(task);
  } catch (error) {
    if (!isTransient(error) || error instanceof StorageUnavailableError) throw error;
    throw new StorageUnavailableError(`the table did not answer while ${doing}`, { cause: error });
  }
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
  /** When the accepted order was stored (its `processedAt`), for the receipt-to-stored latency. */
  storedAt?: string;
  now?: Date;
}

/**
 * Moves a pending submission to its final status and counts it, in one transaction. It is an upsert, so
 * that a submission whose pending record is missing (an event in the feed's form put on the bus by other
 * means than the feed) is still settled; direct submissions are recorded by the workflow first. A submission
 * already settled is left as it is (a redelivered event or a retried step), so nothing is counted twice,
 * with one exception: a rejected submission whose order has now been stored (a replayed event, after a rule
 * was relaxed) is accepted, since a stored order is never reported as rejected; the rejection goes to its
 * `history` and its error item is marked superseded. Answers whether this call settled it; only then is it added to the partner's trend counters.
 */
export async function settleSubmission(store: Store, settlement: SubmissionSettlement): Promise<boolean> {
  const now = settlement.now ?? new Date();
  const settled = await writeSettlement(store, { ...settlement, now });
  if (settled) {
    const { partnerId, submissionId, status, receivedAt, storedAt } = settlement;
    const latencyMs =
      status === 'accepted' && storedAt !== undefined
        ? Date.parse(storedAt) - Date.parse(receivedAt)
        : undefined;
    await recordTrend(store, {
      partnerId,
      submissionId,
      outcome: status,
      at: now,
      ...(latencyMs === undefined ? {} : { latencyMs }),
    });
  }
  return settled;
}

async function writeSettlement(store: Store, settlement: SubmissionSettlement): Promise<boolean> {
  const { partnerId, submissionId, status, receivedAt, payload, executionId, externalOrderId } = settlement;
  const now = settlement.now ?? new Date();
  const settled = {
    partnerId,
    submissionId,
    status,
    receivedAt,
    payload: toStoredPayload(payload).text,
    executionId,
    updatedAt: now.toISOString(),
    ...(externalOrderId === undefined ? {} : { externalOrderId }),
    ...(settlement.sequenceNumber === undefined ? {} : { sequenceNumber: settlement.sequenceNumber }),
    ...(settlement.issues === undefined ? {} : { issues: settlement.issues }),
  };
  if (status === 'rejected') return settleCounted(store, settled, 'rejected');
  const firstSettled =
    status === 'accepted'
      ? await settleAccepted(store, settled)
      : (await settleCounted(store, settled, 'duplicates')) && {
          reprocessed: hasRejectedAttempt(await getSubmission(store, partnerId, submissionId)),
        };
  if (firstSettled === false) return acceptRejected(store, settled, now);
  if (firstSettled.reprocessed && settlement.sequenceNumber !== undefined) {
    await markSuperseded(store, settled, { status, sequenceNumber: settlement.sequenceNumber }, now);
  }
  return true;
}

type Settled = Omit<Submission, 'status'> & { status: Exclude<SubmissionStatus, 'pending'> };

// An acceptance is counted by the order's number: one conditional write, not a transaction, which would
// cost twice the write units
// (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/transaction-apis.html#transaction-capacity-handling).
// The item as it was before comes back with the write (ReturnValues ALL_OLD, no extra read): it says whether
// this was a reprocessed rejection.
async function settleAccepted(store: Store, settled: Settled): Promise<false | { reprocessed: boolean }> {
  return withStorageRetries(async () => {
    try {
      const { data } = await store.entities.submission
        .upsert(settled)
        .where(
          ({ status: current }, { eq, notExists }) => `${notExists(current)} OR ${eq(current, 'pending')}`,
        )
        .go({ response: 'all_old' });
      return { reprocessed: hasRejectedAttempt(data as Partial<Submission> | null) };
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }, `settling submission ${settled.submissionId}`);
}

async function settleCounted(
  store: Store,
  settled: Settled,
  counted: 'rejected' | 'duplicates',
): Promise<boolean> {
  return withStorageRetries(async () => {
    const { canceled, data } = await store.transaction
      .write(({ submission, partnerStats }) => [
        submission
          .upsert(settled)
          .where(
            ({ status: current }, { eq, notExists }) => `${notExists(current)} OR ${eq(current, 'pending')}`,
          )
          .commit(),
        partnerStats
          .upsert({ partnerId: settled.partnerId })
          .add({ [counted]: 1 })
          .commit(),
      ])
      .go();
    if (!canceled) return true;
    if (data[0]?.code === 'ConditionalCheckFailed') return false;
    // The rest are races on the shared stats item (TransactionConflict): worth another try.
    throw new StorageUnavailableError(
      `settling submission ${settled.submissionId} was cancelled: ${data.map((result) => result.code).join(', ')}`,
    );
  }, `settling submission ${settled.submissionId}`);
}

// Reprocessing keeps the rejection it replaces as the last attempt of the history.
function hasRejectedAttempt(submission: Pick<Partial<Submission>, 'history'> | null): boolean {
  return submission?.history?.at(-1)?.status === 'rejected';
}

/** The attempt a submission's own fields describe, as its history keeps it once a new attempt replaces it. */
export function attemptOf(submission: Submission, replacedAt: Date): SubmissionAttempt {
  return {
    status: submission.status,
    settledAt: submission.updatedAt,
    replacedAt: replacedAt.toISOString(),
    ...(submission.executionId === undefined ? {} : { executionId: submission.executionId }),
    ...(submission.issues === undefined ? {} : { issues: submission.issues }),
  };
}

export type SubmissionAttempt = NonNullable<Submission['history']>[number];

// A stored order's submission found rejected (its event replayed after a rule was relaxed): it moves to its
// new status, uncounted as a rejection, only if it is still the rejection that was read.
async function acceptRejected(store: Store, settled: Settled, now: Date): Promise<boolean> {
  const { partnerId, submissionId } = settled;
  return withStorageRetries(async () => {
    const { data: current } = await store.entities.submission
      .get({ partnerId, submissionId })
      .go({ consistent: true });
    if (current === null || current.status !== 'rejected' || settled.sequenceNumber === undefined) {
      return false;
    }
    const { partnerId: _, submissionId: __, ...fields } = settled;
    const { canceled, data } = await store.transaction
      .write(({ submission, partnerStats }) => [
        submission
          .patch({ partnerId, submissionId })
          .set({
            ...fields,
            ...indexComposites({ submissionId, status: settled.status, receivedAt: current.receivedAt }),
            history: [...(current.history ?? []), attemptOf(current, now)],
          })
          .remove(['issues'])
          .where(
            ({ status, updatedAt }, { eq }) =>
              `${eq(status, 'rejected')} AND ${eq(updatedAt, current.updatedAt)}`,
          )
          .commit(),
        partnerStats
          .upsert({ partnerId })
          .add(settled.status === 'duplicate' ? { rejected: -1, duplicates: 1 } : { rejected: -1 })
          .commit(),
      ])
      .go();
    if (canceled) {
      if (data[0]?.code === 'ConditionalCheckFailed') return false;
      throw new StorageUnavailableError(
        `accepting rejected submission ${submissionId} was cancelled: ${data.map((result) => result.code).join(', ')}`,
      );
    }
    await markSuperseded(
      store,
      settled,
      { status: settled.status as 'accepted' | 'duplicate', sequenceNumber: settled.sequenceNumber },
      now,
    );
    return true;
  }, `accepting rejected submission ${submissionId}`);
}

// The rejection's error item stays (it is the record of what happened) and says what replaced it; an item
// already expired (30 days) is not brought back.
async function markSuperseded(
  store: Store,
  { partnerId, submissionId, receivedAt }: Pick<Submission, 'partnerId' | 'submissionId' | 'receivedAt'>,
  supersededBy: { status: 'accepted' | 'duplicate'; sequenceNumber: number },
  now: Date,
): Promise<void> {
  try {
    await withRetries(() =>
      store.entities.orderError
        .patch({ partnerId, receivedAt, submissionId })
        .set({ supersededBy, supersededAt: now.toISOString() })
        .go(),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
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
