import { type Storage, Submission } from '@orders/core';
import type { LocalBus } from '../bus';

/** Submits orders the way the feed does: pending submission first, then the OrderSubmitted event. */
export function submit(
  runtime: { store: Storage.Store; bus: LocalBus },
  partnerId: string,
  payloads: unknown[],
) {
  return Submission.submitOrders(
    { store: runtime.store, publisher: runtime.bus, busName: runtime.bus.name },
    partnerId,
    payloads,
  );
}
