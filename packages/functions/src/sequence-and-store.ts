import { type Storage, Workflow } from '@orders/core';
import { awsStore, lazy } from './aws';

/** SequenceAndStore task: numbers and stores a valid order in one transaction. */
export function createSequenceAndStoreHandler(deps: { store: Storage.Store }) {
  return async (input: unknown): Promise<Workflow.SequencingStep> =>
    Workflow.sequenceSubmission(deps.store, Workflow.parseTaskInput(Workflow.SequencingInput, input));
}

export const handler = lazy(() => createSequenceAndStoreHandler({ store: awsStore() }));
