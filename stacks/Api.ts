import { ArnFormat } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Config, Api as HttpApi, Function as SstFunction, type StackContext, use } from 'sst/constructs';
import { type Route, routes } from '../packages/functions/src/api/routes';
import { Events } from './Events';
import { publishLive } from './rollout';
import { Storage } from './Storage';
import { stageSettings } from './stage';
import { Workflow } from './Workflow';

// Stage-wide limits, well above a partner's expected rate, that keep a runaway client from running up
// Lambda and DynamoDB costs; a partner beyond them gets 429s it can retry.
const throttle = { rate: 100, burst: 200 };

const handlerTimeoutSeconds = 10;

// The feed records the pending submission before it publishes the event; the query routes only read:
// orders by sequence and, through the index, by time; errors; submissions; every partner's counters and
// stats in one batch.
const feedTableActions = ['dynamodb:PutItem'];
const queryTableActions = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'];

/** The HTTP API: partners submit orders, operators and the web app read them. */
export function Api({ stack, app }: StackContext) {
  const settings = stageSettings(app.stage, app.mode);
  const { table } = use(Storage);
  const { bus } = use(Events);
  const { stateMachine } = use(Workflow);
  const environment = { TABLE_NAME: table.tableName, EVENT_BUS_NAME: bus.eventBusName };

  // Partners' keys live in SSM (`sst secrets set PARTNER_KEYS … --stage <stage>`), never in code.
  const partnerKeys = new Config.Secret(stack, 'PARTNER_KEYS');
  const feed = new SstFunction(stack, 'Feed', {
    handler: 'packages/functions/src/api/feed.handler',
    environment,
    bind: [partnerKeys],
    timeout: handlerTimeoutSeconds,
  });
  table.grant(feed, ...feedTableActions);
  bus.grantPutEventsTo(feed);

  const query = new SstFunction(stack, 'Query', {
    handler: 'packages/functions/src/api/query.handler',
    environment: { ...environment, STATE_MACHINE_ARN: stateMachine.stateMachineArn },
    timeout: handlerTimeoutSeconds,
  });
  table.grant(query, ...queryTableActions);
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
  };
  const api = new HttpApi(stack, 'Api', {
    // Without a known web origin no browser may call the API cross-origin; partners' servers need no CORS.
    cors:
      settings.webOrigins.length === 0
        ? false
        : {
            allowOrigins: [...settings.webOrigins],
            allowMethods: ['GET', 'POST'],
            allowHeaders: ['content-type', 'x-api-key'],
          },
    defaults: { throttle },
    // The route table the local server matches too, each route on the function named by its handler.
    routes: Object.fromEntries(
      routes.map((route) => [
        `${route.method} ${route.path}`,
        { cdk: { function: handlers[route.handler] } },
      ]),
    ),
  });

  stack.addOutputs({ ApiUrl: api.url });
  return { api, functions: { feed, query } };
}
