import { DynamoDBDocumentClient, PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { listOrderErrors } from '../error/error';
import { sequenceAndStore } from '../order/sequence';
import { getSubmission, settleSubmission } from '../submission/submission';
import { useTestStore } from '../testing/dynamo';
import { anOrderToStore } from '../testing/orders';
import { migrateKeyCasing } from './migrate-key-casing';

const db = useTestStore();
const tableName = () => db.store.entities.order.getTableName() ?? '';
const documents = () => DynamoDBDocumentClient.from(db.engine.client);

// Items exactly as version 1 of the entities wrote them: ElectroDB's default casing lowercased the keys,
// while the attributes kept what was given.
function legacyClaim(
  partnerId: string,
  externalOrderId: string,
  sequenceNumber: number,
  submissionId: string,
) {
  return {
    pk: `$orders#partnerid_${partnerId}#externalorderid_${externalOrderId}`.toLowerCase(),
    sk: '$orderclaim_1',
    partnerId,
    externalOrderId,
    sequenceNumber,
    contentKey: 'content-of-the-original',
    submissionId,
    __edb_e__: 'orderClaim',
    __edb_v__: '1',
  };
}

function legacySubmission(partnerId: string, submissionId: string, status: string) {
  return {
    pk: `$orders#partnerid_${partnerId}#submissionid_${submissionId}`.toLowerCase(),
    sk: '$submission_1',
    partnerId,
    submissionId,
    status,
    payload: '{"orderId":"A-1"}',
    receivedAt: '2024-05-01T12:00:00.000Z',
    updatedAt: status === 'pending' ? '2024-05-01T12:00:00.000Z' : '2024-05-01T12:00:05.000Z',
    __edb_e__: 'submission',
    __edb_v__: '1',
  };
}

function legacyError(partnerId: string, submissionId: string, receivedAt: string) {
  return {
    pk: `$orders#partnerid_${partnerId}`,
    sk: `$ordererror_1#receivedat_${receivedAt}#submissionid_${submissionId}`.toLowerCase(),
    partnerId,
    submissionId,
    receivedAt,
    category: 'validation',
    issues: [{ path: 'quantity', code: 'type', message: 'quantity must be an integer' }],
    payload: '{"orderId":"A-1"}',
    payloadTruncated: false,
    executionId: 'exec-legacy',
    expiresAt: Math.floor(Date.parse(receivedAt) / 1000) + 30 * 24 * 60 * 60,
    __edb_e__: 'orderError',
    __edb_v__: '1',
  };
}

async function putRaw(...items: Record<string, unknown>[]) {
  for (const item of items) await documents().send(new PutCommand({ TableName: tableName(), Item: item }));
}

async function legacyItemsOf(partnerId: string) {
  const { Items = [] } = await documents().send(
    new ScanCommand({
      TableName: tableName(),
      ConsistentRead: true,
      FilterExpression: '#v = :one AND #p = :partner',
      ExpressionAttributeNames: { '#v': '__edb_v__', '#p': 'partnerId' },
      ExpressionAttributeValues: { ':one': '1', ':partner': partnerId },
    }),
  );
  // Orders and counters never had lower-cased ids in their keys; trend counters were born keeping case.
  const keptCase = new Set(['order', 'partnerCounter', 'partnerTrend']);
  return Items.filter((item) => !keptCase.has(String(item.__edb_e__)));
}

describe('the key casing migration', () => {
  it('moves version 1 claims, submissions and errors onto keys that keep the ids’ case', async () => {
    const partnerId = 'p-migrate';
    const receivedAt = new Date(Date.now() - 60_000).toISOString();
    await putRaw(
      legacyClaim(partnerId, 'ORD-1', 1, 'Sub-Original'),
      legacySubmission(partnerId, 'Sub-Pending', 'pending'),
      legacyError(partnerId, 'Sub-Rejected', receivedAt),
    );
    await db.store.entities.partnerCounter.put({ partnerId, lastSequenceNumber: 1 }).go();

    const report = await migrateKeyCasing(
      { client: db.engine.client, tableName: tableName() },
      {
        deleteLegacy: true,
      },
    );

    expect(report.entities).toEqual({
      orderClaim: { found: 1, copied: 1, kept: 0, deleted: 1 },
      submission: { found: 1, copied: 1, kept: 0, deleted: 1 },
      orderError: { found: 1, copied: 1, kept: 0, deleted: 1 },
    });
    expect(await legacyItemsOf(partnerId)).toEqual([]);
    expect(await getSubmission(db.store, partnerId, 'Sub-Pending')).toMatchObject({ status: 'pending' });
    const { items } = await listOrderErrors(db.store, partnerId);
    expect(items.map((item) => item.submissionId)).toEqual(['Sub-Rejected']);
    const { data: claim } = await db.store.entities.orderClaim
      .get({ partnerId, externalOrderId: 'ORD-1' })
      .go();
    expect(claim).toMatchObject({ sequenceNumber: 1, submissionId: 'Sub-Original' });
    // The migrated claim still holds its id, and the id in another case is now an order of its own.
    const lower = await sequenceAndStore(
      db.store,
      anOrderToStore({
        partnerId,
        externalOrderId: 'ord-1',
        transactionTime: '2024-05-01T12:00:00.000Z',
        submissionId: 'Sub-Lower',
        receivedAt,
        executionId: 'exec-lower',
      }),
    );
    expect(lower).toMatchObject({ status: 'accepted', order: { sequenceNumber: 2 } });
  });

  it('only copies until told to delete, keeps newer copies, and takes a settlement made since', async () => {
    const partnerId = 'p-twice';
    await putRaw(
      legacySubmission(partnerId, 'Sub-Settled-Later', 'pending'),
      legacySubmission(partnerId, 'Sub-Settled-Anew', 'pending'),
    );
    const first = await migrateKeyCasing({ client: db.engine.client, tableName: tableName() });
    expect(first.entities.submission).toEqual({ found: 2, copied: 2, kept: 0, deleted: 0 });
    expect(await legacyItemsOf(partnerId)).toHaveLength(2);

    // The old version settles one of them after the first pass; the new version settles the other.
    await putRaw(legacySubmission(partnerId, 'Sub-Settled-Later', 'rejected'));
    await settleSubmission(db.store, {
      partnerId,
      submissionId: 'Sub-Settled-Anew',
      status: 'accepted',
      sequenceNumber: 7,
      receivedAt: '2024-05-01T12:00:00.000Z',
      payload: { orderId: 'A-1' },
      executionId: 'exec-settled-anew',
    });

    const second = await migrateKeyCasing(
      { client: db.engine.client, tableName: tableName() },
      { deleteLegacy: true },
    );
    expect(second.entities.submission).toEqual({ found: 2, copied: 1, kept: 1, deleted: 2 });
    expect(await getSubmission(db.store, partnerId, 'Sub-Settled-Later')).toMatchObject({
      status: 'rejected',
    });
    expect(await getSubmission(db.store, partnerId, 'Sub-Settled-Anew')).toMatchObject({
      status: 'accepted',
      sequenceNumber: 7,
    });
    expect(await legacyItemsOf(partnerId)).toEqual([]);
    const third = await migrateKeyCasing({ client: db.engine.client, tableName: tableName() });
    expect(third.entities.submission.found).toBe(0);
  });
});
