import { EventBus } from 'aws-cdk-lib/aws-events';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { DefinitionBody, LogLevel, StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Function as SstFunction, type StackContext, use } from 'sst/constructs';
import { functionSettings } from '../packages/core/src/aws/functions';
import { rawDefinition, type WorkflowSubstitutions } from '../packages/core/src/workflow/definition';
import { Storage } from './Storage';
import { orderBusName, stageSettings } from './stage';

// Timeouts and reserved concurrency live in core, where the local runtime enforces the same numbers.
const { validate: validateSettings, sequenceAndStore: sequencingSettings } = functionSettings;

// Exactly what the handlers do to the table. Sequencing reads the claim, counter and order, writes them in
// one transaction (authorised per item: PutItem for the creates, UpdateItem for the counter) and upserts
// the submission; recording a rejection puts the error item and upserts the submission.
const sequencingTableActions = ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'];
const recordingTableActions = ['dynamodb:PutItem', 'dynamodb:UpdateItem'];

/** The order workflow: the ASL state machine, its task functions and the OrderRejected consumer. */
export function Workflow({ stack, app }: StackContext) {
  const settings = stageSettings(app.stage);
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
  const sequenceAndStore = new SstFunction(stack, 'SequenceAndStore', {
    handler: 'packages/functions/src/sequence-and-store.handler',
    environment,
    timeout: sequencingSettings.timeoutSeconds,
    reservedConcurrentExecutions: sequencingSettings.reservedConcurrency,
  });
  table.grant(sequenceAndStore, ...sequencingTableActions);
  const recordError = new SstFunction(stack, 'RecordError', {
    handler: 'packages/functions/src/order-rejected.handler',
    environment,
    timeout: functionSettings.orderRejected.timeoutSeconds,
  });
  table.grant(recordError, ...recordingTableActions);

  const substitutions: WorkflowSubstitutions = {
    ValidateFunctionArn: validate.functionArn,
    SequenceAndStoreFunctionArn: sequenceAndStore.functionArn,
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
      // Express executions keep no history of their own: these logs are the only record of what ran.
      destination: new LogGroup(stack, 'OrderWorkflowLogs', {
        logGroupName: `/aws/vendedlogs/states/${app.logicalPrefixedName('order-workflow')}`,
        retention: RetentionDays.ONE_MONTH,
        removalPolicy: settings.removalPolicy,
      }),
      level: LogLevel.ALL,
      includeExecutionData: true,
    },
    tracingEnabled: true,
  });
  // The definition comes as text, so CDK cannot infer what its tasks call: grant exactly that.
  stateMachine.addToRolePolicy(
    new PolicyStatement({
      actions: ['lambda:InvokeFunction'],
      resources: [validate.functionArn, sequenceAndStore.functionArn],
    }),
  );
  stateMachine.addToRolePolicy(
    new PolicyStatement({ actions: ['events:PutEvents'], resources: [bus.eventBusArn] }),
  );

  stack.addOutputs({ StateMachineArn: stateMachine.stateMachineArn });
  return { stateMachine, functions: { validate, sequenceAndStore, recordError } };
}
