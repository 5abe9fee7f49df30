import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTableInput, tableKeys } from '../packages/core/src/storage/table';
import { propertiesOf, removeBuildOutput, singleResource, synthesize, type Templates } from './infra-testing';

let templates: Templates;
beforeAll(async () => {
  templates = await synthesize('test');
});
afterAll(removeBuildOutput);

function table(): Record<string, unknown> {
  return propertiesOf(singleResource(templates.Storage, 'AWS::DynamoDB::Table')[1]);
}

describe('the table', () => {
  it('has the key schema, attributes and indexes the local runtime creates its table with', () => {
    const local = createTableInput('orders');
    const deployed = table();
    expect(deployed.KeySchema).toEqual(local.KeySchema);
    expect(deployed.AttributeDefinitions).toEqual(expect.arrayContaining(local.AttributeDefinitions ?? []));
    expect(deployed.AttributeDefinitions).toHaveLength(local.AttributeDefinitions?.length ?? 0);
    expect(deployed.GlobalSecondaryIndexes).toEqual(local.GlobalSecondaryIndexes);
  });

  it('names every global index of tableKeys, keyed on its attributes', () => {
    const indexes = Object.entries(tableKeys.globalIndexes).map(([IndexName, index]) => ({
      IndexName,
      KeySchema: [
        { AttributeName: index.partitionKey, KeyType: 'HASH' },
        { AttributeName: index.sortKey, KeyType: 'RANGE' },
      ],
    }));
    expect(table().GlobalSecondaryIndexes).toEqual(indexes.map((index) => expect.objectContaining(index)));
  });

  it('declares gsi3, the index the submissions listing reads by partner, status and received time', () => {
    expect(table().GlobalSecondaryIndexes).toContainEqual({
      IndexName: 'gsi3',
      KeySchema: [
        { AttributeName: 'gsi3pk', KeyType: 'HASH' },
        { AttributeName: 'gsi3sk', KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'ALL' },
    });
    expect(table().AttributeDefinitions).toEqual(
      expect.arrayContaining([
        { AttributeName: 'gsi3pk', AttributeType: 'S' },
        { AttributeName: 'gsi3sk', AttributeType: 'S' },
      ]),
    );
  });

  it('expires items on expiresAt', () => {
    expect(table().TimeToLiveSpecification).toEqual({
      AttributeName: tableKeys.timeToLiveAttribute,
      Enabled: true,
    });
  });

  it('keeps point-in-time recovery and bills on demand', () => {
    const deployed = table();
    expect(deployed.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    expect(deployed.BillingMode).toBe('PAY_PER_REQUEST');
  });
});
