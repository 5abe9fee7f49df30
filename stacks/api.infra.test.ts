import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  actionsOf,
  functionBehindLiveAlias,
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
import { nodeRuntime } from './runtime';
import { stageSettings } from './stage';

let templates: Templates;
beforeAll(async () => {
  templates = await synthesize('test');
});
afterAll(removeBuildOutput);

const getRoutes = [
  'GET /v1/partners',
  'GET /v1/partners/{partnerId}/submissions/{submissionId}',
  'GET /v1/partners/{partnerId}/orders',
  'GET /v1/partners/{partnerId}/orders/{sequenceNumber}',
  'GET /v1/partners/{partnerId}/errors',
  'GET /v1/stats',
  'GET /v1/executions',
  'GET /v1/executions/{executionId}',
];
const feedRoute = 'POST /v1/partners/{partnerId}/orders';

function functionId(constructId: string): string {
  return resourceNamed(templates.Api, 'AWS::Lambda::Function', constructId)[0];
}

/** Each route key with the logical id of the function its integration invokes. */
function routeTargets(): Record<string, string | undefined> {
  const integrations = Object.fromEntries(
    resourcesOf(templates.Api, 'AWS::ApiGatewayV2::Integration').map(([id, integration]) => [
      id,
      functionBehindLiveAlias(templates, propertiesOf(integration).IntegrationUri),
    ]),
  );
  return Object.fromEntries(
    resourcesOf(templates.Api, 'AWS::ApiGatewayV2::Route').map(([, route]) => {
      const { RouteKey, Target } = propertiesOf(route) as { RouteKey: string; Target: unknown };
      const integrationId = JSON.stringify(Target).match(/"Ref":"(\w+)"/)?.[1] ?? '';
      return [RouteKey, integrations[integrationId]];
    }),
  );
}

function statementsOf(constructId: string) {
  const [, fn] = resourceNamed(templates.Api, 'AWS::Lambda::Function', constructId);
  return roleStatements(templates.Api, referencedId(propertiesOf(fn).Role) ?? '');
}

describe('the HTTP API', () => {
  it("routes order submissions to the feed handler's live alias and every read to the query handler's", () => {
    const feed = functionId('Feed');
    const query = functionId('Query');
    expect(routeTargets()).toEqual({
      [feedRoute]: feed,
      ...Object.fromEntries(getRoutes.map((route) => [route, query])),
    });
  });

  it("answers CORS requests only from the stage's web origin", () => {
    const [, api] = singleResource(templates.Api, 'AWS::ApiGatewayV2::Api');
    expect(propertiesOf(api).CorsConfiguration).toMatchObject({
      AllowOrigins: [...stageSettings('test').webOrigins],
      AllowMethods: ['GET', 'POST'],
    });
    expect(stageSettings('test').webOrigins).not.toContain('*');
  });

  it('throttles every route by default', () => {
    const [, stage] = singleResource(templates.Api, 'AWS::ApiGatewayV2::Stage');
    const settings = propertiesOf(stage).DefaultRouteSettings as Record<string, number>;
    expect(settings.ThrottlingRateLimit).toBeGreaterThan(0);
    expect(settings.ThrottlingBurstLimit).toBeGreaterThanOrEqual(settings.ThrottlingRateLimit ?? 0);
  });
});

describe('the API functions', () => {
  it('run the API handlers', () => {
    for (const [constructId, handler] of [
      ['Feed', 'packages/functions/src/api/feed.handler'],
      ['Query', 'packages/functions/src/api/query.handler'],
    ]) {
      const [, fn] = resourceNamed(templates.Api, 'AWS::Lambda::Function', constructId ?? '');
      expect(propertiesOf(fn).Handler).toBe(handler);
      expect(propertiesOf(fn).Runtime).toBe(nodeRuntime);
    }
  });

  it('know the table, the bus and the state machine', () => {
    const [, query] = resourceNamed(templates.Api, 'AWS::Lambda::Function', 'Query');
    const variables = (propertiesOf(query).Environment as { Variables: Record<string, unknown> }).Variables;
    const [tableId] = singleResource(templates.Storage, 'AWS::DynamoDB::Table');
    const [busId] = singleResource(templates.Events, 'AWS::Events::EventBus');
    const [stateMachineId] = singleResource(templates.Workflow, 'AWS::StepFunctions::StateMachine');
    expect(resolveImport(templates, variables.TABLE_NAME)).toEqual({ Ref: tableId });
    expect(resolveImport(templates, variables.EVENT_BUS_NAME)).toEqual({ Ref: busId });
    expect(resolveImport(templates, variables.STATE_MACHINE_ARN)).toEqual({ Ref: stateMachineId });
  });
});

describe('the feed function', () => {
  it('reads the partner keys from the PARTNER_KEYS secret in SSM, and only that parameter', () => {
    const [, fn] = resourceNamed(templates.Api, 'AWS::Lambda::Function', 'Feed');
    const variables = (propertiesOf(fn).Environment as { Variables: Record<string, unknown> }).Variables;
    expect(variables.SST_Secret_value_PARTNER_KEYS).toBe('__FETCH_FROM_SSM__');
    const ssm = statementsOf('Feed').filter((statement) =>
      actionsOf(statement).some((a) => a.startsWith('ssm:')),
    );
    expect(ssm.flatMap(actionsOf)).toEqual(['ssm:GetParameters']);
    const parameterArn = (path: string) => ({
      'Fn::Join': [
        '',
        ['arn:', { Ref: 'AWS::Partition' }, `:ssm:${testRegion}:${testAccount}:parameter${path}`],
      ],
    });
    expect(ssm.flatMap(resourcesIn)).toEqual([
      parameterArn('/sst/orders/test/Secret/PARTNER_KEYS/value'),
      parameterArn('/sst/orders/.fallback/Secret/PARTNER_KEYS/value'),
    ]);
  });

  it('records submissions and publishes on the orders bus, nothing more', () => {
    const actions = statementsOf('Feed').flatMap(actionsOf);
    expect(actions.filter((action) => /^(dynamodb|events):/.test(action)).sort()).toEqual([
      'dynamodb:PutItem',
      'events:PutEvents',
    ]);
    const [busId] = singleResource(templates.Events, 'AWS::Events::EventBus');
    const put = statementsOf('Feed').find((statement) => actionsOf(statement).includes('events:PutEvents'));
    expect(resolveImport(templates, put?.Resource)).toEqual({ 'Fn::GetAtt': [busId, 'Arn'] });
  });

  it('is the only function that can read the partner keys', () => {
    expect(
      statementsOf('Query')
        .flatMap(actionsOf)
        .filter((action) => action.startsWith('ssm:')),
    ).toEqual([]);
  });
});

describe('the query function', () => {
  it('only reads the table and the workflow executions', () => {
    const actions = statementsOf('Query')
      .flatMap(actionsOf)
      .filter((action) => !action.startsWith('xray:'));
    expect(actions.sort()).toEqual([
      'dynamodb:BatchGetItem',
      'dynamodb:GetItem',
      'dynamodb:Query',
      'states:DescribeExecution',
      'states:GetExecutionHistory',
      'states:ListExecutions',
    ]);
  });
});
