import { randomUUID } from 'node:crypto';
import { type DynamoLocal, startDynamoLocal } from '@orders/dynamo-local';
import { afterAll, beforeAll } from 'vitest';
import { createStore, type Store } from '../storage/store';
import { ensureTable } from '../storage/table';

export interface TestStore {
  store: Store;
  engine: DynamoLocal;
}

/** Gives a test file a fresh in-memory DynamoDB Local with the table created; stopped after the file. */
export function useTestStore(): TestStore {
  const context = {} as TestStore;
  beforeAll(async () => {
    context.engine = await startDynamoLocal();
    const tableName = `orders-test-${randomUUID()}`;
    await ensureTable(context.engine.client, tableName);
    context.store = createStore({ client: context.engine.client, tableName });
  });
  afterAll(async () => {
    await context.engine?.stop();
  });
  return context;
}
