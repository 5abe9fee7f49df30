import { SequenceContentionError, StorageUnavailableError } from '../errors';
import { backoff, isTransient } from '../storage/retry';
import type { Store } from '../storage/store';
import { contentKey } from './content-key';
import type { OrderClaim, StoredOrder } from './entity';

/** What `sequenceAndStore` needs: a normalized order and the execution that processes it. */
export type OrderToStore = Omit<StoredOrder, 'sequenceNumber' | 'processedAt'>;

export type SequenceOutcome =
  | { status: 'accepted'; order: StoredOrder }
  | { status: 'duplicate'; sequenceNumber: number; originalSubmissionId: string }
  | { status: 'conflict'; sequenceNumber: number; originalSubmissionId: string };

export interface SequenceOptions {
  /** Transaction attempts before giving up with `SequenceContentionError`. */
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  now?: () => Date;
}

const defaults = { maxAttempts: 40, baseDelayMs: 5, maxDelayMs: 500 };

/**
 * Gives the order the partner's next sequence number and stores it, in one transaction: the counter moves
 * only from the value read, and the order and its external-id claim are written only if absent. The same
 * order again is a duplicate that reports the original number; the same external id with other content
 * is a conflict. Lost races are retried with jittered backoff.
 */
export async function sequenceAndStore(
  store: Store,
  input: OrderToStore,
  options: SequenceOptions = {},
): Promise<SequenceOutcome> {
  const { maxAttempts, baseDelayMs, maxDelayMs } = { ...defaults, ...options };
  const now = options.now ?? (() => new Date());
  const key = contentKey(input);
  const { partnerId, externalOrderId, submissionId } = input;

  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    try {
      const claim = await readClaim(store, partnerId, externalOrderId);
      if (claim !== null) return await settleAgainstClaim(store, claim, submissionId, key);

      const counter = await store.entities.partnerCounter.get({ partnerId }).go({ consistent: true });
      const last = counter.data?.lastSequenceNumber;
      const order: StoredOrder = {
        ...input,
        sequenceNumber: (last ?? 0) + 1,
        processedAt: now().toISOString(),
      };
      const { canceled, data } = await store.transaction
        .write(({ partnerCounter, order: orders, orderClaim }) => [
          last === undefined
            ? partnerCounter.create({ partnerId, lastSequenceNumber: order.sequenceNumber }).commit()
            : partnerCounter
                .patch({ partnerId })
                .set({ lastSequenceNumber: order.sequenceNumber })
                .where(({ lastSequenceNumber }, { eq }) => eq(lastSequenceNumber, last))
                .commit(),
          orders.create(order).commit(),
          orderClaim
            .create({
              partnerId,
              externalOrderId,
              sequenceNumber: order.sequenceNumber,
              contentKey: key,
              submissionId,
            })
            .commit(),
        ])
        .go();
      if (!canceled) return { status: 'accepted', order };
      // A failed claim condition means the id was taken meanwhile: the next turn reads the claim at once.
      if (data[2]?.code === 'ConditionalCheckFailed') continue;
    } catch (error) {
      if (!isTransient(error)) throw error;
      if (attempt === maxAttempts) {
        throw new StorageUnavailableError(`storage did not answer after ${maxAttempts} attempts`, {
          cause: error,
        });
      }
    }
    await backoff(attempt, { maxAttempts, baseDelayMs, maxDelayMs });
  }
  throw new SequenceContentionError(
    `could not take a sequence number for partner ${partnerId} after ${maxAttempts} attempts`,
  );
}

/**
 * What is stored for this order without writing anything: its own acceptance (this submission's claim and
 * order), a duplicate or conflict with another submission's claim, or null when the external id is unclaimed.
 * The workflow's failure path asks this before it calls anything a rejection, because the step that failed
 * may have committed first.
 */
export async function findStoredOutcome(
  store: Store,
  input: Pick<OrderToStore, 'partnerId' | 'externalOrderId' | 'submissionId'> &
    Parameters<typeof contentKey>[0],
): Promise<SequenceOutcome | null> {
  const claim = await readClaim(store, input.partnerId, input.externalOrderId);
  return claim === null ? null : settleAgainstClaim(store, claim, input.submissionId, contentKey(input));
}

async function readClaim(
  store: Store,
  partnerId: string,
  externalOrderId: string,
): Promise<OrderClaim | null> {
  const { data } = await store.entities.orderClaim
    .get({ partnerId, externalOrderId })
    .go({ consistent: true });
  return data;
}

async function settleAgainstClaim(
  store: Store,
  claim: OrderClaim,
  submissionId: string,
  contentKey: string,
): Promise<SequenceOutcome> {
  const { sequenceNumber, submissionId: originalSubmissionId, partnerId } = claim;
  // The same submission again (a retried step whose first try committed): it is still that acceptance.
  if (originalSubmissionId === submissionId) {
    const { data } = await store.entities.order.get({ partnerId, sequenceNumber }).go({ consistent: true });
    if (data !== null) return { status: 'accepted', order: data };
  }
  const status = claim.contentKey === contentKey ? 'duplicate' : 'conflict';
  return { status, sequenceNumber, originalSubmissionId };
}
