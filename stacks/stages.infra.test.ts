import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  identityStatements,
  isRecord,
  type PolicyStatement,
  propertiesOf,
  removeBuildOutput,
  singleResource,
  synthesize,
  type Templates,
} from './infra-testing';
import { stageSettings } from './stage';

const stages = ['test', 'production'] as const;
const apps: Partial<Record<(typeof stages)[number], Templates>> = {};
beforeAll(async () => {
  // One after the other: an app's templates must be taken before the next app is composed.
  for (const stage of stages) apps[stage] = await synthesize(stage);
});
afterAll(removeBuildOutput);

function app(stage: (typeof stages)[number]): Templates {
  const templates = apps[stage];
  if (templates === undefined) throw new Error(`${stage} was not synthesized`);
  return templates;
}

/** Every statement-shaped object anywhere in a template: identity, resource and inline policies alike. */
function allStatements(value: unknown, found: PolicyStatement[] = []): PolicyStatement[] {
  if (Array.isArray(value)) {
    for (const item of value) allStatements(item, found);
  } else if (isRecord(value)) {
    if (typeof value.Effect === 'string' && ('Action' in value || 'NotAction' in value)) {
      found.push(value as unknown as PolicyStatement);
    }
    for (const item of Object.values(value)) allStatements(item, found);
  }
  return found;
}

function wildcardActions(statement: PolicyStatement): string[] {
  if (statement.Effect !== 'Allow') return [];
  // An allowed NotAction grants everything it does not name.
  if (statement.NotAction !== undefined) return ['NotAction'];
  const actions: unknown[] = Array.isArray(statement.Action) ? statement.Action : [statement.Action];
  // Anything but a plain action name (a token, a missing Action) counts too: it cannot be vouched for.
  return actions
    .map((action) => (typeof action === 'string' ? action : (JSON.stringify(action) ?? 'none')))
    .filter((action, index) => typeof actions[index] !== 'string' || action.includes('*'));
}

describe.each(stages)('the %s stage', (stage) => {
  it('grants no wildcard action in any policy', () => {
    const templates = app(stage);
    const identity = Object.values(templates).flatMap((template) => identityStatements(template));
    // The walk below must see the role policies (and more), or it proves nothing.
    expect(identity.length).toBeGreaterThan(10);
    for (const [name, template] of Object.entries(templates)) {
      const statements = allStatements(template.toJSON());
      expect(statements).toEqual(
        expect.arrayContaining(identityStatements(template).map(({ statement }) => statement)),
      );
      const offending = statements.filter((statement) => wildcardActions(statement).length > 0);
      expect(offending, `${name} allows wildcard actions`).toEqual([]);
    }
  });
});

describe('the workflow type', () => {
  it('is Express on production and Standard on other stages', () => {
    const type = (stage: (typeof stages)[number]) =>
      propertiesOf(singleResource(app(stage).Workflow, 'AWS::StepFunctions::StateMachine')[1])
        .StateMachineType;
    expect(type('production')).toBe('EXPRESS');
    expect(type('test')).toBe('STANDARD');
  });

  it('keeps full logging and tracing on Express too', () => {
    const properties = propertiesOf(
      singleResource(app('production').Workflow, 'AWS::StepFunctions::StateMachine')[1],
    );
    expect(properties.LoggingConfiguration).toMatchObject({ Level: 'ALL', IncludeExecutionData: true });
    expect(properties.TracingConfiguration).toEqual({ Enabled: true });
  });
});

describe('removal', () => {
  it('retains the production table and protects it from deletion', () => {
    const [, table] = singleResource(app('production').Storage, 'AWS::DynamoDB::Table');
    expect(table.DeletionPolicy).toBe('Retain');
    expect(table.UpdateReplacePolicy).toBe('Retain');
    expect(propertiesOf(table).DeletionProtectionEnabled).toBe(true);
  });

  it('retains every production resource that can be retained', () => {
    for (const template of Object.values(app('production'))) {
      for (const resource of Object.values(
        (template.toJSON() as { Resources: Record<string, unknown> }).Resources,
      )) {
        if (isRecord(resource) && 'DeletionPolicy' in resource)
          expect(resource.DeletionPolicy).toBe('Retain');
      }
    }
  });

  it('removes the table of a non-production stage with its stack', () => {
    const [, table] = singleResource(app('test').Storage, 'AWS::DynamoDB::Table');
    expect(table.DeletionPolicy).toBe('Delete');
    expect(propertiesOf(table).DeletionProtectionEnabled).toBe(false);
  });
});

describe('a stage with nothing configured', () => {
  it('lets no partner account put events and no browser origin call the API', () => {
    expect(stageSettings('production').partnerAccounts).toEqual({});
    expect(app('production').Events.findResources('AWS::Events::EventBusPolicy')).toEqual({});
    const [, api] = singleResource(app('production').Api, 'AWS::ApiGatewayV2::Api');
    expect(propertiesOf(api).CorsConfiguration).toBeUndefined();
  });
});
