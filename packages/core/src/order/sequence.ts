import { randomUUID } from 'node:crypto';
import type { EntityItem } from 'electrodb';
import { dynamoDb } from '../aws/limits';
import { SequenceContentionError, StorageUnavailableError, StoredOrderMissingError } from '../errors';
import { backoff, isConditionFailure, isTransient } from '../storage/retry';
import type { Store } from '../storage/store';
import { contentKey } from './content-key';
import { backlogShardCount, type OrderClaim, type SequencerLeaseEntity, type StoredOrder } from './entity';

/** What `sequenceAndStore` needs: a normalized order and the execution that processes it. */
export type OrderToStore = Omit<StoredOrder, 'sequenceNumber' | 'processedAt'>;

export type SequenceOutcome =
  | { status: 'accepted'; order: StoredOrder }
  | { status: 'duplicate'; sequenceNumber: number; originalSubmissionId: string }
  | { status: 'conflict'; sequenceNumber: number; originalSubmissionId: string };

export interface SequenceOptions {
  /** Attempts of each request that fails transiently before `StorageUnavailableError`. */
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** How long to wait for a number before giving up with `SequenceContentionError` (retried by the workflow). */
  budgetMs?: number;
  /** How long one holder of the numbering lease keeps numbering other executions' orders. */
  holdMs?: number;
  /** The holder keeps its turn past its own order only while a batch numbers at least this many orders. */
  continueFrom?: number;
  /** The shortest and the longest a waiting execution sleeps before it reads its claim again. */
  pollMs?: number;
  maxPollMs?: number;
  now?: () => Date;
}

const defaults = {
  maxAttempts: 8,
  baseDelayMs: 5,
  maxDelayMs: 200,
  budgetMs: 6_000,
  holdMs: 1_000,
  continueFrom: 10,
  pollMs: 20,
  maxPollMs: 250,
};

type Settings = typeof defaults & { now: () => Date };

/**
 * A numbering transaction holds the counter and, per order, its claim's stamp and the order itself: 49
 * orders with the counter make 99 of DynamoDB's 100 items. The bytes stay under the 4 MB limit with room
 * for the keys and the request's own text.
 */
export const maxOrdersPerNumbering = Math.floor((dynamoDb.maxTransactionItems - 1) / 2);
// Each backlog partition's oldest, enough for a full batch when the partitions are even.
const backlogReadPerShard = Math.ceil(maxOrdersPerNumbering / backlogShardCount) + 4;
const maxNumberingBytes = dynamoDb.maxTransactionBytes - 256 * 1024;
// A lease outlives its holder's numbering time by this much, so a slow last round does not lose it, and a
// holder that dies frees the partner this long after its turn would have ended.
const leaseSlackMs = 2_000;

/**
 * Gives the order the partner's next sequence number and stores it, exactly once, in two steps
 * (docs/sequencing.md):
 *
 * 1. The order's external-id claim is written, without a number, holding the order: the partner's backlog.
 *    A claim already there is this submission's own (a retried step), a duplicate, or a conflict.
 * 2. One execution at a time (the holder of the partner's numbering lease) numbers the oldest of the
 *    backlog, up to 49 orders per transaction: the counter moves from the value read by the count taken,
 *    each claim is stamped only if still unnumbered, and each order is stored under its number. The others
 *    read their claims until stamped, taking the lease themselves when it comes free.
 *
 * The same order again reports the original number (`duplicate`); the same external id with other content
 * is a `conflict`. Both wait for the original's number like the original does.
 */
export async function sequenceAndStore(
  store: Store,
  input: OrderToStore,
  options: SequenceOptions = {},
): Promise<SequenceOutcome> {
  const settings: Settings = { ...defaults, now: () => new Date(), ...definedOnly(options) };
  const key = contentKey(input);
  const deadline = Date.now() + settings.budgetMs;
  // The lease is read beside the claim's write, not tried: under load nearly every execution finds it held,
  // and a conditional write that fails still consumes write capacity on the lease's one partition (1 WCU
  // each; https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/read-write-operations.html),
  // where a partition takes about 1,000 WCU a second
  // (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/bp-partition-key-design.html).
  const [claimed, lease] = await Promise.all([
    enqueue(store, input, key, settings),
    readLease(store, input.partnerId, settings),
  ]);
  if (claimed.claim.sequenceNumber !== undefined) {
    return settleAgainstClaim(store, claimed.claim, input.submissionId, key, settings);
  }
  const numbered = await awaitNumber(store, claimed.claim, deadline, settings, lease);
  if (numbered.claim.submissionId === input.submissionId) {
    if (numbered.order !== undefined) return { status: 'accepted', order: numbered.order };
    // This call queued the claim, so the order stored under its number is this input with the stamp's
    // number and time: nothing to read back.
    const { sequenceNumber, processedAt } = numbered.claim;
    if (claimed.queued && sequenceNumber !== undefined && processedAt !== undefined) {
      return { status: 'accepted', order: { ...input, sequenceNumber, processedAt } };
    }
  }
  return settleAgainstClaim(store, numbered.claim, input.submissionId, key, settings);
}

/**
 * What is stored for this order without storing it: its own acceptance (this submission's claim and order),
 * a duplicate or conflict with another submission's claim, or null when the external id is unclaimed. The
 * workflow's failure path asks this before it calls anything a rejection, because the step that failed may
 * have committed first. A claim still in the backlog will be numbered by whoever numbers next, so this
 * waits for its number like `sequenceAndStore` does, and gives up with `SequenceContentionError` (the
 * submission is then left pending, never rejected).
 */
export async function findStoredOutcome(
  store: Store,
  input: Pick<OrderToStore, 'partnerId' | 'externalOrderId' | 'submissionId'> &
    Parameters<typeof contentKey>[0],
  options: SequenceOptions = {},
): Promise<SequenceOutcome | null> {
  const settings: Settings = { ...defaults, now: () => new Date(), ...definedOnly(options) };
  const deadline = Date.now() + settings.budgetMs;
  const claim = await readClaim(store, input.partnerId, input.externalOrderId, settings);
  if (claim === null) return null;
  const numbered =
    claim.sequenceNumber === undefined ? (await awaitNumber(store, claim, deadline, settings)).claim : claim;
  return settleAgainstClaim(store, numbered, input.submissionId, contentKey(input), settings);
}

interface Numbered {
  claim: OrderClaim;
  /** The stored order, when this execution numbered it and so knows it without reading. */
  order?: StoredOrder;
}

// Step 1: the claim, written only if absent; otherwise the claim already there.
async function enqueue(
  store: Store,
  input: OrderToStore,
  key: string,
  settings: Settings,
): Promise<{ claim: OrderClaim; queued: boolean }> {
  const { partnerId, externalOrderId, submissionId } = input;
  const claim: OrderClaim = {
    partnerId,
    externalOrderId,
    contentKey: key,
    submissionId,
    pendingOrder: JSON.stringify(input),
    queuedAt: settings.now().toISOString(),
  };
  for (let attempt = 1; ; attempt++) {
    try {
      await store.entities.orderClaim.create(claim).go();
      return { claim, queued: true };
    } catch (error) {
      if (isConditionFailure(error)) {
        const existing = await readClaim(store, partnerId, externalOrderId, settings);
        // Absent again: a claim cannot be deleted, so this is the read racing the write; try again, a
        // bounded number of times, then leave the order to the workflow's retry as a storage failure.
        if (existing !== null) return { claim: existing, queued: false };
        if (attempt >= settings.maxAttempts) {
          throw new StorageUnavailableError(
            `the claim of ${externalOrderId} was refused as present but read as absent ${attempt} times`,
          );
        }
      } else {
        await retryOrThrow(error, attempt, settings);
      }
    }
  }
}

// Step 2: until the claim is stamped, hold the lease and number the backlog, or wait for whoever holds it.
// A waiter sleeps as long as the holder's published progress says its claim needs, then reads the claim;
// it reads the lease only when its claim is still unnumbered, and takes it only when it is free.
async function awaitNumber(
  store: Store,
  claim: OrderClaim,
  deadline: number,
  settings: Settings,
  /** The lease as read beside the claim's write; read here when not given. */
  seen?: Lease | null,
): Promise<Numbered> {
  const { partnerId, externalOrderId } = claim;
  const queuedAt = Date.parse(claim.queuedAt ?? '') || Date.now();
  const initial = seen === undefined ? await readLease(store, partnerId, settings) : seen;
  let attempt = isFree(initial) ? await acquireLease(store, partnerId, settings) : { lease: initial };
  for (let round = 0; ; round++) {
    if ('holder' in attempt) {
      const numbered = await holdLease(store, attempt.holder, claim, settings);
      if (numbered !== undefined) return numbered;
      // Numbered by an earlier holder meanwhile: the read below finds it.
    }
    const lease = 'holder' in attempt ? undefined : attempt.lease;
    await sleep(waitFor(lease, queuedAt, round, settings));
    // The claim and the lease in one request: one read per wait, however deep the backlog.
    const { claim: current, lease: seen } = await readClaimAndLease(
      store,
      partnerId,
      externalOrderId,
      settings,
    );
    if (current?.sequenceNumber !== undefined) return { claim: current };
    if (Date.now() > deadline) {
      throw new SequenceContentionError(
        `order ${externalOrderId} of partner ${partnerId} was not numbered within ${settings.budgetMs} ms`,
      );
    }
    attempt = isFree(seen) ? await acquireLease(store, partnerId, settings) : { lease: seen };
  }
}

function isFree(lease: Lease | null): boolean {
  return lease === null || lease.leaseUntil < Date.now();
}

async function readLease(store: Store, partnerId: string, settings: Settings): Promise<Lease | null> {
  const { data } = await withTransientRetries(
    () => store.entities.sequencerLease.get({ partnerId }).go({ consistent: true }),
    settings,
  );
  return data as Lease | null;
}

async function readClaimAndLease(
  store: Store,
  partnerId: string,
  externalOrderId: string,
  settings: Settings,
): Promise<{ claim: OrderClaim | null; lease: Lease | null }> {
  // One request for both, whatever the backlog: waiters' reads are most of a busy partner's requests.
  const { data } = await withTransientRetries(
    () =>
      store.transaction
        .get(({ orderClaim, sequencerLease }) => [
          orderClaim.get({ partnerId, externalOrderId }).commit(),
          sequencerLease.get({ partnerId }).commit(),
        ])
        .go(),
    settings,
  );
  const [claim, lease] = data;
  return { claim: (claim?.item as OrderClaim | null) ?? null, lease: (lease?.item as Lease | null) ?? null };
}

type Lease = EntityItem<SequencerLeaseEntity>;

interface Holder {
  partnerId: string;
  id: string;
}

/**
 * How long a waiter sleeps before it reads its claim again. The holder publishes how far into the backlog
 * it has numbered (`through`, a queue time) and how fast it moves through queue time (`pace`); from them
 * the waiter tells when its own queue time comes up, so that a deep backlog costs each waiter a read or
 * two, not one every few milliseconds. Without them (a new holder's first batch), it backs off by doubling.
 */
function waitFor(
  lease: Lease | null | undefined,
  queuedAt: number,
  round: number,
  settings: Settings,
): number {
  const jitter = 0.75 + Math.random() / 2;
  const fallback = Math.min(settings.maxPollMs, settings.pollMs * 2 ** round);
  if (lease?.through === undefined || lease.pace === undefined || lease.progressAt === undefined) {
    const turnEnds =
      lease === null || lease === undefined ? fallback : lease.leaseUntil - leaseSlackMs - Date.now();
    return Math.max(settings.pollMs, Math.min(fallback, turnEnds + settings.pollMs)) * jitter;
  }
  const now = Date.now();
  const ahead = queuedAt - Date.parse(lease.through);
  const remaining = ahead / Math.max(lease.pace, 0.01) - (now - lease.progressAt);
  // No later than the holder's turn ends: then the lease is free for whoever looks first.
  const turnEnds = lease.leaseUntil - leaseSlackMs - now;
  const wait = Math.min(remaining, turnEnds) + settings.pollMs;
  return Math.min(settings.maxPollMs, Math.max(settings.pollMs, wait)) * jitter;
}

async function acquireLease(
  store: Store,
  partnerId: string,
  settings: Settings,
): Promise<{ holder: Holder } | { lease: Lease | null }> {
  const id = randomUUID();
  const now = Date.now();
  try {
    const result = await store.entities.sequencerLease
      .put({ partnerId, holder: id, leaseUntil: now + settings.holdMs + leaseSlackMs })
      .where(({ holder, leaseUntil }, { notExists, lt }) => `${notExists(holder)} OR ${lt(leaseUntil, now)}`)
      .go({ returnOnConditionCheckFailure: 'all_old' });
    // Held by another: the answer carries the lease as it stands, with its holder's progress.
    if ('rejected' in result && result.rejected) return { lease: (result.data as Lease | null) ?? null };
    return { holder: { partnerId, id } };
  } catch (error) {
    // The table did not answer: this execution waits and looks again.
    if (isTransient(error)) return { lease: null };
    throw error;
  }
}

// After each batch the holder says how far it got, for the waiters' `waitFor`.
async function publishProgress(
  store: Store,
  { partnerId, id }: Holder,
  progress: { through: string; pace: number | undefined },
): Promise<void> {
  try {
    await store.entities.sequencerLease
      .patch({ partnerId })
      .set({
        through: progress.through,
        progressAt: Date.now(),
        ...(progress.pace === undefined ? {} : { pace: progress.pace }),
      })
      .where(({ holder }, { eq }) => eq(holder, id))
      .go();
  } catch (error) {
    // Progress is advice: a lease taken over, or a busy table, costs the waiters only a read.
    if (!isConditionFailure(error) && !isTransient(error)) throw error;
  }
}

async function releaseLease(store: Store, { partnerId, id }: Holder): Promise<void> {
  try {
    await store.entities.sequencerLease
      .delete({ partnerId })
      .where(({ holder }, { eq }) => eq(holder, id))
      .go();
  } catch (error) {
    // Taken over after it ran out, or unreachable: it runs out by itself.
    if (!isConditionFailure(error) && !isTransient(error)) throw error;
  }
}

/**
 * The holder's turn: numbers the backlog, this execution's own claim first, batch after batch until the
 * backlog is empty or `holdMs` has passed, then lets the lease go. An order queued while the lease was
 * still held is not left behind: its execution looks again within a short wait, finds the lease free and
 * takes it. Answers the claim numbered, when this turn numbered it.
 */
async function holdLease(
  store: Store,
  holder: Holder,
  claim: OrderClaim,
  settings: Settings,
): Promise<Numbered | undefined> {
  const until = Date.now() + settings.holdMs;
  let own: Numbered | undefined;
  // The claim turned out numbered by an earlier holder (its stamp's condition failed): not this one's to do.
  let ownElsewhere = false;
  let counter: number | undefined;
  let counterKnown = false;
  const stale = new Set<string>();
  // Where this turn's numbering started, in queue time and wall time, for the pace it publishes.
  let first: { through: number; at: number } | undefined;
  let progressed: Promise<void> = Promise.resolve();
  for (;;) {
    const [backlog, read] = await Promise.all([
      readBacklog(store, claim.partnerId, stale, settings),
      counterKnown ? Promise.resolve(counter) : readCounter(store, claim.partnerId, settings),
    ]);
    counter = read;
    counterKnown = true;
    const others = backlog.filter((c) => c.externalOrderId !== claim.externalOrderId);
    // Its own claim first, so that the holder's order never waits behind others'.
    const candidates = own === undefined && !ownElsewhere ? [claim, ...others] : others;
    if (candidates.length === 0) break;
    const round = await numberBatch(store, claim.partnerId, counter, candidates, settings);
    counter = round.counter;
    counterKnown = round.counterKnown;
    for (const id of round.stale) stale.add(id);
    const through = newestQueued(round.numbered, claim.externalOrderId);
    if (through !== undefined) {
      const now = Date.now();
      first ??= { through: Date.parse(through), at: now };
      const elapsed = now - first.at;
      const pace = elapsed > 0 ? (Date.parse(through) - first.through) / elapsed : undefined;
      // Not awaited before the next batch: progress is advice, and its write overlaps the next batch. The
      // one before is awaited first, so a later `through` is never overwritten by an earlier one.
      await progressed;
      progressed = publishProgress(store, holder, { through, pace });
      // Marked handled now; its error, if any, is thrown where it is awaited.
      progressed.catch(() => {});
    }
    const mine = round.numbered.find((n) => n.claim.externalOrderId === claim.externalOrderId);
    if (mine !== undefined) own = mine;
    else if (round.stale.includes(claim.externalOrderId)) ownElsewhere = true;
    // Alone in the backlog and numbered: nothing is left to look for.
    if (others.length === 0 && round.numbered.length === candidates.length) break;
    // Its own order numbered and the backlog thin: the turn ends, so this execution answers now instead
    // of serving a trickle for the rest of `holdMs`; whoever queued next takes the lease. A deep backlog
    // keeps the holder numbering, where batching pays.
    if ((own !== undefined || ownElsewhere) && round.numbered.length < settings.continueFrom) break;
    if (Date.now() >= until) break;
  }
  await progressed;
  await releaseLease(store, holder);
  return own;
}

// The newest queue time among the claims numbered, the holder's own (numbered first, out of turn) aside.
function newestQueued(numbered: Numbered[], ownExternalId: string): string | undefined {
  let newest: string | undefined;
  for (const { claim } of numbered) {
    if (claim.externalOrderId === ownExternalId || claim.queuedAt === undefined) continue;
    if (newest === undefined || claim.queuedAt > newest) newest = claim.queuedAt;
  }
  return newest;
}

interface Round {
  /** The counter after the round, as this holder last knew it, and whether it knows it (else read it). */
  counter: number | undefined;
  counterKnown: boolean;
  numbered: Numbered[];
  /** Claims found numbered already (a stale index read): left out of later batches. */
  stale: string[];
}

// One numbering transaction over the oldest candidates that fit; a cancelled one re-reads what it lost on.
async function numberBatch(
  store: Store,
  partnerId: string,
  last: number | undefined,
  candidates: OrderClaim[],
  settings: Settings,
): Promise<Round> {
  const batch = fitBatch(candidates);
  const from = last ?? 0;
  const processedAt = settings.now().toISOString();
  const orders = batch.map((claim, index): StoredOrder => {
    const pending = parsePendingOrder(claim);
    return { ...pending, sequenceNumber: from + index + 1, processedAt };
  });
  const to = from + batch.length;
  try {
    const { canceled, data } = await store.transaction
      .write(({ partnerCounter, order: orderEntity, orderClaim }) => [
        last === undefined
          ? partnerCounter.create({ partnerId, lastSequenceNumber: to }).commit()
          : partnerCounter
              .patch({ partnerId })
              .set({ lastSequenceNumber: to })
              .where(({ lastSequenceNumber }, { eq }) => eq(lastSequenceNumber, last))
              .commit(),
        ...orders.flatMap((order) => [
          orderClaim
            .patch({ partnerId, externalOrderId: order.externalOrderId })
            .set({ sequenceNumber: order.sequenceNumber, processedAt })
            .remove(['pendingOrder', 'queuedAt'])
            .where(({ sequenceNumber }, { notExists }) => notExists(sequenceNumber))
            .commit(),
          orderEntity.create(order).commit(),
        ]),
      ])
      .go();
    if (!canceled) {
      return {
        counter: to,
        counterKnown: true,
        numbered: batch.map((claim, index) => {
          const order = orders[index] as StoredOrder;
          return {
            claim: { ...claim, sequenceNumber: order.sequenceNumber, processedAt },
            order,
          };
        }),
        stale: [],
      };
    }
    const stale = batch
      .filter((_, index) => data[1 + 2 * index]?.code === 'ConditionalCheckFailed')
      .map((claim) => claim.externalOrderId);
    // Only stale claims lost it: the counter stands. Otherwise it moved under this holder (a lease that
    // ran out) or another write met it: the next round reads it again.
    const counterStands = stale.length > 0 && (data[0]?.code === 'None' || data[0]?.code === undefined);
    return { counter: last, counterKnown: counterStands, numbered: [], stale };
  } catch (error) {
    if (!isTransient(error)) throw error;
    await backoff(1, settings);
    return { counter: last, counterKnown: false, numbered: [], stale: [] };
  }
}

// The oldest candidates that fit one transaction, by items and by bytes (each order is written twice: the
// claim as it was, the order as it will be).
function fitBatch(candidates: OrderClaim[]): OrderClaim[] {
  const batch: OrderClaim[] = [];
  let bytes = 0;
  for (const claim of candidates) {
    const size = 2 * (Buffer.byteLength(claim.pendingOrder ?? '') + 512);
    if (batch.length > 0 && (batch.length >= maxOrdersPerNumbering || bytes + size > maxNumberingBytes))
      break;
    batch.push(claim);
    bytes += size;
  }
  return batch;
}

// The partner's unnumbered claims, oldest first, across the backlog's partitions.
async function readBacklog(
  store: Store,
  partnerId: string,
  stale: ReadonlySet<string>,
  settings: Settings,
): Promise<OrderClaim[]> {
  const shards = Array.from({ length: backlogShardCount }, (_, shard) => String(shard));
  const pages = await Promise.all(
    shards.map((backlogShard) =>
      withTransientRetries(
        () =>
          store.entities.orderClaim.query
            .backlog({ partnerId, backlogShard })
            .go({ limit: backlogReadPerShard, pages: 1 }),
        settings,
      ),
    ),
  );
  return pages
    .flatMap((page) => page.data)
    .filter((claim) => claim.sequenceNumber === undefined && !stale.has(claim.externalOrderId))
    .sort((a, b) => (a.queuedAt ?? '').localeCompare(b.queuedAt ?? ''));
}

async function readCounter(store: Store, partnerId: string, settings: Settings): Promise<number | undefined> {
  const { data } = await withTransientRetries(
    () => store.entities.partnerCounter.get({ partnerId }).go({ consistent: true }),
    settings,
  );
  return data?.lastSequenceNumber;
}

async function readClaim(
  store: Store,
  partnerId: string,
  externalOrderId: string,
  settings: Settings,
): Promise<OrderClaim | null> {
  const { data } = await withTransientRetries(
    () => store.entities.orderClaim.get({ partnerId, externalOrderId }).go({ consistent: true }),
    settings,
  );
  return data;
}

async function settleAgainstClaim(
  store: Store,
  claim: OrderClaim,
  submissionId: string,
  contentKey: string,
  settings: Settings,
): Promise<SequenceOutcome> {
  const { sequenceNumber, submissionId: originalSubmissionId, partnerId } = claim;
  if (sequenceNumber === undefined) {
    throw new SequenceContentionError(`claim of ${claim.externalOrderId} is not numbered yet`);
  }
  // The same submission again (a retried step whose first try committed): it is still that acceptance.
  if (originalSubmissionId === submissionId) {
    const { data } = await withTransientRetries(
      () => store.entities.order.get({ partnerId, sequenceNumber }).go({ consistent: true }),
      settings,
    );
    if (data !== null) return { status: 'accepted', order: data };
    // Its own claim, numbered, with nothing under the number: neither a duplicate nor safe to number again.
    throw new StoredOrderMissingError(
      `the claim of ${claim.externalOrderId} gives submission ${submissionId} number ${sequenceNumber} of ${partnerId}, but no order is stored under it`,
    );
  }
  const status = claim.contentKey === contentKey ? 'duplicate' : 'conflict';
  return { status, sequenceNumber, originalSubmissionId };
}

function parsePendingOrder(claim: OrderClaim): OrderToStore {
  if (claim.pendingOrder === undefined) {
    throw new Error(`claim of ${claim.externalOrderId} holds no order to number`);
  }
  return JSON.parse(claim.pendingOrder) as OrderToStore;
}

async function withTransientRetries<T>(task: () => Promise<T>, settings: Settings): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await task();
    } catch (error) {
      await retryOrThrow(error, attempt, settings);
    }
  }
}

async function retryOrThrow(error: unknown, attempt: number, settings: Settings): Promise<void> {
  if (!isTransient(error)) throw error;
  if (attempt >= settings.maxAttempts) {
    throw new StorageUnavailableError(`storage did not answer after ${settings.maxAttempts} attempts`, {
      cause: error,
    });
  }
  await backoff(attempt, settings);
}

function definedOnly<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as Partial<T>;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
