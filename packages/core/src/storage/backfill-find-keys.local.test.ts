import { randomUUID } from 'node:crypto';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { listOrderErrors, recordOrderError } from '../error/error';
import { listSubmissionsByStatus } from '../submission/list';
import { getSubmission, recordSubmission, settleSubmission } from '../submission/submission';
import { useTestStore } from '../testing/dynamo';
import { backfillFindKeys } from './backfill-find-keys';

const db = useTestStore();
const tableName = () => db.store.entities.order.getTableName() ?? '';
const documents = () => DynamoDBDocumentClient.from(db.engine.client);

// Makes an item look as the release before the finding reads wrote it.
async function strip(key: { pk: string; sk: string }, attributes: string[]): Promise<void> {
  await documents().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: key,
      UpdateExpression: `REMOVE ${attributes.map((_, i) => `#a${i}`).join(', ')}`,
      ExpressionAttributeNames: Object.fromEntries(attributes.map((name, i) => [`#a${i}`, name])),
    }),
  );
}

describe('backfilling the finding keys', () => {
  it('lists older submissions by status and finds older errors by code, and leaves the rest as they are', async () => {
    const partnerId = 'p-backfill';
    const receivedAt = '2025-06-01T00:00:00.000Z';
    const accepted = randomUUID();
    const marked = randomUUID();
    await recordSubmission(db.store, { partnerId, submissionId: accepted, receivedAt, payload: { n: 1 } });
    await recordSubmission(db.store, { partnerId, submissionId: marked, receivedAt, payload: { n: 2 } });
    for (const [submissionId, sequenceNumber] of [
      [accepted, 1],
      [marked, 2],
    ] as const) {
      await settleSubmission(db.store, {
        partnerId,
        submissionId,
        status: 'accepted',
        receivedAt,
        payload: {},
        executionId: 'exec',
        sequenceNumber,
      });
    }
    await db.store.entities.submission
      .patch({ partnerId, submissionId: marked })
      .set({ announcementPending: true })
      .go();
    const now = new Date('2025-06-02T00:00:00.000Z');
    const rejection = {
      submissionId: randomUUID(),
      partnerId,
      receivedAt,
      category: 'validation' as const,
      issues: [{ path: 'skuId', code: 'required', message: 'skuId is required' }],
      payload: {},
      executionId: 'exec',
    };
    await recordOrderError(db.store, rejection);
    for (const submissionId of [accepted, marked]) {
      const key = db.store.entities.submission.get({ partnerId, submissionId }).params().Key as {
        pk: string;
        sk: string;
      };
      await strip(key, ['gsi3pk', 'gsi3sk', 'statusShard']);
    }
    const errorKey = db.store.entities.orderError
      .get({ partnerId, receivedAt, submissionId: rejection.submissionId })
      .params().Key as { pk: string; sk: string };
    await strip(errorKey, ['issueCodes']);

    const listed = async () =>
      (await listSubmissionsByStatus(db.store, partnerId, { status: 'accepted' })).items.map(
        (item) => item.submissionId,
      );
    const byCode = async () =>
      (await listOrderErrors(db.store, partnerId, { now, code: 'required' })).items.map(
        (item) => item.submissionId,
      );
    expect(await listed()).toEqual([]);
    expect(await byCode()).toEqual([]);

    const report = await backfillFindKeys({ client: db.engine.client, tableName: tableName() });
    expect(report).toEqual({
      submissions: { found: 2, rewritten: 2, changedMeanwhile: 0 },
      errors: { found: 1, rewritten: 1, changedMeanwhile: 0 },
    });
    expect((await listed()).sort()).toEqual([accepted, marked].sort());
    expect(await byCode()).toEqual([rejection.submissionId]);
    expect(await getSubmission(db.store, partnerId, marked)).toMatchObject({
      status: 'accepted',
      sequenceNumber: 2,
      announcementPending: true,
    });

    // Run again, nothing is left to do.
    expect(await backfillFindKeys({ client: db.engine.client, tableName: tableName() })).toEqual({
      submissions: { found: 0, rewritten: 0, changedMeanwhile: 0 },
      errors: { found: 0, rewritten: 0, changedMeanwhile: 0 },
    });
  });
});
