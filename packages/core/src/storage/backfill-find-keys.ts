import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { isConditionFailure } from './retry';
import { createStore } from './store';
import { tableKeys } from './table';

// Items written before the finding reads existed lack what those reads use: submissions the `byStatus` keys
// (gsi3), errors their `issueCodes`. This writes each such item again from its own attributes, so that
// ElectroDB derives them, each write conditioned on the item being unchanged since it was read.

export interface FindKeysBackfillReport {
  submissions: { found: number; rewritten: number; changedMeanwhile: number };
  errors: { found: number; rewritten: number; changedMeanwhile: number };
}

const identifierFields = ['__edb_e__', '__edb_v__'];
const keyFields = [
  tableKeys.partitionKey,
  tableKeys.sortKey,
  ...Object.values(tableKeys.globalIndexes).flatMap((index) => [index.partitionKey, index.sortKey]),
];

type Store = ReturnType<typeof createStore>;
type SubmissionItem = Parameters<Store['entities']['submission']['create']>[0];
type ErrorItem = Parameters<Store['entities']['orderError']['create']>[0];

/**
 * Gives submissions without `byStatus` keys and errors without `issueCodes` what they lack. A full scan,
 * run once after the release that added them (docs/migrations.md); idempotent, and safe beside the running
 * product: an item settled, marked or rewritten since it was read is left as it now is.
 */
export async function backfillFindKeys({
  client,
  tableName,
}: {
  client: DynamoDBClient;
  tableName: string;
}): Promise<FindKeysBackfillReport> {
  const store = createStore({ client, tableName });
  const documents = DynamoDBDocumentClient.from(client);
  const report: FindKeysBackfillReport = {
    submissions: { found: 0, rewritten: 0, changedMeanwhile: 0 },
    errors: { found: 0, rewritten: 0, changedMeanwhile: 0 },
  };
  const statusKey = tableKeys.globalIndexes.gsi3.partitionKey;
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await documents.send(
      new ScanCommand({
        TableName: tableName,
        ConsistentRead: true,
        FilterExpression:
          '#v = :current AND ((#e = :submission AND attribute_not_exists(#status)) OR (#e = :error AND attribute_not_exists(#codes)))',
        ExpressionAttributeNames: {
          '#v': '__edb_v__',
          '#e': '__edb_e__',
          '#status': statusKey,
          '#codes': 'issueCodes',
        },
        ExpressionAttributeValues: { ':current': '2', ':submission': 'submission', ':error': 'orderError' },
        ...(startKey === undefined ? {} : { ExclusiveStartKey: startKey }),
      }),
    );
    for (const item of page.Items ?? []) {
      const isSubmission = item.__edb_e__ === 'submission';
      const counts = isSubmission ? report.submissions : report.errors;
      counts.found++;
      const written = isSubmission ? await rewriteSubmission(store, item) : await rewriteError(store, item);
      if (written) counts.rewritten++;
      else counts.changedMeanwhile++;
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey !== undefined);
  return report;
}

function attributesOf(item: Record<string, unknown>): Record<string, unknown> {
  const attributes = { ...item };
  for (const field of [...keyFields, ...identifierFields]) delete attributes[field];
  return attributes;
}

// Unchanged means: the same status and update time (a settlement moves both), and the same announcement
// mark (the workflow sets it, recovery clears it, neither touching the update time).
async function rewriteSubmission(store: Store, item: Record<string, unknown>): Promise<boolean> {
  const attributes = attributesOf(item) as SubmissionItem;
  try {
    await store.entities.submission
      .put(attributes)
      .where((existing, { eq, notExists }) =>
        [
          eq(existing.status, attributes.status),
          eq(existing.updatedAt, attributes.updatedAt),
          attributes.announcementPending === undefined
            ? notExists(existing.announcementPending)
            : eq(existing.announcementPending, attributes.announcementPending),
        ].join(' AND '),
      )
      .go();
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

// A rejection is recorded whole and never changed, only recorded again with the same content (which
// derives the codes), so "unchanged" is "still without codes".
async function rewriteError(store: Store, item: Record<string, unknown>): Promise<boolean> {
  const attributes = attributesOf(item) as ErrorItem;
  try {
    await store.entities.orderError
      .put(attributes)
      // Still there (TTL may have deleted it since the scan) and still without codes.
      .where(({ submissionId, issueCodes }, { exists, notExists }) =>
        [exists(submissionId), notExists(issueCodes)].join(' AND '),
      )
      .go();
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}
