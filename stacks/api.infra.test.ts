import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listPartners } from '../packages/core/src/partner/registry';
import {
  actionsOf,
  functionBehindLiveAlias,
  grants,
  nonEmpty,
  type PolicyStatement,
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
let devTemplates: Templates;
beforeAll(async () => {
  // One after the other: an app's templates must be taken before the next app is composed.
  templates = await synthesize('test');
  devTemplates = await synthesize('test', 'dev');
}, 180_000);
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
const operateRoutes = [
  'POST /v1/partners/{partnerId}/submissions/{submissionId}/reprocess',
  'POST /v1/replays',
  'GET /v1/replays/{replayName}',
];

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

function statementsOf(constructId: string, from: Templates = templates) {
  const [, fn] = resourceNamed(from.Api, 'AWS::Lambda::Function', constructId);
  return roleStatements(from.Api, referencedId(propertiesOf(fn).Role) ?? '');
}

describe('the HTTP API', () => {
  it("routes order submissions to the feed handler's live alias, every read to the query handler's and admin actions to the operate handler's", () => {
    const feed = functionId('Feed');
    const query = functionId('Query');
    const operate = functionId('Operate');
    expect(routeTargets()).toEqual({
      [feedRoute]: feed,
      ...Object.fromEntries(getRoutes.map((route) => [route, query])),
      ...Object.fromEntries(operateRoutes.map((route) => [route, operate])),
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
      ['Operate', 'packages/functions/src/api/operate.handler'],
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
    for (const constructId of ['Feed', 'Query', 'Operate']) {
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
      for (const [index, partner] of nonEmpty(listPartners(), 'partner').entries()) {
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

  it('shares the partner secrets with the query and operate functions alone, which tell partner keys apart to refuse them', () => {
    // Every role of every stack, with every policy that can reach it: inline, attached, managed, and any
    // wildcard or NotAction that would grant the read.
    const roles = Object.values(templates).flatMap((template) =>
      resourcesOf(template, 'AWS::IAM::Role').map(([id, role]) => ({ template, id, role })),
    );
    expect(roles.length).toBeGreaterThan(2);
    const readers = roles.filter(({ template, id }) =>
      roleStatements(template, id).some((statement) => grants(statement, 'secretsmanager:GetSecretValue')),
    );
    const roleOf = (constructId: string) =>
      referencedId(propertiesOf(resourceNamed(templates.Api, 'AWS::Lambda::Function', constructId)[1]).Role);
    expect(readers.map(({ id }) => id).sort()).toEqual(
      [roleOf('Feed'), roleOf('Query'), roleOf('Operate')].sort(),
    );
    // AWS's own managed policies are out of the template's sight: only those known to grant no secret read
    // (logs; CodeDeploy's alias shifts and alarms:
    // https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSCodeDeployRoleForLambdaLimited.html).
    const managed = roles.flatMap(({ role }) => {
      const arns = propertiesOf(role).ManagedPolicyArns;
      return (Array.isArray(arns) ? arns : []).map((arn) => JSON.stringify(arn));
    });
    for (const arn of nonEmpty(managed, 'managed policy attached to a role')) {
      expect(arn).toMatch(/service-role\/(AWSLambdaBasicExecutionRole|AWSCodeDeployRoleForLambdaLimited)"/);
    }
  });

  it('sees a secret read granted by a wildcard, a NotAction or a managed policy', () => {
    const read = 'secretsmanager:GetSecretValue';
    expect(grants({ Effect: 'Allow', Action: 'secretsmanager:Get*', Resource: '*' }, read)).toBe(true);
    expect(grants({ Effect: 'Allow', Action: '*', Resource: '*' }, read)).toBe(true);
    expect(grants({ Effect: 'Allow', Action: 'SecretsManager:getsecretvalue', Resource: '*' }, read)).toBe(
      true,
    );
    expect(grants({ Effect: 'Allow', NotAction: 's3:*', Resource: '*' } as PolicyStatement, read)).toBe(true);
    expect(
      grants({ Effect: 'Allow', NotAction: 'secretsmanager:*', Resource: '*' } as PolicyStatement, read),
    ).toBe(false);
    expect(grants({ Effect: 'Deny', Action: '*', Resource: '*' }, read)).toBe(false);
    expect(grants({ Effect: 'Allow', Action: 'secretsmanager:DescribeSecret', Resource: '*' }, read)).toBe(
      false,
    );
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

describe.each([
  ['deploy', () => templates],
  ['dev', () => devTemplates],
] as const)('the operate function (%s)', (_mode, templatesOf) => {
  it('reads and conditionally updates submissions, publishes on the orders bus and replays its archives, nothing more', () => {
    const from = templatesOf();
    const statements = statementsOf('Operate', from);
    const actions = statements.flatMap(actionsOf);
    expect(actions.filter((action) => /^(dynamodb|events|states):/.test(action)).sort()).toEqual([
      'dynamodb:ConditionCheckItem',
      'dynamodb:GetItem',
      'dynamodb:UpdateItem',
      'events:DescribeReplay',
      'events:PutEvents',
      'events:StartReplay',
    ]);
    const [busId] = singleResource(from.Events, 'AWS::Events::EventBus');
    const put = statements.find((statement) => actionsOf(statement).includes('events:PutEvents'));
    expect(resolveImport(from, put?.Resource)).toEqual({ 'Fn::GetAtt': [busId, 'Arn'] });
    // StartReplay on the bus's archives, each of them and nothing else.
    const archives = resourcesOf(from.Events, 'AWS::Events::Archive').map(([id]) => id);
    const replay = statements.find((statement) => actionsOf(statement).includes('events:StartReplay'));
    const replayed = resourcesIn(replay ?? { Effect: 'Allow' }).map((resource) =>
      JSON.stringify(resolveImport(from, resource)),
    );
    expect(replayed.sort()).toEqual(
      archives.map((id) => JSON.stringify({ 'Fn::GetAtt': [id, 'Arn'] })).sort(),
    );
    const describe = statements.find((statement) => actionsOf(statement).includes('events:DescribeReplay'));
    expect(JSON.stringify(describe?.Resource)).toContain(':replay/*');
  });

  it('knows the archives, the bus and the OrderSubmitted rule that replays go to', () => {
    const from = templatesOf();
    const [, fn] = resourceNamed(from.Api, 'AWS::Lambda::Function', 'Operate');
    const variables = (propertiesOf(fn).Environment as { Variables: Record<string, unknown> }).Variables;
    const [busId] = singleResource(from.Events, 'AWS::Events::EventBus');
    expect(resolveImport(from, variables.EVENT_BUS_ARN)).toEqual({ 'Fn::GetAtt': [busId, 'Arn'] });
    const [ruleId] = resourceNamed(from.Events, 'AWS::Events::Rule', 'OrderSubmittedRule');
    expect(resolveImport(from, variables.REPLAY_RULE_ARN)).toEqual({ 'Fn::GetAtt': [ruleId, 'Arn'] });
    const archives = JSON.stringify(variables.REPLAY_ARCHIVES);
    for (const partner of listPartners()) expect(archives).toContain(`\\"${partner.id}\\"`);
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
      // Admin actions are for operators only: the authorizer stands in front.
      'POST /v1/partners/{partnerId}/submissions/{submissionId}/reprocess': true,
      'POST /v1/replays': true,
      'GET /v1/replays/{replayName}': true,
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
    for (const constructId of ['Feed', 'Query', 'Operate']) {
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
