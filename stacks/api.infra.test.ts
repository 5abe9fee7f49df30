import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listPartners } from '../packages/core/src/partner/registry';
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
  'GET /v1/partners/{partnerId}/submissions',
  'GET /v1/partners/{partnerId}/orders',
  'GET /v1/partners/{partnerId}/orders/{sequenceNumber}',
  'GET /v1/partners/{partnerId}/errors',
  'GET /v1/stats',
  'GET /v1/stats/timeseries',
  'GET /v1/executions',
  'GET /v1/executions/{executionId}',
  'GET /v1/openapi.json',
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
  it('reads each partner’s keys from that partner’s own secret, by its ARN', () => {
    const secrets = resourcesOf(templates.Api, 'AWS::SecretsManager::Secret').map(([id]) => id);
    expect(secrets).toHaveLength(listPartners().length);
    for (const constructId of ['Feed', 'Query']) {
      const reads = statementsOf(constructId).filter((statement) =>
        actionsOf(statement).includes('secretsmanager:GetSecretValue'),
      );
      expect(
        reads
          .flatMap(resourcesIn)
          .map((resource) => JSON.stringify(resource))
          .sort(),
      ).toEqual(secrets.map((id) => JSON.stringify({ Ref: id })).sort());
      const [, fn] = resourceNamed(templates.Api, 'AWS::Lambda::Function', constructId);
      const variables = (propertiesOf(fn).Environment as { Variables: Record<string, unknown> }).Variables;
      for (const [index, partner] of listPartners().entries()) {
        expect(JSON.stringify(variables.PARTNER_KEY_SECRETS)).toContain(partner.id);
        expect(JSON.stringify(variables.PARTNER_KEY_SECRETS)).toContain(secrets[index] ?? '?');
      }
    }
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

  it('shares the partner secrets with the query function alone, which checks keys on partner-scoped reads', () => {
    const readers = Object.entries(templates).flatMap(([, template]) =>
      resourcesOf(template, 'AWS::IAM::Policy').filter(([, policy]) =>
        JSON.stringify(propertiesOf(policy)).includes('secretsmanager:GetSecretValue'),
      ),
    );
    const roles = readers.flatMap(([, policy]) =>
      (propertiesOf(policy).Roles as unknown[]).map(referencedId),
    );
    const roleOf = (constructId: string) =>
      referencedId(propertiesOf(resourceNamed(templates.Api, 'AWS::Lambda::Function', constructId)[1]).Role);
    expect([...new Set(roles)].sort()).toEqual([roleOf('Feed'), roleOf('Query')].sort());
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
      // Each partner's secret (to check partner keys), and the cursor key.
      ...listPartners().map(() => 'secretsmanager:DescribeSecret'),
      ...listPartners().map(() => 'secretsmanager:GetSecretValue'),
      // The partner registry, and the cursor key.
      'ssm:GetParameter',
      'ssm:GetParameters',
      'states:DescribeExecution',
      'states:GetExecutionHistory',
      'states:ListExecutions',
    ]);
  });
});

describe('operator sign-in', () => {
  it('is a Cognito user pool without self sign-up, with its hosted sign-in domain and both groups', () => {
    const [, pool] = singleResource(templates.Api, 'AWS::Cognito::UserPool');
    expect(propertiesOf(pool).AdminCreateUserConfig).toMatchObject({ AllowAdminCreateUserOnly: true });
    singleResource(templates.Api, 'AWS::Cognito::UserPoolDomain');
    const groups = resourcesOf(templates.Api, 'AWS::Cognito::UserPoolGroup').map(
      ([, group]) => propertiesOf(group).GroupName,
    );
    expect(groups.sort()).toEqual(['admin', 'operator']);
  });

  it('has a public web client for code + PKCE and a client-credentials client with the role scopes', () => {
    const clients = resourcesOf(templates.Api, 'AWS::Cognito::UserPoolClient').map(([, client]) =>
      propertiesOf(client),
    );
    const web = clients.find((client) => (client.AllowedOAuthFlows as string[]).includes('code'));
    const script = clients.find((client) =>
      (client.AllowedOAuthFlows as string[]).includes('client_credentials'),
    );
    expect(web).toMatchObject({
      GenerateSecret: false,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthScopes: ['openid', 'email', 'profile'],
      CallbackURLs: expect.arrayContaining(['https://orders.test.example/signed-in']),
    });
    expect(script).toMatchObject({ GenerateSecret: true, AllowedOAuthFlows: ['client_credentials'] });
    expect(JSON.stringify(script?.AllowedOAuthScopes)).toContain('/operator');
    expect(JSON.stringify(script?.AllowedOAuthScopes)).toContain('/admin');
    const [, server] = singleResource(templates.Api, 'AWS::Cognito::UserPoolResourceServer');
    expect(propertiesOf(server)).toMatchObject({
      Identifier: 'orders',
      Scopes: [
        expect.objectContaining({ ScopeName: 'operator' }),
        expect.objectContaining({ ScopeName: 'admin' }),
      ],
    });
  });

  it('guards every operator route with the JWT authorizer and leaves partner-key routes to the handler', () => {
    const [authorizerId, authorizer] = singleResource(templates.Api, 'AWS::ApiGatewayV2::Authorizer');
    expect(propertiesOf(authorizer)).toMatchObject({
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
    });
    const [poolId] = singleResource(templates.Api, 'AWS::Cognito::UserPool');
    expect(JSON.stringify(propertiesOf(authorizer).JwtConfiguration)).toContain(poolId);
    const guarded = Object.fromEntries(
      resourcesOf(templates.Api, 'AWS::ApiGatewayV2::Route').map(([, route]) => {
        const { RouteKey, AuthorizationType, AuthorizerId } = propertiesOf(route) as Record<string, unknown>;
        return [RouteKey, AuthorizationType === 'JWT' && referencedId(AuthorizerId) === authorizerId];
      }),
    );
    expect(guarded).toEqual({
      [feedRoute]: false,
      'GET /v1/partners/{partnerId}/submissions/{submissionId}': false,
      'GET /v1/partners/{partnerId}/submissions': false,
      'GET /v1/partners/{partnerId}/orders': false,
      'GET /v1/partners/{partnerId}/orders/{sequenceNumber}': false,
      'GET /v1/partners/{partnerId}/errors': false,
      'GET /v1/partners': true,
      'GET /v1/stats': true,
      'GET /v1/stats/timeseries': true,
      'GET /v1/executions': true,
      'GET /v1/executions/{executionId}': true,
      // The API's description is public: no authorizer, and the handler admits anyone.
      'GET /v1/openapi.json': false,
    });
  });

  it('tells the handlers the issuer and clients, so they verify tokens where no authorizer stands', () => {
    for (const constructId of ['Feed', 'Query']) {
      const [, fn] = resourceNamed(templates.Api, 'AWS::Lambda::Function', constructId);
      const variables = (propertiesOf(fn).Environment as { Variables: Record<string, unknown> }).Variables;
      expect(JSON.stringify(variables.OPERATOR_ISSUER)).toContain('cognito-idp');
      const clientIds = resourcesOf(templates.Api, 'AWS::Cognito::UserPoolClient').map(([id]) => id);
      expect(clientIds).toHaveLength(2);
      for (const clientId of clientIds)
        expect(JSON.stringify(variables.OPERATOR_AUDIENCES)).toContain(clientId);
    }
  });
});
