import { randomUUID } from 'node:crypto';
import { CreateTableCommand, DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { useTestStore } from '../testing/dynamo';
import { createTableInput, ensureTable, tableKeys } from './table';

const db = useTestStore();

describe('ensureTable', () => {
  it('adds the global indexes a table kept from an earlier version lacks', async () => {
    const tableName = `orders-old-${randomUUID()}`;
    const current = createTableInput(tableName);
    const [first] = current.GlobalSecondaryIndexes ?? [];
    const kept = new Set([
      tableKeys.partitionKey,
      tableKeys.sortKey,
      ...(first?.KeySchema ?? []).map((key) => key.AttributeName),
    ]);
    await db.engine.client.send(
      new CreateTableCommand({
        ...current,
        AttributeDefinitions: current.AttributeDefinitions?.filter((definition) =>
          kept.has(definition.AttributeName),
        ),
        GlobalSecondaryIndexes: first === undefined ? [] : [first],
      }),
    );
    await ensureTable(db.engine.client, tableName);
    const { Table } = await db.engine.client.send(new DescribeTableCommand({ TableName: tableName }));
    expect(Table?.GlobalSecondaryIndexes?.map((index) => index.IndexName).sort()).toEqual(
      Object.keys(tableKeys.globalIndexes).sort(),
    );
    expect(Object.keys(tableKeys.globalIndexes).length).toBeGreaterThan(1);
  });

  it('adds the status index to a table of the release before it, whose items stay readable', async () => {
    const tableName = `orders-gsi2-${randomUUID()}`;
    const current = createTableInput(tableName);
    const previous = (current.GlobalSecondaryIndexes ?? []).filter((index) => index.IndexName !== 'gsi3');
    const previousKeys = new Set([
      tableKeys.partitionKey,
      tableKeys.sortKey,
      ...previous.flatMap((index) => (index.KeySchema ?? []).map((key) => key.AttributeName)),
    ]);
    await db.engine.client.send(
      new CreateTableCommand({
        ...current,
        AttributeDefinitions: current.AttributeDefinitions?.filter((definition) =>
          previousKeys.has(definition.AttributeName),
        ),
        GlobalSecondaryIndexes: previous,
      }),
    );
    await ensureTable(db.engine.client, tableName);
    const { Table } = await db.engine.client.send(new DescribeTableCommand({ TableName: tableName }));
    const gsi3 = Table?.GlobalSecondaryIndexes?.find((index) => index.IndexName === 'gsi3');
    expect(gsi3?.KeySchema).toEqual([
      { AttributeName: 'gsi3pk', KeyType: 'HASH' },
      { AttributeName: 'gsi3sk', KeyType: 'RANGE' },
    ]);
    expect(Table?.GlobalSecondaryIndexes).toHaveLength(3);
  });
});
