import type { OrderSubmitted } from '../events/contracts';
import { detailTypes, partnerSource } from '../events/sources';
import type { Store } from '../storage/store';
import { pendingShards } from './entity';
import type { Submission } from './submission';
import type { SubmitDependencies } from './submit';
import { publishEntries } from './submit';

/**
 * How long a submission may stay pending before recovery announces it again. Well past an Express
 * execution's 5-minute limit and the workflow's retries, so a submission still on its way is left alone.
 */
export const defaultRecoveryMinAgeMs = 15 * 60_000;

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
  const submissions: OrderSubmitted[] = pending.map((submission) => ({
    submissionId: submission.submissionId,
    partnerId: submission.partnerId,
    receivedAt: submission.receivedAt,
    payload: parseStoredPayload(submission.payload),
  }));
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
  };
}

// A payload cut to size for storage no longer parses; it is announced as text, and validation rejects it
// with a clear issue rather than the submission staying pending for ever.
function parseStoredPayload(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
