import { Events, type Storage, Workflow } from '@orders/core';
import { awsStore, lazy } from './aws';

/** Target of the OrderRejected rule: records the error (30-day TTL) and settles the submission. */
export function createOrderRejectedHandler(deps: { store: Storage.Store }) {
  return async (event: unknown): Promise<void> => {
    const { detail } = Workflow.parseTaskInput(Events.OrderRejectedEvent, event);
    await Workflow.recordRejection(deps.store, detail);
  };
}

export const handler = lazy(() => createOrderRejectedHandler({ store: awsStore() }));
