import { AttributeType, BillingMode, ProjectionType, Table } from 'aws-cdk-lib/aws-dynamodb';
import type { StackContext } from 'sst/constructs';
import { tableKeys } from '../packages/core/src/storage/table';
import { stageSettings } from './stage';

/** The one table, built from the key schema that the local runtime and the tests build theirs from. */
export function Storage({ stack, app }: StackContext) {
  const settings = stageSettings(app.stage);
  const key = (name: string) => ({ name, type: AttributeType.STRING });

  const table = new Table(stack, 'Table', {
    partitionKey: key(tableKeys.partitionKey),
    sortKey: key(tableKeys.sortKey),
    billingMode: BillingMode.PAY_PER_REQUEST,
    timeToLiveAttribute: tableKeys.timeToLiveAttribute,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    deletionProtection: settings.production,
    removalPolicy: settings.removalPolicy,
  });
  for (const [indexName, index] of Object.entries(tableKeys.globalIndexes)) {
    table.addGlobalSecondaryIndex({
      indexName,
      partitionKey: key(index.partitionKey),
      sortKey: key(index.sortKey),
      projectionType: ProjectionType.ALL,
    });
  }

  stack.addOutputs({ TableName: table.tableName });
  return { table };
}
