import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderWorkflowDefinitionPath, substituteDefinition } from '../packages/core/src/workflow/definition';
import {
  actionsOf,
  functionBehindLiveAlias,
  isRecord,
  propertiesOf,
  referencedId,
  removeBuildOutput,
  resolveImport,
  resourceNamed,
  resourcesIn,
  resourcesOf,
  roleStatements,
  singleResource,
  synthesize,
  type Templates,
  testAccount,
  testRegion,
} from './infra-testing';
import { orderBusName } from './stage';

let templates: Templates;
beforeAll(async () => {
  templates = await synthesize('test');
});
afterAll(removeBuildOutput);

const busArn = `arn:aws:events:${testRegion}:${testAccount}:event-bus/${orderBusName('test')}`;

function tableId(): string {
  return singleResource(templates.Storage, 'AWS::DynamoDB::Table')[0];
}

function stateMachine(): { id: string; properties: Record<string, unknown> } {
  const [id, resource] = singleResource(templates.Workflow, 'AWS::StepFunctions::StateMachine');
  return { id, properties: propertiesOf(resource) };
}

function functionNamed(constructId: string): { id: string; properties: Record<string, unknown> } {
  const [id, resource] = resourceNamed(templates.Workflow, 'AWS::Lambda::Function', constructId);
  return { id, properties: propertiesOf(resource) };
}

/** The logical id of the one function deployed with this handler. */
function functionWithHandler(handler: string): string | undefined {
  const found = resourcesOf(templates.Workflow, 'AWS::Lambda::Function').filter(
    ([, resource]) => propertiesOf(resource).Handler === `packages/functions/src/${handler}`,
  );
  expect(found).toHaveLength(1);
  return found[0]?.[0];
}

// Joins the literal parts of an Fn::Join whose only tokens are the partition, as ARNs built by CDK are.
function joinedArn(value: unknown): unknown {
  if (!isRecord(value) || !Array.isArray(value['Fn::Join'])) return value;
  const [separator, parts] = value['Fn::Join'] as [string, unknown[]];
  return parts
    .map((part) => (isRecord(part) && part.Ref === 'AWS::Partition' ? 'aws' : part))
    .map((part) => (typeof part === 'string' ? part : JSON.stringify(part)))
    .join(separator);
}

interface State {
  Type: string;
  Resource?: string;
  Parameters?: { Entries?: { EventBusName?: string }[] };
}

describe('the deployed state machine definition', () => {
  it('is the ASL file, placeholders and all', () => {
    const definition = stateMachine().properties.DefinitionString;
    expect(typeof definition).toBe('string');
    expect(JSON.parse(definition as string)).toEqual(
      JSON.parse(readFileSync(orderWorkflowDefinitionPath, 'utf8')),
    );
  });

  it('substitutes every placeholder of the file, and only those', () => {
    const placeholders = new Set(
      [...readFileSync(orderWorkflowDefinitionPath, 'utf8').matchAll(/\$\{(\w+)\}/g)].map(
        (match) => match[1],
      ),
    );
    const substitutions = stateMachine().properties.DefinitionSubstitutions;
    expect(isRecord(substitutions) && new Set(Object.keys(substitutions))).toEqual(placeholders);
  });

  it("runs Validate and SequenceAndStore on their functions' live aliases and emits on the orders bus", () => {
    const substitutions = stateMachine().properties.DefinitionSubstitutions as Record<string, unknown>;
    // Stand each substitution in by the function behind the alias it references, then read the definition
    // as AWS will.
    const behind = (value: unknown) => functionBehindLiveAlias(templates, value);
    const definition = substituteDefinition({
      ValidateFunctionArn: `function:${behind(substitutions.ValidateFunctionArn)}`,
      SequenceAndStoreFunctionArn: `function:${behind(substitutions.SequenceAndStoreFunctionArn)}`,
      EventBusName: String(substitutions.EventBusName),
    });
    const states = definition.States as Record<string, State>;
    expect(states.Validate?.Resource).toBe(`function:${functionWithHandler('validate.handler')}`);
    expect(states.SequenceAndStore?.Resource).toBe(
      `function:${functionWithHandler('sequence-and-store.handler')}`,
    );
    const emits = Object.values(states).filter(
      (state) => state.Resource === 'arn:aws:states:::events:putEvents',
    );
    expect(emits).toHaveLength(2);
    for (const emit of emits) {
      expect(emit.Parameters?.Entries?.map((entry) => entry.EventBusName)).toEqual([orderBusName('test')]);
    }
  });

  it('deploys the functions with the handlers the ASL tasks mean', () => {
    expect(functionNamed('Validate').properties.Handler).toBe('packages/functions/src/validate.handler');
    expect(functionNamed('SequenceAndStore').properties.Handler).toBe(
      'packages/functions/src/sequence-and-store.handler',
    );
  });
});

describe('the state machine', () => {
  it('logs every event with its execution data on a stage that is not production', () => {
    const logging = stateMachine().properties.LoggingConfiguration as Record<string, unknown>;
    expect(logging).toMatchObject({ Level: 'ALL', IncludeExecutionData: true });
    const [destination] = logging.Destinations as { CloudWatchLogsLogGroup: { LogGroupArn: unknown } }[];
    const [logGroupId] = resourceNamed(templates.Workflow, 'AWS::Logs::LogGroup', 'OrderWorkflowLogs');
    expect(referencedId(destination?.CloudWatchLogsLogGroup.LogGroupArn)).toBe(logGroupId);
  });

  it('is traced with X-Ray', () => {
    expect(stateMachine().properties.TracingConfiguration).toEqual({ Enabled: true });
  });

  it("may invoke only its two functions' live aliases and put events only on the orders bus", () => {
    const roleId = referencedId(stateMachine().properties.RoleArn) ?? '';
    const statements = roleStatements(templates.Workflow, roleId);
    const invoke = statements.filter((statement) => actionsOf(statement).includes('lambda:InvokeFunction'));
    const invoked = invoke.flatMap(resourcesIn);
    expect(invoked.length).toBeGreaterThan(0);
    expect(invoked.map((arn) => functionBehindLiveAlias(templates, arn)).sort()).toEqual(
      [functionNamed('Validate').id, functionNamed('SequenceAndStore').id].sort(),
    );
    const put = statements.filter((statement) =>
      actionsOf(statement).some((action) => action.startsWith('events:')),
    );
    expect(put.flatMap(actionsOf)).toEqual(['events:PutEvents']);
    expect(put.flatMap(resourcesIn).map(joinedArn)).toEqual([busArn]);
    const services = new Set(statements.flatMap(actionsOf).map((action) => action.split(':')[0]));
    // Logs and X-Ray are CDK's own grants for logging and tracing.
    expect(services).toEqual(new Set(['lambda', 'events', 'logs', 'xray']));
  });
});

describe('the task functions', () => {
  const handlers = ['Validate', 'SequenceAndStore', 'RecordError'];

  it('know the table and the bus', () => {
    for (const name of handlers) {
      const variables = (functionNamed(name).properties.Environment as { Variables: Record<string, unknown> })
        .Variables;
      expect(resolveImport(templates, variables.TABLE_NAME)).toEqual({ Ref: tableId() });
      expect(variables.EVENT_BUS_NAME).toBe(orderBusName('test'));
    }
  });

  it('bound SequenceAndStore with reserved concurrency', () => {
    // 100: its executions wait in the function for the partner's batch numbering (docs/sequencing.md).
    expect(functionNamed('SequenceAndStore').properties.ReservedConcurrentExecutions).toBe(100);
  });

  it('get exactly the DynamoDB actions their handlers use, on the table and its indexes only', () => {
    const dynamoActions = (name: string) => {
      const roleId = referencedId(functionNamed(name).properties.Role) ?? '';
      const statements = roleStatements(templates.Workflow, roleId).filter((statement) =>
        actionsOf(statement).some((action) => action.startsWith('dynamodb:')),
      );
      for (const statement of statements) {
        const [table, indexes, ...others] = resourcesIn(statement);
        expect(resolveImport(templates, table)).toEqual({ 'Fn::GetAtt': [tableId(), 'Arn'] });
        expect(indexes).toEqual({ 'Fn::Join': ['', [table, '/index/*']] });
        expect(others).toEqual([]);
      }
      return statements.flatMap(actionsOf).sort();
    };
    expect(dynamoActions('Validate')).toEqual([]);
    expect(dynamoActions('SequenceAndStore')).toEqual([
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
    ]);
    expect(dynamoActions('RecordError')).toEqual(['dynamodb:PutItem', 'dynamodb:UpdateItem']);
  });
});
