import { Duration } from 'aws-cdk-lib';
import { EventBus } from 'aws-cdk-lib/aws-events';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { DefinitionBody, LogLevel, StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Function as SstFunction, type StackContext, use } from 'sst/constructs';
import { functionSettings } from '../packages/core/src/aws/functions';
import { rawDefinition, type WorkflowSubstitutions } from '../packages/core/src/workflow/definition';
import { Partners } from './Partners';
import { publishLive } from './rollout';
import { Storage } from './Storage';
import { orderBusName, stageSettings } from './stage';

// Timeouts and reserved concurrency live in core, where the local runtime enforces the same numbers.
const { validate: validateSettings, sequenceAndStore: sequencingSettings } = functionSettings;

// Exactly what the handlers do to the table. Sequencing reads the claim, counter and order, writes them in
// one transaction (authorised per item: PutItem for the creates, UpdateItem for the counter) and upserts
// the submission; recording a rejection puts the error item and upserts the submission.
const sequencingTableActions = ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'];
const recordingTableActions = ['dynamodb:PutItem', 'dynamodb:UpdateItem'];

// EventBridge invokes record-error asynchronously: Lambda retries a failed invocation twice, then hands the
// event to the function's on-failure destination, never to the rule's dead-letter queue, which only sees
// events EventBridge could not hand to Lambda at all
// (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html). Lambda keeps an
// event queued for up to 6 hours (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-configuring.html).
const recordErrorAsync = { retryAttempts: 2, maxEventAge: Duration.hours(6) };

/** The order workflow: the ASL state machine, its task functions and the OrderRejected consumer. */
export function Workflow({ stack, app }: StackContext) {
  const settings = stageSettings(app.stage, app.mode);
  const { table } = use(Storage);
  // The Events stack creates the bus and comes after this one, because its rules target this state
  // machine; the bus is known here by its name.
  const bus = EventBus.fromEventBusName(stack, 'Bus', orderBusName(app.stage));
  const environment = { TABLE_NAME: table.tableName, EVENT_BUS_NAME: bus.eventBusName };

  const validate = new SstFunction(stack, 'Validate', {
    handler: 'packages/functions/src/validate.handler',
    environment,
    timeout: validateSettings.timeoutSeconds,
  });
  use(Partners).grantRead(validate);
  const sequenceAndStore = new SstFunction(stack, 'SequenceAndStore', {
    handler: 'packages/functions/src/sequence-and-store.handler',
    environment,
    timeout: sequencingSettings.timeoutSeconds,
    reservedConcurrentExecutions: sequencingSettings.reservedConcurrency,
  });
  table.grant(sequenceAndStore, ...sequencingTableActions);
  // Its RecordSubmission action validates orders a partner put on the bus directly, with the same registry.
  use(Partners).grantRead(sequenceAndStore);
  const recordError = new SstFunction(stack, 'RecordError', {
    handler: 'packages/functions/src/order-rejected.handler',
    environment,
    timeout: functionSettings.orderRejected.timeoutSeconds,
  });
  table.grant(recordError, ...recordingTableActions);
  // Rejections that record-error could not store, kept for 14 days (SQS's longest) to redrive once fixed.
  const recordErrorFailures = new Queue(stack, 'RecordErrorFailures', {
    retentionPeriod: Duration.days(14),
    encryption: QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
  });

  // Every caller invokes the live alias, never $LATEST, so a new version takes traffic only as it rolls out.
  const live = {
    validate: publishLive(validate, settings.canary),
    sequenceAndStore: publishLive(sequenceAndStore, settings.canary),
    // Asynchronous invocation settings belong to the qualifier that is invoked: the alias.
    recordError: publishLive(recordError, settings.canary, {
      onFailure: new SqsDestination(recordErrorFailures),
      ...recordErrorAsync,
    }),
  };

  const substitutions: WorkflowSubstitutions = {
    ValidateFunctionArn: live.validate.functionArn,
    SequenceAndStoreFunctionArn: live.sequenceAndStore.functionArn,
    EventBusName: bus.eventBusName,
  };
  const stateMachine = new StateMachine(stack, 'OrderWorkflow', {
    stateMachineName: app.logicalPrefixedName('order-workflow'),
    stateMachineType: settings.workflowType,
    // The ASL file's own content, imported rather than read by path: SST bundles this code into one file at
    // the project root before it runs, so a path computed from import.meta.url would no longer point at it.
    definitionBody: DefinitionBody.fromString(JSON.stringify(rawDefinition())),
    definitionSubstitutions: { ...substitutions },
    logs: {
      // Express executions keep no history of their own: these logs are the only record of what ran. What
      // they hold differs by stage (stage.ts): production logs failures without their data.
      destination: new LogGroup(stack, 'OrderWorkflowLogs', {
        logGroupName: `/aws/vendedlogs/states/${app.logicalPrefixedName('order-workflow')}`,
        retention: RetentionDays.ONE_MONTH,
        removalPolicy: settings.removalPolicy,
      }),
      level: LogLevel[settings.workflowLogging.level],
      includeExecutionData: settings.workflowLogging.includeExecutionData,
    },
    tracingEnabled: true,
  });
  // The definition comes as text, so CDK cannot infer what its tasks call: grant exactly that.
  stateMachine.addToRolePolicy(
    new PolicyStatement({
      actions: ['lambda:InvokeFunction'],
      resources: [live.validate.functionArn, live.sequenceAndStore.functionArn],
    }),
  );
  stateMachine.addToRolePolicy(
    new PolicyStatement({ actions: ['events:PutEvents'], resources: [bus.eventBusArn] }),
  );

  stack.addOutputs({
    StateMachineArn: stateMachine.stateMachineArn,
    // For `pnpm redrive --aws --queue-url …`.
    RecordErrorFailuresUrl: recordErrorFailures.queueUrl,
  });
  return {
    stateMachine,
    functions: { validate, sequenceAndStore, recordError },
    live,
    recordErrorFailures,
  };
}
