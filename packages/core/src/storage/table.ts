import {
  CreateTableCommand,
  type CreateTableCommandInput,
  type DynamoDBClient,
  ResourceInUseException,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';

/**
 * The one table's key schema. The stack, the local runtime and the tests all build the table from this,
 * and the ElectroDB entities name these same fields.
 */
export const tableKeys = {
  partitionKey: 'pk',
  sortKey: 'sk',
  globalIndexes: {
    gsi1: { partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
  },
  timeToLiveAttribute: 'expiresAt',
} as const;

export type GlobalIndexName = keyof typeof tableKeys.globalIndexes;

/** CreateTable input for the table, on-demand billing, every key a string. */
export function createTableInput(tableName: string): CreateTableCommandInput {
  const indexes = Object.entries(tableKeys.globalIndexes);
  const keyNames = [
    tableKeys.partitionKey,
    tableKeys.sortKey,
    ...indexes.flatMap(([, index]) => [index.partitionKey, index.sortKey]),
  ];
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: keyNames.map((name) => ({ AttributeName: name, AttributeType: 'S' })),
    KeySchema: [
      { AttributeName: tableKeys.partitionKey, KeyType: 'HASH' },
      { AttributeName: tableKeys.sortKey, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: indexes.map(([name, index]) => ({
      IndexName: name,
      KeySchema: [
        { AttributeName: index.partitionKey, KeyType: 'HASH' },
        { AttributeName: index.sortKey, KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'ALL' },
    })),
  };
}

/** Creates the table with TTL on `expiresAt` unless it already exists (local mode and tests). */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<void> {
  try {
    await client.send(new CreateTableCommand(createTableInput(tableName)));
  } catch (error) {
    if (error instanceof ResourceInUseException) return;
    throw error;
  }
  await client.send(
    new UpdateTimeToLiveCommand({
      TableName: tableName,
      TimeToLiveSpecification: { AttributeName: tableKeys.timeToLiveAttribute, Enabled: true },
    }),
  );
}
