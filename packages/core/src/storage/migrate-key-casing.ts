import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { isConditionFailure } from './retry';
import { createStore } from './store';
import { tableKeys } from './table';

/**
 * The entities whose version 1 keys lowercased the ids in them, and so could not tell `ORD-1` from
 * `ord-1`. Version 2 keys keep the ids' case (`idCasing`); the other entities' keys did not change.
 */
export const rekeyedEntities = ['orderClaim', 'submission', 'orderError'] as const;
type RekeyedEntity = (typeof rekeyedEntities)[number];

export interface KeyCasingMigrationOptions {
  /** Deletes each version 1 item once its version 2 copy is in place; without it, only copies. */
  deleteLegacy?: boolean;
}

export interface KeyCasingMigrationReport {
  /** Per entity: version 1 items found, copies written, copies already there, version 1 items deleted. */
  entities: Record<RekeyedEntity, { found: number; copied: number; kept: number; deleted: number }>;
}

const identifierFields = ['__edb_e__', '__edb_v__'];
const keyFields = [
  tableKeys.partitionKey,
  tableKeys.sortKey,
  ...Object.values(tableKeys.globalIndexes).flatMap((index) => [index.partitionKey, index.sortKey]),
];

/**
 * Re-keys version 1 claims, submissions and errors as version 2 items. The attributes always kept the ids'
 * case (only the keys lost it), so each item is written again from its own attributes. It is idempotent
 * and safe to run twice: a copy already there is kept, except that a pending submission copy gives way
 * to a version 1 item settled since (a settlement is final). Version 1 keys never mix two ids that differ
 * only in case (the second was taken for the first), so no two items collapse into one.
 */
export async function migrateKeyCasing(
  { client, tableName }: { client: DynamoDBClient; tableName: string },
  options: KeyCasingMigrationOptions = {},
): Promise<KeyCasingMigrationReport> {
  const store = createStore({ client, tableName });
  const documents = DynamoDBDocumentClient.from(client);
  const entities = Object.fromEntries(
    rekeyedEntities.map((name) => [name, { found: 0, copied: 0, kept: 0, deleted: 0 }]),
  ) as KeyCasingMigrationReport['entities'];

  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await documents.send(
      new ScanCommand({
        TableName: tableName,
        ConsistentRead: true,
        FilterExpression: '#v = :legacy AND #e IN (:claim, :submission, :error)',
        ExpressionAttributeNames: { '#v': '__edb_v__', '#e': '__edb_e__' },
        ExpressionAttributeValues: {
          ':legacy': '1',
          ':claim': 'orderClaim',
          ':submission': 'submission',
          ':error': 'orderError',
        },
        ...(startKey === undefined ? {} : { ExclusiveStartKey: startKey }),
      }),
    );
    for (const item of page.Items ?? []) {
      const entity = item.__edb_e__ as RekeyedEntity;
      const counts = entities[entity];
      counts.found++;
      const copied = await copyItem(store, entity, attributesOf(item));
      if (copied) counts.copied++;
      else counts.kept++;
      if (options.deleteLegacy) {
        await documents.send(
          new DeleteCommand({
            TableName: tableName,
            Key: { [tableKeys.partitionKey]: item.pk, [tableKeys.sortKey]: item.sk },
          }),
        );
        counts.deleted++;
      }
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey !== undefined);
  return { entities };
}

function attributesOf(item: Record<string, unknown>): Record<string, unknown> {
  const attributes = { ...item };
  for (const field of [...keyFields, ...identifierFields]) delete attributes[field];
  return attributes;
}

type Store = ReturnType<typeof createStore>;
type SubmissionItem = Parameters<Store['entities']['submission']['create']>[0];

// The attributes are what version 1 wrote with the same attribute schema; ElectroDB validates them again
// as it writes the copy, so a cast here checks nothing less than the original write did.

// Answers whether a copy was written (false: the version 2 item there already stands).
async function copyItem(store: Store, entity: RekeyedEntity, attributes: Record<string, unknown>) {
  try {
    switch (entity) {
      case 'orderClaim':
        // A write touching the backlog index's composites must give them all (ElectroDB checks the
        // conditional index); a version 1 claim is numbered, so the index stays empty for it whatever
        // `queuedAt` says, and its queue time is the copy's.
        await store.entities.orderClaim
          .create({
            queuedAt: new Date().toISOString(),
            ...(attributes as Parameters<Store['entities']['orderClaim']['create']>[0]),
          })
          .go();
        return true;
      case 'orderError':
        await store.entities.orderError
          .create(attributes as Parameters<Store['entities']['orderError']['create']>[0])
          .go();
        return true;
      case 'submission':
        await store.entities.submission.create(attributes as SubmissionItem).go();
        return true;
    }
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
  if (entity !== 'submission' || attributes.status === 'pending') return false;
  try {
    await store.entities.submission
      .put(attributes as SubmissionItem)
      .where((existing, { eq }) => eq(existing.status, 'pending'))
      .go();
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}
