import { randomUUID } from 'node:crypto';
import { OrdersError } from '../errors';
import type { OrderSubmitted } from '../events/contracts';
import { batchEntries, type EventEntry, type EventPublisher } from '../events/publisher';
import { detailTypes, partnerSource } from '../events/sources';
import type { Store } from '../storage/store';
import { recordSubmission } from './submission';

/** Some OrderSubmitted events could not be published; their submissions stay pending and can be replayed. */
export class PublishFailedError extends OrdersError {
  override readonly name = 'PublishFailedError';
  readonly code = 'publish_failed';
  override readonly transient = true;
  /** Every submission of the request: all are recorded, some may not have been announced yet. */
  submissions: OrderSubmitted[] = [];
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
  await Promise.all(
    submissions.map((submission) => {
      const externalOrderId = options.externalOrderIdOf?.(submission.payload) ?? null;
      return recordSubmission(
        deps.store,
        externalOrderId === null || externalOrderId === '' ? submission : { ...submission, externalOrderId },
      );
    }),
  );
  const entries = submissions.map(
    (submission): EventEntry => ({
      EventBusName: deps.busName,
      Source: partnerSource(partnerId),
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
  return submissions;
}

/**
 * Puts entries in requests within PutEvents' count and size limits, re-sending refused entries; throws
 * `PublishFailedError` when they stay refused.
 */
export async function publishEntries(
  deps: Pick<SubmitDependencies, 'publisher'>,
  entries: EventEntry[],
  options: SubmitOptions = {},
): Promise<void> {
  for (const batch of batchEntries(entries)) await publish(deps.publisher, batch, options);
}

async function publish(
  publisher: EventPublisher,
  entries: EventEntry[],
  options: SubmitOptions,
): Promise<void> {
  const maxAttempts = options.maxAttempts ?? 4;
  const baseDelayMs = options.retryBaseDelayMs ?? 50;
  let pending = entries;
  for (let attempt = 1; pending.length > 0; attempt++) {
    const result = await publisher.putEvents(pending);
    const failed = pending.filter((_, i) => {
      const entry = result.Entries[i];
      return entry === undefined || 'ErrorCode' in entry;
    });
    if (failed.length === 0) return;
    if (attempt >= maxAttempts) {
      throw new PublishFailedError(
        `${failed.length} events could not be published after ${attempt} attempts`,
      );
    }
    pending = failed;
    await new Promise((resolve) => setTimeout(resolve, Math.random() * baseDelayMs * 2 ** attempt));
  }
}
