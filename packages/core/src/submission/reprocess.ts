import { StorageUnavailableError } from '../errors';
import type { OrderSubmitted } from '../events/contracts';
import { detailTypes, partnerSource } from '../events/sources';
import { parseStoredPayload } from '../storage/payload';
import { withRetries } from '../storage/retry';
import type { Store } from '../storage/store';
import { indexComposites } from './entity';
import { attemptOf, getSubmission, type Submission } from './submission';
import { publishEntries, type SubmitDependencies } from './submit';

/** What reprocessing a submission did. */
export type ReprocessResult =
  /** It was rejected: now pending again, its rejection in `history`, and announced again with its own id. */
  | { outcome: 'requeued'; submission: Submission }
  /** Accepted or a duplicate: it keeps its number, and nothing was changed. */
  | { outcome: 'already_settled'; submission: Submission }
  /** Still pending: the workflow (or recovery) has it, so it is not announced twice. */
  | { outcome: 'in_progress'; submission: Submission }
  /** Its stored payload is not whole (cut to fit storage): it is not the order that was sent. */
  | { outcome: 'unreadable'; submission: Submission }
  | { outcome: 'not_found' };

export interface ReprocessOptions {
  now?: Date;
}

/**
 * Runs a rejected submission's stored payload through the workflow again. The submission moves back to
 * `pending` first (only if it is still the rejection that was read; the rejection is kept in `history` and
 * no longer counted), then its `OrderSubmitted` is put with its original id, time and payload, the path
 * recovery takes. The workflow settles it anew; its number, if it is accepted now, comes from the same
 * claim as any order's, so a submission is never numbered twice. Anything but a rejection is left as it is.
 */
export async function reprocessSubmission(
  deps: SubmitDependencies,
  partnerId: string,
  submissionId: string,
  options: ReprocessOptions = {},
): Promise<ReprocessResult> {
  const now = options.now ?? new Date();
  for (;;) {
    const { data: submission } = await withRetries(() =>
      deps.store.entities.submission.get({ partnerId, submissionId }).go({ consistent: true }),
    );
    if (submission === null) return { outcome: 'not_found' };
    if (submission.status === 'pending') return { outcome: 'in_progress', submission };
    if (submission.status !== 'rejected') return { outcome: 'already_settled', submission };
    const stored = parseStoredPayload(submission.payload);
    if (!stored.ok) return { outcome: 'unreadable', submission };
    if (!(await moveToPending(deps.store, submission, now))) continue;
    const event: OrderSubmitted = {
      submissionId,
      partnerId,
      receivedAt: submission.receivedAt,
      payload: stored.payload,
    };
    // Pending and in recovery's index before it is announced: a refused put leaves it for recovery.
    await publishEntries(deps, [
      {
        EventBusName: deps.busName,
        Source: partnerSource(partnerId),
        DetailType: detailTypes.orderSubmitted,
        Detail: JSON.stringify(event),
      },
    ]);
    const requeued = await getSubmission(deps.store, partnerId, submissionId);
    return { outcome: 'requeued', submission: requeued ?? submission };
  }
}

// One transaction: the submission back to pending (conditioned on the rejection read, so two reprocesses
// racing append one attempt and publish once) and its rejection taken off the partner's count, which the
// new settlement adds again if it is rejected again. Answers false when the submission changed meanwhile.
async function moveToPending(store: Store, submission: Submission, now: Date): Promise<boolean> {
  const { partnerId, submissionId } = submission;
  return withRetries(async () => {
    const { canceled, data } = await store.transaction
      .write(({ submission: entity, partnerStats }) => [
        entity
          .patch({ partnerId, submissionId })
          .set({
            ...indexComposites({ submissionId, status: 'pending', receivedAt: submission.receivedAt }),
            updatedAt: now.toISOString(),
            history: [...(submission.history ?? []), attemptOf(submission, now)],
          })
          .remove(['issues', 'executionId'])
          .where(
            ({ status, updatedAt }, { eq }) =>
              `${eq(status, 'rejected')} AND ${eq(updatedAt, submission.updatedAt)}`,
          )
          .commit(),
        partnerStats.upsert({ partnerId }).add({ rejected: -1 }).commit(),
      ])
      .go();
    if (!canceled) return true;
    if (data[0]?.code === 'ConditionalCheckFailed') return false;
    throw new StorageUnavailableError(
      `reprocessing submission ${submissionId} was cancelled: ${data.map((result) => result.code).join(', ')}`,
    );
  });
}
