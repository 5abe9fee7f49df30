import { ArnFormat } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Config, Api as HttpApi, Function as SstFunction, type StackContext, use } from 'sst/constructs';
import { listPartners } from '../packages/core/src/partner/registry';
import { hasJwtAuthorizer, type Route, routes } from '../packages/functions/src/api/routes';
import { OperatorAuth } from './Auth';
import { Events } from './Events';
import { Partners } from './Partners';
import { publishLive } from './rollout';
import { Storage } from './Storage';
import { stageSettings } from './stage';
import { Workflow } from './Workflow';

// Stage-wide limits, well above a partner's expected rate, that keep a runaway client from running up
// Lambda and DynamoDB costs; a partner beyond them gets 429s it can retry.
const throttle = { rate: 100, burst: 200 };

const handlerTimeoutSeconds = 10;

// The feed records the pending submission before it publishes the event; the query routes only read:
// orders by sequence, by time through an index and by external id through its claim; errors; submissions,
// one by id or by status through an index; every partner's counters and stats in one batch.
const feedTableActions = ['dynamodb:PutItem'];
const queryTableActions = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'];
// Reprocessing reads a submission, moves it back to pending in one transaction with the partner's counts
// (TransactWriteItems needs the item-level actions of each write it holds:
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/transaction-apis-iam.html), then puts its
// OrderSubmitted again.
const operateTableActions = ['dynamodb:GetItem', 'dynamodb:UpdateItem', 'dynamodb:ConditionCheckItem'];

/** The HTTP API: partners submit orders, operators and the web app read them. */
export function Api({ stack, app }: StackContext) {
  const settings = stageSettings(app.stage, app.mode);
  const { table } = use(Storage);
  const { bus, archives, orderSubmittedRule } = use(Events);
  const { stateMachine } = use(Workflow);
  const auth = new OperatorAuth(stack, 'OperatorAuth', { stage: app.stage, settings });
  // Partner-scoped reads have no authorizer (a partner key must reach them): their handler verifies tokens.
  const environment: Record<string, string> = {
    TABLE_NAME: table.tableName,
    EVENT_BUS_NAME: bus.eventBusName,
    OPERATOR_ISSUER: auth.issuer,
    OPERATOR_AUDIENCES: auth.audiences.join(','),
  };

  // Each partner's keys live in a secret of its own, `{"keys": ["<key>", …]}` with at most two active keys
  // (rotation without downtime), created holding none and set outside the code (docs/deploy.md). The
  // functions cache them for a minute and read each partner's by its ARN.
  const partnerSecrets = listPartners().map((partner) => ({
    partnerId: partner.id,
    secret: new Secret(stack, `PartnerKeys-${partner.id}`, {
      description: `API keys of partner ${partner.id}`,
      removalPolicy: settings.removalPolicy,
      generateSecretString: {
        secretStringTemplate: JSON.stringify({ keys: [] }),
        generateStringKey: 'placeholder',
      },
    }),
  }));
  environment.PARTNER_KEY_SECRETS = stack.toJsonString(
    Object.fromEntries(partnerSecrets.map(({ partnerId, secret }) => [partnerId, secret.secretArn])),
  );
  const feed = new SstFunction(stack, 'Feed', {
    handler: 'packages/functions/src/api/feed.handler',
    environment,
    timeout: handlerTimeoutSeconds,
  });
  table.grant(feed, ...feedTableActions);
  const partners = use(Partners);
  partners.grantRead(feed);
  bus.grantPutEventsTo(feed);

  // The admin actions: they change what the feed and the workflow wrote, so they have a function of their own.
  const operate = new SstFunction(stack, 'Operate', {
    handler: 'packages/functions/src/api/operate.handler',
    environment: {
      ...environment,
      // Replays read these archives and send their events back to this bus, to the OrderSubmitted rule only.
      EVENT_BUS_ARN: bus.eventBusArn,
      REPLAY_ARCHIVES: stack.toJsonString({
        all: archives.all.archiveArn,
        byPartner: Object.fromEntries(
          Object.entries(archives.byPartner).map(([partnerId, archive]) => [partnerId, archive.archiveArn]),
        ),
      }),
      REPLAY_RULE_ARN: orderSubmittedRule.ruleArn,
    },
    timeout: handlerTimeoutSeconds,
  });
  table.grant(operate, ...operateTableActions);
  partners.grantRead(operate);
  bus.grantPutEventsTo(operate);
  // StartReplay is authorized on the archive it reads, DescribeReplay on the replay
  // (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazoneventbridge.html).
  operate.attachPermissions([
    new PolicyStatement({
      actions: ['events:StartReplay'],
      resources: [archives.all.archiveArn, ...Object.values(archives.byPartner).map((a) => a.archiveArn)],
    }),
    new PolicyStatement({
      actions: ['events:DescribeReplay'],
      resources: [stack.formatArn({ service: 'events', resource: 'replay', resourceName: '*' })],
    }),
  ]);

  // Listing cursors are signed with CURSOR_KEY
  // (`sst secrets set CURSOR_KEY "$(openssl rand -base64 32)" --stage <stage>`).
  const cursorKey = new Config.Secret(stack, 'CURSOR_KEY');
  const query = new SstFunction(stack, 'Query', {
    handler: 'packages/functions/src/api/query.handler',
    environment: { ...environment, STATE_MACHINE_ARN: stateMachine.stateMachineArn },
    bind: [cursorKey],
    timeout: handlerTimeoutSeconds,
  });
  table.grant(query, ...queryTableActions);
  partners.grantRead(query);
  // Partner-scoped reads admit the partner's own key, so the query function reads the keys as the feed does.
  for (const { secret } of partnerSecrets) {
    secret.grantRead(feed);
    secret.grantRead(query);
    secret.grantRead(operate);
  }
  // /v1/executions reads this state machine's executions and their histories, nothing else.
  query.attachPermissions([
    new PolicyStatement({ actions: ['states:ListExecutions'], resources: [stateMachine.stateMachineArn] }),
    new PolicyStatement({
      actions: ['states:DescribeExecution', 'states:GetExecutionHistory'],
      resources: [
        stack.formatArn({
          service: 'states',
          resource: 'execution',
          resourceName: `${stateMachine.stateMachineName}:*`,
          arnFormat: ArnFormat.COLON_RESOURCE_NAME,
        }),
      ],
    }),
  ]);

  // The routes invoke each function's live alias, so a new version takes requests only as it rolls out.
  const handlers: Record<Route['handler'], IFunction> = {
    feed: publishLive(feed, settings.canary),
    query: publishLive(query, settings.canary),
    operate: publishLive(operate, settings.canary),
  };
  const api = new HttpApi(stack, 'Api', {
    // Without a known web origin no browser may call the API cross-origin; partners' servers need no CORS.
    cors:
      settings.webOrigins.length === 0
        ? false
        : {
            allowOrigins: [...settings.webOrigins],
            allowMethods: ['GET', 'POST'],
            allowHeaders: ['content-type', 'x-api-key', 'authorization'],
          },
    defaults: { throttle },
    // Operators' routes sit behind API Gateway's JWT authorizer on the user pool's tokens.
    authorizers: {
      operators: {
        type: 'user_pool',
        userPool: { id: auth.userPool.userPoolId, clientIds: auth.audiences },
      },
    },
    // The route table the local server matches too, each route on the function named by its handler.
    routes: Object.fromEntries(
      routes.map((route) => [
        `${route.method} ${route.path}`,
        {
          cdk: { function: handlers[route.handler] },
          authorizer: hasJwtAuthorizer(route) ? ('operators' as const) : ('none' as const),
        },
      ]),
    ),
  });

  stack.addOutputs({
    ApiUrl: api.url,
    OperatorIssuer: auth.issuer,
    OperatorWebClientId: auth.webClient.userPoolClientId,
    OperatorScriptClientId: auth.scriptClient.userPoolClientId,
    OperatorSignIn: auth.signInDomain,
    PartnerKeySecrets: environment.PARTNER_KEY_SECRETS ?? '',
  });
  return { api, auth, functions: { feed, query, operate } };
}
