import { describe, expect, it } from 'vitest';
import { itemBytes } from './item-size';
import { writtenItems } from './probe';

describe('writtenItems', () => {
  it('reads the sequencing transaction as counter, order (indexed) and claim, with the submission', () => {
    const items = writtenItems('TransactWriteItems', {
      TransactItems: [
        {
          Update: {
            Key: { pk: '$orders#partnerid_partner-a', sk: '$partnercounter_1' },
            ExpressionAttributeValues: { ':lastSequenceNumber0': 1, ':lastSequenceNumber_u0': 2 },
          },
        },
        {
          Put: {
            Item: {
              pk: '$orders#partnerid_partner-a',
              sk: '$order_1#sequencenumber_000000000002',
              gsi1pk: '$orders#partnerid_partner-a',
              submissionId: 's-1',
              __edb_e__: 'order',
            },
          },
        },
        { Put: { Item: { pk: 'x', sk: '$orderclaim_1', submissionId: 's-1', __edb_e__: 'orderClaim' } } },
      ],
    });
    expect(items.map(({ entity, submissionId, indexed }) => ({ entity, submissionId, indexed }))).toEqual([
      { entity: 'partnercounter', submissionId: undefined, indexed: false },
      { entity: 'order', submissionId: 's-1', indexed: true },
      { entity: 'orderclaim', submissionId: 's-1', indexed: false },
    ]);
  });

  it('reads a settlement as the submission with its final status, sized by what it sets', () => {
    const [submission] = writtenItems('TransactWriteItems', {
      TransactItems: [
        {
          Update: {
            Key: { pk: 'p', sk: '$submission_1' },
            ExpressionAttributeValues: {
              ':status0': 'pending',
              ':status_u0': 'accepted',
              ':submissionId_u0': 's-1',
            },
          },
        },
      ],
    });
    expect(submission).toMatchObject({ entity: 'submission', status: 'accepted', submissionId: 's-1' });
    expect(submission?.bytes).toBe(
      itemBytes({ pk: 'p', sk: '$submission_1', status: 'accepted', submissionId: 's-1' }),
    );
  });

  it('sees nothing written by a read', () => {
    expect(writtenItems('GetItem', { Key: { pk: 'p', sk: 's' } })).toEqual([]);
  });
});

describe('itemBytes', () => {
  it('counts names and values as DynamoDB does', () => {
    // 'pk' 2 + 'ab' 2, 'n' 1 + 12 (two digits: 2), 'ok' 2 + true 1, 'l' 1 + list 3 + (1 + 'x' 1)
    expect(itemBytes({ pk: 'ab', n: 12, ok: true, l: ['x'] })).toBe(4 + 3 + 3 + 6);
  });
});
