import { GetItemCommand, PutItemCommand, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { createStore } from '../storage/store';
import { useTestStore } from '../testing/dynamo';
import { dynamoDb } from './limits';

// DynamoDB Local is AWS's own engine: these show which of DynamoDB's limits it enforces itself, so the local
// runtime needs no layer of its own for them. Each fails if the engine stopped raising AWS's error name.
const context = useTestStore();
const tableName = () =>
  (context.store.entities.partnerCounter.get({ partnerId: 'any' }).params() as { TableName: string })
    .TableName;

interface Failure {
  name: string;
  message: string;
  /** The innermost cause's name: ElectroDB wraps the SDK's error, whose name is AWS's. */
  rootName: string;
}

async function errorOf(request: Promise<unknown>): Promise<Failure> {
  try {
    await request;
  } catch (error) {
    if (error instanceof Error) {
      let root = error;
      while (root.cause instanceof Error) root = root.cause;
      return { name: error.name, message: error.message, rootName: root.name };
    }
  }
  return { name: 'none', message: 'the request succeeded', rootName: 'none' };
}

const item = (pk: string, sk: string, extra: Record<string, { S: string }> = {}) => ({
  pk: { S: pk },
  sk: { S: sk },
  ...extra,
});

describe('DynamoDB Local enforces DynamoDB limits with their AWS error names', () => {
  it('refuses an item over 400 KB with ValidationException and AWS message', async () => {
    const send = (bytes: number) =>
      context.engine.client.send(
        new PutItemCommand({
          TableName: tableName(),
          // Attribute names count too: "pk", "sk", "d" and the keys' values are 7 bytes beside d's value.
          Item: item('p', 's', { d: { S: 'x'.repeat(bytes) } }),
        }),
      );
    expect(await errorOf(send(dynamoDb.maxItemBytes - 6))).toMatchObject({
      name: dynamoDb.validationError,
      message: dynamoDb.messages.itemTooLarge,
    });
    await expect(send(dynamoDb.maxItemBytes - 7)).resolves.toBeDefined();
  });

  it('refuses a partition key over 2,048 bytes with ValidationException', async () => {
    const put = (pk: string) =>
      context.engine.client.send(new PutItemCommand({ TableName: tableName(), Item: item(pk, 's') }));
    // Counted in UTF-8 bytes: 683 three-byte characters are 2,049 bytes though only 683 characters.
    expect((await errorOf(put('€'.repeat(683)))).name).toBe(dynamoDb.validationError);
    expect((await errorOf(put('p'.repeat(dynamoDb.maxPartitionKeyBytes + 1)))).message).toBe(
      'Hash primary key values must be under 2048 bytes, and range primary key values must be under 1024 bytes',
    );
    await expect(put('p'.repeat(dynamoDb.maxPartitionKeyBytes))).resolves.toBeDefined();
    const get = context.engine.client.send(
      new GetItemCommand({ TableName: tableName(), Key: item('p'.repeat(2049), 's') }),
    );
    expect((await errorOf(get)).name).toBe(dynamoDb.validationError);
  });

  it('refuses a sort key over 1,024 bytes with ValidationException', async () => {
    const put = (sk: string) =>
      context.engine.client.send(new PutItemCommand({ TableName: tableName(), Item: item('p', sk) }));
    expect((await errorOf(put('s'.repeat(dynamoDb.maxSortKeyBytes + 1)))).name).toBe(
      dynamoDb.validationError,
    );
    await expect(put('s'.repeat(dynamoDb.maxSortKeyBytes))).resolves.toBeDefined();
  });

  it('refuses a transaction of more than 100 items with ValidationException', async () => {
    const transact = (count: number) =>
      context.engine.client.send(
        new TransactWriteItemsCommand({
          TransactItems: Array.from({ length: count }, (_, i) => ({
            Put: { TableName: tableName(), Item: item(`tx-${count}-${i}`, 's') },
          })),
        }),
      );
    const refused = await errorOf(transact(dynamoDb.maxTransactionItems + 1));
    expect(refused.name).toBe(dynamoDb.validationError);
    expect(refused.message).toContain('Member must have length less than or equal to 100');
    await expect(transact(dynamoDb.maxTransactionItems)).resolves.toBeDefined();
  });

  it('refuses a transaction of more than 4 MB with ValidationException', async () => {
    const transact = (count: number) =>
      context.engine.client.send(
        new TransactWriteItemsCommand({
          TransactItems: Array.from({ length: count }, (_, i) => ({
            Put: {
              TableName: tableName(),
              Item: item(`big-${count}-${i}`, 's', { d: { S: 'x'.repeat(390 * 1024) } }),
            },
          })),
        }),
      );
    // Eleven items of 390 KB are 4.2 MB; ten are 3.8 MB.
    const refused = await errorOf(transact(11));
    expect(refused.name).toBe(dynamoDb.validationError);
    expect(refused.message).toMatch(/^Transaction payload size cannot exceed 4MB/);
    await expect(transact(10)).resolves.toBeDefined();
  });
});

describe('throttling, injected because DynamoDB Local has no capacity to exhaust', () => {
  for (const error of dynamoDb.throttlingErrors) {
    it(`fails the requests touching a switched-on key with ${error}`, async () => {
      const { faults } = context.engine;
      const store = createStore({ client: context.engine.client, tableName: tableName() });
      const read = (partnerId: string) => store.entities.partnerCounter.get({ partnerId });
      const { Key } = read(`hot-${error}`).params() as { Key: { pk: string } };
      const before = faults.injected;
      faults.throttle({ key: Key.pk, error });
      try {
        const hot = await errorOf(read(`hot-${error}`).go({ consistent: true }));
        expect(hot.rootName).toBe(error);
        // Thrown inside the SDK's retry loop: each of its attempts was throttled and counted.
        expect(faults.injected).toBeGreaterThan(before);
        await expect(read('cold').go()).resolves.toBeDefined();
      } finally {
        faults.clear();
      }
      // Switched off, the same key answers again.
      expect((await read(`hot-${error}`).go()).data).toBeNull();
    });
  }
});
