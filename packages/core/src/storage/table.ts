import {
  CreateTableCommand,
  type CreateTableCommandInput,
  DescribeTableCommand,
  type DynamoDBClient,
  ResourceInUseException,
  UpdateTableCommand,
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
    gsi2: { partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
    // A table takes 20 global indexes by default
    // (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html#limits-secondary-indexes),
    // but an UpdateTable creates only one
    // (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateTable.html), and CloudFormation
    // updates a deployed table through it: a release adds at most one index, and the index backfills while the
    // table stays in use (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GSI.OnlineOps.html).
    gsi3: { partitionKey: 'gsi3pk', sortKey: 'gsi3sk' },
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

/**
 * Creates the table with TTL on `expiresAt` unless it already exists (local mode and tests); a table kept
 * from an earlier version gets the indexes added since.
 */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<void> {
  try {
    await client.send(new CreateTableCommand(createTableInput(tableName)));
  } catch (error) {
    if (error instanceof ResourceInUseException) return addMissingIndexes(client, tableName);
    throw error;
  }
  await client.send(
    new UpdateTimeToLiveCommand({
      TableName: tableName,
      TimeToLiveSpecification: { AttributeName: tableKeys.timeToLiveAttribute, Enabled: true },
    }),
  );
}

// DynamoDB adds one global index per UpdateTable call and refuses the next with LimitExceededException
// while one is still being created
// (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateTable.html), so each index is
// waited on until it is ACTIVE before the next is asked for.
const indexWait = { pollMs: 100, timeoutMs: 120_000 } as const;

async function waitForIndexes(client: DynamoDBClient, tableName: string): Promise<void> {
  const deadline = Date.now() + indexWait.timeoutMs;
  for (;;) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    const building = (Table?.GlobalSecondaryIndexes ?? []).filter((index) => index.IndexStatus !== 'ACTIVE');
    if (Table?.TableStatus === 'ACTIVE' && building.length === 0) return;
    if (Date.now() > deadline) {
      const names = building.map((index) => `${index.IndexName} (${index.IndexStatus})`).join(', ');
      throw new Error(
        `table ${tableName}: indexes still not ACTIVE after ${indexWait.timeoutMs} ms: ${names}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, indexWait.pollMs));
  }
}

async function addMissingIndexes(client: DynamoDBClient, tableName: string): Promise<void> {
  await waitForIndexes(client, tableName);
  const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
  const existing = new Set((Table?.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName));
  const input = createTableInput(tableName);
  for (const index of input.GlobalSecondaryIndexes ?? []) {
    if (existing.has(index.IndexName)) continue;
    const keys = new Set(index.KeySchema?.map((key) => key.AttributeName));
    await client.send(
      new UpdateTableCommand({
        TableName: tableName,
        AttributeDefinitions: input.AttributeDefinitions?.filter((definition) =>
          keys.has(definition.AttributeName),
        ),
        GlobalSecondaryIndexUpdates: [{ Create: index }],
      }),
    );
    await waitForIndexes(client, tableName);
  }
}
