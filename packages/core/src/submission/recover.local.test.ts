import { randomUUID } from 'node:crypto';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { useTestStore } from '../testing/dynamo';
import { recordCommands } from '../testing/read-counter';
import { markAnnouncementPending } from '../workflow/steps';
import { indexComposites, pendingShardOf, pendingShards } from './entity';
import { listPendingSubmissions, listUnannouncedSubmissions, oldestPendingReceivedAt } from './recover';
import { recordSubmission, settleSubmission } from './submission';

const db = useTestStore();

async function record(receivedAt: string, partnerId = 'partner-a'): Promise<string> {
  const submissionId = randomUUID();
  await recordSubmission(db.store, {
    partnerId,
    submissionId,
    receivedAt,
    payload: { orderId: submissionId },
  });
  return submissionId;
}

async function rawItem(partnerId: string, submissionId: string): Promise<Record<string, unknown>> {
  const key = db.store.entities.submission.get({ partnerId, submissionId }).params<{
    Key: Record<string, string>;
    TableName: string;
  }>();
  const { Item } = await db.engine.client.send(
    new GetItemCommand({
      TableName: key.TableName,
      Key: Object.fromEntries(Object.entries(key.Key).map(([name, value]) => [name, { S: value }])),
    }),
  );
  return Item ?? {};
}

describe('the pending-age index', () => {
  it('lists pending submissions received up to a time, from every shard, and no younger ones', async () => {
    const old = await Promise.all(Array.from({ length: 40 }, () => record('2024-05-01T10:00:00.000Z')));
    const young = await record('2024-05-01T12:00:00.000Z', 'partner-b');
    // Forty ids fall in more than one shard, so a query of a single partition would miss some.
    expect(new Set(old.map(pendingShardOf)).size).toBeGreaterThan(1);
    const listed = await listPendingSubmissions(db.store, '2024-05-01T11:00:00.000Z');
    expect(listed.map((submission) => submission.submissionId).sort()).toEqual([...old].sort());
    expect(listed.map((submission) => submission.submissionId)).not.toContain(young);
  });

  it('drops a submission once it is settled: its index keys are removed from the item', async () => {
    const submissionId = await record('2024-04-01T10:00:00.000Z');
    expect(await rawItem('partner-a', submissionId)).toHaveProperty('gsi2pk');
    await settleSubmission(db.store, {
      partnerId: 'partner-a',
      submissionId,
      status: 'accepted',
      sequenceNumber: 1,
      receivedAt: '2024-04-01T10:00:00.000Z',
      payload: { orderId: submissionId },
      executionId: 'exec-1',
    });
    const item = await rawItem('partner-a', submissionId);
    expect(item.status).toEqual({ S: 'accepted' });
    expect(item).not.toHaveProperty('gsi2pk');
    expect(item).not.toHaveProperty('gsi2sk');
    const listed = await listPendingSubmissions(db.store, '2024-04-02T00:00:00.000Z');
    expect(listed.map((submission) => submission.submissionId)).not.toContain(submissionId);
  });

  it('names the oldest pending submission across shards', async () => {
    await record('2020-01-01T00:00:00.000Z');
    expect(await oldestPendingReceivedAt(db.store)).toBe('2020-01-01T00:00:00.000Z');
  });

  it('spreads ids evenly enough that every shard is used', () => {
    const shards = new Set(Array.from({ length: 2_000 }, () => pendingShardOf(randomUUID())));
    expect([...shards].sort()).toEqual([...pendingShards]);
  });
});

describe('accepted submissions left unannounced', () => {
  it('are found through the pending-age index, never a scan, and leave it once their mark is cleared', async () => {
    const submissionId = await record('2024-06-01T10:00:00.000Z');
    const other = await record('2024-06-01T10:00:00.000Z');
    for (const id of [submissionId, other]) {
      await settleSubmission(db.store, {
        partnerId: 'partner-a',
        submissionId: id,
        status: 'accepted',
        receivedAt: '2024-06-01T10:00:00.000Z',
        payload: { orderId: id },
        executionId: 'exec',
        sequenceNumber: 1,
      });
    }
    const before = await rawItem('partner-a', submissionId);
    await markAnnouncementPending(db.store, {
      announcementPending: { partnerId: 'partner-a', submissionId },
    });
    // Its place in the status listing is untouched.
    const after = await rawItem('partner-a', submissionId);
    expect(after.gsi3sk).toBeDefined();
    expect([after.gsi3pk, after.gsi3sk]).toEqual([before.gsi3pk, before.gsi3sk]);
    const commands = recordCommands(db.engine.client);
    const marked = await listUnannouncedSubmissions(db.store);
    expect(marked.map((s) => s.submissionId)).toEqual([submissionId]);
    expect(commands.sent.map((c) => c.command)).not.toContain('ScanCommand');
    expect(commands.sent.every((c) => c.command === 'QueryCommand' && c.indexName === 'gsi2')).toBe(true);
    expect(await rawItem('partner-a', submissionId)).toHaveProperty('gsi2pk');
    // The other accepted one was never in the index.
    expect(await rawItem('partner-a', other)).not.toHaveProperty('gsi2pk');

    await db.store.entities.submission
      .patch({ partnerId: 'partner-a', submissionId })
      .set(indexComposites({ submissionId, status: 'accepted', receivedAt: '2024-06-01T10:00:00.000Z' }))
      .remove(['announcementPending'])
      .go();
    expect(await rawItem('partner-a', submissionId)).not.toHaveProperty('gsi2pk');
    expect(await listUnannouncedSubmissions(db.store)).toEqual([]);
  });
});
