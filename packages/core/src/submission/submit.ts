import { randomUUID } from 'node:crypto';
import { OrdersError } from '../errors';
import type { OrderSubmitted } from '../events/contracts';
import { batchEntries, type EventEntry, type EventPublisher } from '../events/publisher';
import { detailTypes, partnerSource } from '../events/sources';
import { isTransient } from '../storage/retry';
import type { Store } from '../storage/store';
import { recordSubmission } from './submission';

/** Some OrderSubmitted events could not be published; their submissions stay pending and can be replayed. */
export class PublishFailedError extends OrdersError {
  override readonly name = 'PublishFailedError';
  readonly code = 'publish_failed';
  override readonly transient = true;
  /** Every submission of the request: all are recorded, some may not have been announced yet. */
  submissions: OrderSubmitted[] = [];
  /** The entries (by position in what was to be published) that were not put; the others were. */
  readonly unpublished: readonly number[];

  constructor(message: string, unpublished: readonly number[], options?: ErrorOptions) {
    super(message, options);
    this.unpublished = unpublished;
  }

  /** The submissions whose event was not put: they wait for recovery, the rest are being processed. */
  get notQueued(): OrderSubmitted[] {
    return this.unpublished.flatMap((i) => this.submissions[i] ?? []);
  }
}

/**
 * Some orders of a request could not be recorded (the table kept refusing them); the others were recorded
 * and published, and are being processed. The unrecorded ones exist nowhere: the partner sends them again.
 */
export class PartiallyRecordedError extends OrdersError {
  override readonly name = 'PartiallyRecordedError';
  readonly code = 'partially_recorded';
  override readonly transient = true;

  constructor(
    message: string,
    /** The submissions recorded, in the request's order. */
    readonly recorded: readonly OrderSubmitted[],
    /** Positions, in the request, of the orders not recorded. */
    readonly notRecorded: readonly number[],
    /** Recorded submissions whose event could not be put either: they wait for recovery. */
    readonly notQueued: readonly OrderSubmitted[],
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

export interface SubmitDependencies {
  store: Store;
  publisher: EventPublisher;
  busName: string;
}

export interface SubmitOptions {
  now?: Date;
  /** PutEvents attempts for entries that fail. */
  maxAttempts?: number;
  retryBaseDelayMs?: number;
  /** The partner's own id of a raw order, kept on its pending record so listings show it before it settles. */
  externalOrderIdOf?: (payload: unknown) => string | null;
}

/**
 * Records each order as a pending submission and then publishes it as an `OrderSubmitted` event, retrying
 * entries that fail. A submission is never lost between the two: it is stored before it is announced.
 */
export async function submitOrders(
  deps: SubmitDependencies,
  partnerId: string,
  payloads: unknown[],
  options: SubmitOptions = {},
): Promise<OrderSubmitted[]> {
  const receivedAt = (options.now ?? new Date()).toISOString();
  const submissions: OrderSubmitted[] = payloads.map((payload) => ({
    submissionId: randomUUID(),
    partnerId,
    receivedAt,
    payload,
  }));
  const records = await Promise.allSettled(
    submissions.map((submission) => {
      const externalOrderId = options.externalOrderIdOf?.(submission.payload) ?? null;
      return recordSubmission(
        deps.store,
        externalOrderId === null || externalOrderId === '' ? submission : { ...submission, externalOrderId },
      );
    }),
  );
  const notRecorded = records.flatMap((record, i) => (record.status === 'rejected' ? [i] : []));
  const failures = records.flatMap((record) => (record.status === 'rejected' ? [record.reason] : []));
  // Nothing recorded, or a failure that is not the table's capacity: the request fails as a whole.
  if (notRecorded.length === submissions.length || failures.some((failure) => !isTransient(failure))) {
    throw failures.find((failure) => !isTransient(failure)) ?? failures[0];
  }
  if (notRecorded.length > 0) {
    // The recorded ones go on now; the partner is told which to send again.
    const recorded = submissions.filter((_, i) => !notRecorded.includes(i));
    let notQueued: OrderSubmitted[] = [];
    try {
      await publishSubmissions(deps, recorded, options);
    } catch (error) {
      if (!(error instanceof PublishFailedError)) throw error;
      notQueued = error.notQueued;
    }
    throw new PartiallyRecordedError(
      `${notRecorded.length} of ${submissions.length} orders could not be recorded`,
      recorded,
      notRecorded,
      notQueued,
      { cause: failures[0] },
    );
  }
  await publishSubmissions(deps, submissions, options);
  return submissions;
}

/** Publishes recorded submissions as OrderSubmitted events; `PublishFailedError` names those not put. */
async function publishSubmissions(
  deps: SubmitDependencies,
  submissions: OrderSubmitted[],
  options: SubmitOptions,
): Promise<void> {
  const entries = submissions.map(
    (submission): EventEntry => ({
      EventBusName: deps.busName,
      Source: partnerSource(submission.partnerId),
      DetailType: detailTypes.orderSubmitted,
      Detail: JSON.stringify(submission),
    }),
  );
  try {
    await publishEntries(deps, entries, options);
  } catch (error) {
    if (error instanceof PublishFailedError) error.submissions = submissions;
    throw error;
  }
}

/**
 * Puts entries in requests within PutEvents' count and size limits, re-sending refused entries and requests
 * that failed whole. Every request is tried, so one failing does not keep the others' entries back; throws
 * `PublishFailedError`, naming the entries left unpublished, when some stay refused.
 */
export async function publishEntries(
  deps: Pick<SubmitDependencies, 'publisher'>,
  entries: EventEntry[],
  options: SubmitOptions = {},
): Promise<void> {
  const positions = new Map(entries.map((entry, i) => [entry, i]));
  const unpublished: number[] = [];
  let lastFailure: unknown;
  for (const batch of batchEntries(entries)) {
    const { failed, failure } = await publish(deps.publisher, batch, options);
    for (const entry of failed) unpublished.push(positions.get(entry) ?? -1);
    lastFailure = failure ?? lastFailure;
  }
  if (unpublished.length === 0) return;
  const reason =
    lastFailure === undefined
      ? 'refused'
      : `refused (${lastFailure instanceof Error ? lastFailure.name : String(lastFailure)})`;
  throw new PublishFailedError(
    `${unpublished.length} of ${entries.length} events could not be published: ${reason}`,
    unpublished.sort((a, b) => a - b),
    lastFailure === undefined ? undefined : { cause: lastFailure },
  );
}

/** One request's entries, re-sent until put or out of attempts; answers what stayed unpublished. */
async function publish(
  publisher: EventPublisher,
  entries: EventEntry[],
  options: SubmitOptions,
): Promise<{ failed: EventEntry[]; failure?: unknown }> {
  const maxAttempts = options.maxAttempts ?? 4;
  const baseDelayMs = options.retryBaseDelayMs ?? 50;
  let pending = entries;
  let failure: unknown;
  for (let attempt = 1; ; attempt++) {
    try {
      const result = await publisher.putEvents(pending);
      pending = pending.filter((_, i) => {
        const entry = result.Entries[i];
        return entry === undefined || 'ErrorCode' in entry;
      });
      failure = undefined;
    } catch (error) {
      // The whole request failed (a throttle, an outage, the network): none of it was put.
      failure = error;
    }
    if (pending.length === 0) return { failed: [] };
    if (attempt >= maxAttempts) return { failed: pending, failure };
    await new Promise((resolve) => setTimeout(resolve, Math.random() * baseDelayMs * 2 ** attempt));
  }
}
