import { type OrderSubmitted, toOrderAccepted } from '../events/contracts';
import type { EventEntry } from '../events/publisher';
import { detailTypes, partnerSource, workflowSource } from '../events/sources';
import type { RejectionCode } from '../order/issue';
import { maxOrderBytes, parseStoredPayload } from '../storage/payload';
import type { Store } from '../storage/store';
import { recordRejection } from '../workflow/steps';
import { indexComposites, pendingShards } from './entity';
import type { Submission } from './submission';
import type { SubmitDependencies } from './submit';
import { publishEntries } from './submit';

export interface RecoveryOptions {
  /** Only submissions received at least this long ago: younger ones may still be on their way. */
  minAgeMs?: number;
  now?: Date;
}

export interface RecoveryReport {
  /** Submissions found pending (old enough). */
  pending: number;
  /** Announced again as OrderSubmitted events, with their original ids. */
  requeued: { partnerId: string; submissionId: string }[];
  /** Accepted orders whose OrderAccepted could not be put by the workflow, emitted now. */
  reannounced: { partnerId: string; submissionId: string; sequenceNumber: number }[];
}

/**
 * Pending submissions received at or before `before`, oldest first in each shard, read from the sparse
 * `byPendingAge` index (never a scan: the table holds every order, the index only what is pending).
 */
export async function listPendingSubmissions(store: Store, before: string): Promise<Submission[]> {
  const shards = await Promise.all(
    pendingShards.map(async (pendingShard) => {
      const { data } = await store.entities.submission.query
        .byPendingAge({ status: 'pending', pendingShard })
        .lte({ receivedAt: before })
        .go({ pages: 'all' });
      return data;
    }),
  );
  // The index is eventually consistent: a submission settled a moment ago may still be listed there.
  return shards.flat().filter((submission) => submission.status === 'pending');
}

/** When the oldest pending submission was received, or undefined when nothing is pending. */
export async function oldestPendingReceivedAt(store: Store): Promise<string | undefined> {
  const firsts = await Promise.all(
    pendingShards.map(async (pendingShard) => {
      const { data } = await store.entities.submission.query
        .byPendingAge({ status: 'pending', pendingShard })
        .go({ limit: 1 });
      return data[0]?.receivedAt;
    }),
  );
  return firsts.filter((receivedAt) => receivedAt !== undefined).sort()[0];
}

/**
 * Announces every stuck pending submission again, with its original id, time and payload. The workflow is
 * idempotent per submission (a stored order answers for its own submission, a rejection is recorded once),
 * so a submission that was in fact still running is not harmed by a second run.
 */
export async function requeuePendingSubmissions(
  deps: SubmitDependencies,
  options: RecoveryOptions = {},
): Promise<RecoveryReport> {
  const now = options.now ?? new Date();
  const before = new Date(now.getTime() - (options.minAgeMs ?? 0)).toISOString();
  const pending = await listPendingSubmissions(deps.store, before);
  const submissions: OrderSubmitted[] = [];
  for (const submission of pending) {
    const { submissionId, partnerId, receivedAt } = submission;
    const stored = parseStoredPayload(submission.payload);
    if (stored.ok) submissions.push({ submissionId, partnerId, receivedAt, payload: stored.payload });
    else await rejectUnreadable(deps.store, submission);
  }
  await publishEntries(
    deps,
    submissions.map((submission) => ({
      EventBusName: deps.busName,
      Source: partnerSource(submission.partnerId),
      DetailType: detailTypes.orderSubmitted,
      Detail: JSON.stringify(submission),
    })),
  );
  return {
    pending: pending.length,
    requeued: submissions.map(({ partnerId, submissionId }) => ({ partnerId, submissionId })),
    reannounced: await reannounceAccepted(deps),
  };
}

// A payload that no longer parses (cut to size for storage) is not the order that was sent: replaying the
// text would validate something else. It is rejected with what is left of it, and says why.
async function rejectUnreadable(store: Store, submission: Submission): Promise<void> {
  await recordRejection(store, {
    submissionId: submission.submissionId,
    partnerId: submission.partnerId,
    receivedAt: submission.receivedAt,
    category: 'validation',
    issues: [
      {
        path: '',
        code: 'payload_unreadable' satisfies RejectionCode,
        message: `the stored order is not whole (over ${maxOrderBytes} bytes when it was sent) and cannot be processed; send it again smaller`,
      },
    ],
    payload: submission.payload,
    executionId: 'recovery',
  });
}

/**
 * Accepted submissions marked as not announced, read from the `byPendingAge` index's `accepted`
 * partitions, where only marked ones have keys (never a scan). The index is eventually consistent, so a
 * mark made a moment ago may show on the next run.
 */
export async function listUnannouncedSubmissions(store: Store): Promise<Submission[]> {
  const shards = await Promise.all(
    pendingShards.map(async (pendingShard) => {
      const { data } = await store.entities.submission.query
        .byPendingAge({ status: 'accepted', pendingShard })
        .go({ pages: 'all' });
      return data;
    }),
  );
  return shards.flat().filter((submission) => submission.announcementPending === true);
}

/**
 * Emits OrderAccepted for every stored order the workflow could not announce, then clears the mark. It is
 * cleared only after the put succeeded, so a failure here leaves it for the next run: consumers see an
 * order at least once and deduplicate on its `deduplicationId`.
 */
async function reannounceAccepted(deps: SubmitDependencies): Promise<RecoveryReport['reannounced']> {
  const marked = await listUnannouncedSubmissions(deps.store);
  const announced: RecoveryReport['reannounced'] = [];
  const entries: EventEntry[] = [];
  for (const { partnerId, submissionId, sequenceNumber } of marked) {
    if (sequenceNumber === undefined) continue;
    const { data: order } = await deps.store.entities.order
      .get({ partnerId, sequenceNumber })
      .go({ consistent: true });
    if (order === null || order.submissionId !== submissionId) continue;
    entries.push({
      EventBusName: deps.busName,
      Source: workflowSource,
      DetailType: detailTypes.orderAccepted,
      Detail: JSON.stringify(toOrderAccepted(order)),
    });
    announced.push({ partnerId, submissionId, sequenceNumber });
  }
  await publishEntries(deps, entries);
  const markedById = new Map(marked.map((submission) => [submission.submissionId, submission]));
  for (const { partnerId, submissionId } of announced) {
    const submission = markedById.get(submissionId);
    if (submission === undefined) continue;
    // With its composites given, the index is recomputed and the submission leaves it.
    await deps.store.entities.submission
      .patch({ partnerId, submissionId })
      .set(indexComposites(submission))
      .remove(['announcementPending'])
      .go();
  }
  return announced;
}
