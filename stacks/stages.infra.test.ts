import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inventory } from '../packages/bench/src/inventory';
import { functionLogging } from '../packages/core/src/aws/functions';
import {
  identityStatements,
  isRecord,
  nonEmpty,
  type PolicyStatement,
  propertiesOf,
  removeBuildOutput,
  resourcesOf,
  singleResource,
  synthesize,
  type Templates,
} from './infra-testing';
import { metricsEnvironment } from './metrics';
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
    for (const [name, template] of nonEmpty(Object.entries(templates), 'stack')) {
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

  it('keeps tracing on Express too', () => {
    const properties = propertiesOf(
      singleResource(app('production').Workflow, 'AWS::StepFunctions::StateMachine')[1],
    );
    expect(properties.TracingConfiguration).toEqual({ Enabled: true });
  });
});

describe('the workflow logs', () => {
  const logging = (stage: (typeof stages)[number]) =>
    propertiesOf(singleResource(app(stage).Workflow, 'AWS::StepFunctions::StateMachine')[1])
      .LoggingConfiguration as { Level?: string; IncludeExecutionData?: boolean; Destinations?: unknown[] };

  it('hold only failures, and never an input or output, on production', () => {
    expect(logging('production')).toMatchObject({ Level: 'ERROR', IncludeExecutionData: false });
    expect(logging('production').Destinations).toHaveLength(1);
  });

  it('hold every event with its input and output on other stages', () => {
    expect(logging('test')).toMatchObject({ Level: 'ALL', IncludeExecutionData: true });
  });
});

describe('the function logs', () => {
  it('are JSON, application lines from INFO, Lambda’s own lines from WARN, on every function of every stage', () => {
    for (const stage of stages) {
      // The product's functions (those the app's defaults reach); CDK's own custom-resource handlers are not.
      const functions = Object.values(app(stage))
        .flatMap((template) => resourcesOf(template, 'AWS::Lambda::Function'))
        .filter(([, fn]) => {
          const variables = (
            propertiesOf(fn).Environment as { Variables?: Record<string, unknown> } | undefined
          )?.Variables;
          return variables?.POWERTOOLS_SERVICE_NAME === metricsEnvironment.POWERTOOLS_SERVICE_NAME;
        });
      expect(functions.length).toBeGreaterThan(5);
      for (const [id, fn] of functions) {
        expect({ id, logging: propertiesOf(fn).LoggingConfig }).toMatchObject({
          id,
          logging: {
            LogFormat: functionLogging.format,
            ApplicationLogLevel: functionLogging.applicationLogLevel,
            SystemLogLevel: functionLogging.systemLogLevel,
          },
        });
      }
    }
  });

  // Powertools logs the whole event at INFO when POWERTOOLS_LOGGER_LOG_EVENT is set, and DEBUG lines may carry
  // more than ids: neither may be switched on for a deployed function.
  it('log no event and nothing below INFO on any stage', () => {
    for (const stage of stages) {
      const functions = Object.values(app(stage)).flatMap((template) =>
        resourcesOf(template, 'AWS::Lambda::Function'),
      );
      for (const [, fn] of nonEmpty(functions, `function of the ${stage} stage`)) {
        const variables =
          (propertiesOf(fn).Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ??
          {};
        expect(variables.POWERTOOLS_LOGGER_LOG_EVENT ?? 'false').toBe('false');
        expect(['DEBUG', 'TRACE']).not.toContain(
          String(variables.POWERTOOLS_LOG_LEVEL ?? 'INFO').toUpperCase(),
        );
        expect(variables.POWERTOOLS_LOGGER_SAMPLE_RATE ?? '0').toBe('0');
      }
    }
  });
});

describe('removal', () => {
  it('retains the production table and protects it from deletion', () => {
    const [, table] = singleResource(app('production').Storage, 'AWS::DynamoDB::Table');
    expect(table.DeletionPolicy).toBe('Retain');
    expect(table.UpdateReplacePolicy).toBe('Retain');
    expect(propertiesOf(table).DeletionProtectionEnabled).toBe(true);
  });

  // What holds data a stage removal must not take with it: orders and rejections, undelivered events and
  // failures, the event archive, the logs, the operators' accounts, the partners' keys and registry.
  const dataTypes = [
    'AWS::DynamoDB::Table',
    'AWS::SQS::Queue',
    'AWS::Logs::LogGroup',
    'AWS::Events::Archive',
    'AWS::Cognito::UserPool',
    'AWS::SecretsManager::Secret',
  ] as const;

  it.each(dataTypes)('retains every production %s, whether or not it declares a policy', (type) => {
    const resources = Object.values(app('production')).flatMap((template) => resourcesOf(template, type));
    for (const [id, resource] of nonEmpty(resources, type)) {
      expect({ id, DeletionPolicy: resource.DeletionPolicy }).toEqual({ id, DeletionPolicy: 'Retain' });
      expect({ id, UpdateReplacePolicy: resource.UpdateReplacePolicy }).toEqual({
        id,
        UpdateReplacePolicy: 'Retain',
      });
    }
  });

  it('retains every other production resource that declares a policy', () => {
    const declaring = Object.values(app('production')).flatMap((template) =>
      Object.entries((template.toJSON() as { Resources: Record<string, unknown> }).Resources).filter(
        ([, resource]) => isRecord(resource) && 'DeletionPolicy' in resource,
      ),
    );
    for (const [id, resource] of nonEmpty(declaring, 'production resource declaring a DeletionPolicy')) {
      expect({ id, DeletionPolicy: (resource as { DeletionPolicy?: unknown }).DeletionPolicy }).toEqual({
        id,
        DeletionPolicy: 'Retain',
      });
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

// The cost model prices what a production stage holds by the month from packages/bench/src/inventory.ts:
// these counts keep it what the stacks deploy.
const all = (type: string) =>
  Object.values(app('production')).flatMap((template) => resourcesOf(template, type));

describe("the cost model's inventory of production", () => {
  it('counts every alarm, and each metric a metric-math alarm reads', () => {
    const alarms = all('AWS::CloudWatch::Alarm');
    expect(alarms).toHaveLength(inventory.alarms);
    const metrics = alarms.reduce((total, [, alarm]) => {
      const queries = propertiesOf(alarm).Metrics as { MetricStat?: unknown }[] | undefined;
      return total + (queries === undefined ? 1 : queries.filter((query) => query.MetricStat).length);
    }, 0);
    expect(metrics).toBe(inventory.alarmMetrics);
  });

  it('counts the dashboards, web ACLs and their rules, and the partner key secrets', () => {
    expect(all('AWS::CloudWatch::Dashboard')).toHaveLength(inventory.dashboards);
    const acls = all('AWS::WAFv2::WebACL');
    expect(acls).toHaveLength(inventory.webAcls);
    const rules = acls.reduce((total, [, acl]) => total + (propertiesOf(acl).Rules as unknown[]).length, 0);
    expect(rules).toBe(inventory.wafRules);
    const secrets = all('AWS::SecretsManager::Secret').filter(([id]) => id.startsWith('PartnerKeys'));
    expect(secrets).toHaveLength(inventory.partnerSecrets);
  });

  it("counts the product's functions, each of which publishes a ColdStart metric", () => {
    const own = all('AWS::Lambda::Function').filter(([, fn]) =>
      String(propertiesOf(fn).Handler).startsWith('packages/functions/src/'),
    );
    expect(own).toHaveLength(inventory.functions);
  });

  it('runs recovery at the interval it is priced at', () => {
    const schedules = all('AWS::Scheduler::Schedule').map(([, schedule]) => propertiesOf(schedule));
    expect(schedules.map((schedule) => schedule.ScheduleExpression)).toEqual([
      `rate(${inventory.recoveryIntervalSeconds / 60} minutes)`,
    ]);
  });
});
