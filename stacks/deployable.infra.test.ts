import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderMetrics } from '../packages/core/src/metrics';
import {
  actionsOf,
  functionBehindLiveAlias,
  nonEmpty,
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
import { apiPathPattern } from './same-origin-api';

// Production and staging as `sst deploy` builds them, the site's distribution included; a personal stage
// as `sst dev` builds it.
const deployed = ['production', 'staging'] as const;
const synthesized = new Map<string, Templates>();
beforeAll(async () => {
  // One after the other: an app's templates must be taken before the next app is composed.
  for (const stage of deployed) synthesized.set(stage, await synthesize(stage, 'deploy', { site: 'stub' }));
  synthesized.set('dev', await synthesize('dev-someone', 'dev'));
}, 240_000);
afterAll(removeBuildOutput);

function app(name: (typeof deployed)[number] | 'dev'): Templates {
  const templates = synthesized.get(name);
  if (templates === undefined) throw new Error(`${name} was not synthesized`);
  return templates;
}

/** Every handler function of the app (not SST's or the CDK's own), by stack and logical id. */
function handlerFunctions(templates: Templates): { stack: keyof Templates; id: string }[] {
  return (Object.keys(templates) as (keyof Templates)[]).flatMap((stack) =>
    resourcesOf(templates[stack], 'AWS::Lambda::Function')
      .filter(([, fn]) => String(propertiesOf(fn).Handler).startsWith('packages/functions/src/'))
      .map(([id]) => ({ stack, id })),
  );
}

function aliasesOf(templates: Templates): { stack: keyof Templates; id: string; functionId?: string }[] {
  return (Object.keys(templates) as (keyof Templates)[]).flatMap((stack) =>
    resourcesOf(templates[stack], 'AWS::Lambda::Alias').map(([id, alias]) => ({
      stack,
      id,
      ...(propertiesOf(alias).Name === 'live'
        ? { functionId: referencedId(propertiesOf(alias).FunctionName) ?? '' }
        : {}),
    })),
  );
}

function alarmsIn(templates: Templates): Record<string, unknown>[] {
  return Object.values(templates).flatMap((template) =>
    resourcesOf(template, 'AWS::CloudWatch::Alarm').map(([, alarm]) => propertiesOf(alarm)),
  );
}

describe.each(deployed)('the %s stage', (stage) => {
  const templates = () => app(stage);

  describe('the web distribution', () => {
    function distribution(): Record<string, unknown> {
      const [, found] = singleResource(templates().Web, 'AWS::CloudFront::Distribution');
      return propertiesOf(found).DistributionConfig as Record<string, unknown>;
    }

    function apiBehavior(): Record<string, unknown> {
      const behaviors = distribution().CacheBehaviors as Record<string, unknown>[];
      expect(behaviors.length).toBeGreaterThan(0);
      const found = behaviors.filter((behavior) => behavior.PathPattern === apiPathPattern);
      expect(found).toHaveLength(1);
      return found[0] as Record<string, unknown>;
    }

    it('routes /v1/* to the HTTP API on its own domain, so the web app needs no CORS and no second deploy', () => {
      const origins = distribution().Origins as {
        Id: string;
        DomainName: unknown;
        CustomOriginConfig?: unknown;
      }[];
      const origin = origins.find((candidate) => candidate.Id === apiBehavior().TargetOriginId);
      expect(origin?.CustomOriginConfig).toMatchObject({ OriginProtocolPolicy: 'https-only' });
      // The domain is taken from the API's endpoint in the same deploy.
      const domain = JSON.stringify(origin?.DomainName);
      const [apiId] = singleResource(templates().Api, 'AWS::ApiGatewayV2::Api');
      expect(domain).toContain('Fn::Split');
      const imported = JSON.stringify(origin?.DomainName).match(/"Fn::ImportValue":"([^"]+)"/)?.[1];
      // https://<api id>.execute-api.<region>.amazonaws.com, its host cut out by Fn::Split and Fn::Select.
      expect(resolveImport(templates(), { 'Fn::ImportValue': imported })).toEqual({
        'Fn::GetAtt': [apiId, 'ApiEndpoint'],
      });
    });

    it('caches nothing of the API, allows every method and sends every viewer header but Host', () => {
      const behavior = apiBehavior();
      // CloudFront's managed CachingDisabled policy.
      expect(behavior.CachePolicyId).toBe('4135ea2d-6df8-44a3-9df3-4b5a84be39ad');
      expect(behavior.AllowedMethods).toEqual(
        expect.arrayContaining(['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE']),
      );
      expect(behavior.ViewerProtocolPolicy).toBe('https-only');
      const [policyId, policy] = singleResource(templates().Web, 'AWS::CloudFront::OriginRequestPolicy');
      expect(referencedId(behavior.OriginRequestPolicyId)).toBe(policyId);
      // x-api-key, authorization and content-type all arrive; Authorization can only arrive this way.
      expect(propertiesOf(policy).OriginRequestPolicyConfig).toMatchObject({
        HeadersConfig: { HeaderBehavior: 'allExcept', Headers: ['host'] },
        QueryStringsConfig: { QueryStringBehavior: 'all' },
      });
    });

    it('puts the partner-key rate limit in front of everything it serves, the API under /v1 included', () => {
      const [aclId, acl] = singleResource(templates().Web, 'AWS::WAFv2::WebACL');
      expect(propertiesOf(acl).Scope).toBe('CLOUDFRONT');
      // A web ACL is attached to the distribution as a whole (its WebACLId, the ACL's ARN for WAFv2):
      // https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_DistributionConfig.html
      expect(distribution().WebACLId).toEqual({ 'Fn::GetAtt': [aclId, 'Arn'] });
    });

    it("keeps the API's error answers: no error responses, the app's routing is a viewer function", () => {
      expect(distribution().CustomErrorResponses ?? []).toEqual([]);
      const defaults = distribution().DefaultCacheBehavior as {
        FunctionAssociations: { FunctionARN: unknown }[];
      };
      const [routingId] = resourceNamed(templates().Web, 'AWS::CloudFront::Function', 'AppRouting');
      expect(
        defaults.FunctionAssociations.map((association) => referencedId(association.FunctionARN)),
      ).toEqual([routingId]);
    });

    it('builds the web app with no API URL, so it calls its own origin', () => {
      const metadata = JSON.stringify(templates().Web.toJSON().Outputs?.SSTMetadata);
      expect(metadata).not.toContain('VITE_API_URL');
    });
  });

  describe('the recovery schedule', () => {
    it("invokes the recovery function's live alias every 5 minutes", () => {
      const [, schedule] = singleResource(templates().Recovery, 'AWS::Scheduler::Schedule');
      const properties = propertiesOf(schedule) as { ScheduleExpression: string; Target: { Arn: unknown } };
      expect(properties.ScheduleExpression).toBe('rate(5 minutes)');
      const [recoveryId, recovery] = resourceNamed(templates().Recovery, 'AWS::Lambda::Function', 'Recovery');
      expect(propertiesOf(recovery).Handler).toBe('packages/functions/src/recovery-schedule.handler');
      expect(functionBehindLiveAlias(templates(), properties.Target.Arn)).toBe(recoveryId);
    });

    it('lets recovery query the table and its indexes, never scan, and put events on the bus', () => {
      const [, recovery] = resourceNamed(templates().Recovery, 'AWS::Lambda::Function', 'Recovery');
      const statements = roleStatements(
        templates().Recovery,
        referencedId(propertiesOf(recovery).Role) ?? '',
      );
      const dynamo = statements.filter((statement) =>
        actionsOf(statement).some((a) => a.startsWith('dynamodb:')),
      );
      expect(dynamo.length).toBeGreaterThan(0);
      expect(dynamo.flatMap(actionsOf)).toEqual(['dynamodb:Query']);
      const [tableId] = singleResource(templates().Storage, 'AWS::DynamoDB::Table');
      for (const statement of dynamo) {
        const [table, indexes] = resourcesIn(statement);
        expect(resolveImport(templates(), table)).toEqual({ 'Fn::GetAtt': [tableId, 'Arn'] });
        expect(indexes).toEqual({ 'Fn::Join': ['', [table, '/index/*']] });
      }
      expect(statements.flatMap(actionsOf)).toContain('events:PutEvents');
      expect(statements.flatMap(actionsOf)).not.toContain('dynamodb:Scan');
    });

    it('lets the scheduler invoke only that alias', () => {
      const [, schedule] = singleResource(templates().Recovery, 'AWS::Scheduler::Schedule');
      const target = (propertiesOf(schedule) as { Target: { Arn: unknown; RoleArn: unknown } }).Target;
      const statements = roleStatements(templates().Recovery, referencedId(target.RoleArn) ?? '');
      expect(statements.length).toBeGreaterThan(0);
      expect(statements.flatMap(actionsOf)).toEqual(['lambda:InvokeFunction']);
      const [recoveryId] = resourceNamed(templates().Recovery, 'AWS::Lambda::Function', 'Recovery');
      const invoked = statements.flatMap(resourcesIn);
      expect(invoked.length).toBeGreaterThan(0);
      expect(invoked.map((arn) => functionBehindLiveAlias(templates(), arn))).toEqual(
        invoked.map(() => recoveryId),
      );
    });
  });

  describe("record-error's failures", () => {
    it('go to an SQS queue of their own once Lambda has retried them, from the alias the rule invokes', () => {
      const [, config] = singleResource(templates().Workflow, 'AWS::Lambda::EventInvokeConfig');
      const properties = propertiesOf(config) as {
        FunctionName: unknown;
        Qualifier: unknown;
        MaximumRetryAttempts: number;
        DestinationConfig: { OnFailure: { Destination: unknown } };
      };
      const [recordErrorId] = resourceNamed(templates().Workflow, 'AWS::Lambda::Function', 'RecordError');
      expect(referencedId(properties.FunctionName)).toBe(recordErrorId);
      // The qualifier is the live alias's name, cut from its ARN.
      const aliasRef = JSON.stringify(properties.Qualifier).match(/"Ref":"(\w+)"/)?.[1];
      expect(functionBehindLiveAlias(templates(), { Ref: aliasRef })).toBe(recordErrorId);
      expect(properties.MaximumRetryAttempts).toBe(2);
      const [queueId] = resourceNamed(templates().Workflow, 'AWS::SQS::Queue', 'RecordErrorFailures');
      expect(properties.DestinationConfig.OnFailure.Destination).toEqual({ 'Fn::GetAtt': [queueId, 'Arn'] });
    });

    it('raise an alarm on the first message, and the rule keeps its own dead-letter queue', () => {
      const [queueId] = resourceNamed(templates().Workflow, 'AWS::SQS::Queue', 'RecordErrorFailures');
      const watched = alarmsIn(templates())
        .filter((alarm) => alarm.MetricName === 'ApproximateNumberOfMessagesVisible')
        .map((alarm) => resolveImport(templates(), (alarm.Dimensions as { Value: unknown }[])[0]?.Value));
      expect(watched).toContainEqual({ 'Fn::GetAtt': [queueId, 'QueueName'] });
      const rules = resourcesOf(templates().Events, 'AWS::Events::Rule');
      for (const [ruleId, rule] of nonEmpty(rules, 'rule on the bus')) {
        const targets = (propertiesOf(rule).Targets ?? []) as { DeadLetterConfig?: unknown }[];
        for (const target of nonEmpty(targets, `target of ${ruleId}`)) {
          expect(target.DeadLetterConfig).toBeDefined();
        }
      }
    });
  });

  describe('the alarms', () => {
    it('fire on failed and on timed-out workflow executions', () => {
      const [stateMachineId] = singleResource(templates().Workflow, 'AWS::StepFunctions::StateMachine');
      for (const metric of ['ExecutionsFailed', 'ExecutionsTimedOut']) {
        const found = alarmsIn(templates()).filter(
          (alarm) => alarm.Namespace === 'AWS/States' && alarm.MetricName === metric,
        );
        expect(found, metric).toHaveLength(1);
        expect(found[0]).toMatchObject({ Threshold: 0, ComparisonOperator: 'GreaterThanThreshold' });
        const [dimension] = (found[0]?.Dimensions ?? []) as { Value: unknown }[];
        expect(resolveImport(templates(), dimension?.Value)).toEqual({
          Ref: stateMachineId,
        });
      }
    });

    it('fire when the oldest pending submission is older than two recovery runs past the threshold', () => {
      const found = alarmsIn(templates()).filter(
        (alarm) =>
          alarm.Namespace === orderMetrics.namespace && alarm.MetricName === orderMetrics.oldestPendingAge,
      );
      expect(found).toHaveLength(1);
      expect(found[0]).toMatchObject({
        Statistic: 'Maximum',
        Threshold: 25 * 60,
        ComparisonOperator: 'GreaterThanThreshold',
        // Recovery publishes the age on every run: silence means it is not running.
        TreatMissingData: 'breaching',
        Dimensions: [{ Name: 'service', Value: orderMetrics.service }],
      });
    });
  });

  describe('rollouts', () => {
    it('publish every handler behind a live alias', () => {
      const handlers = handlerFunctions(templates());
      expect(handlers.length).toBe(7);
      const aliased = aliasesOf(templates()).map(({ functionId }) => functionId);
      expect(aliased.sort()).toEqual(handlers.map(({ id }) => id).sort());
    });

    it('shift each alias as a canary, 10% for 5 minutes, rolled back when its errors alarm fires', () => {
      const aliases = aliasesOf(templates());
      expect(aliases.length).toBe(7);
      for (const { stack, id } of aliases) {
        const template = templates()[stack];
        const alias = resourcesOf(template, 'AWS::Lambda::Alias').find(([aliasId]) => aliasId === id)?.[1];
        const update = (
          alias as { UpdatePolicy?: { CodeDeployLambdaAliasUpdate?: { DeploymentGroupName: unknown } } }
        ).UpdatePolicy?.CodeDeployLambdaAliasUpdate;
        const groupId = referencedId(update?.DeploymentGroupName);
        const group = resourcesOf(template, 'AWS::CodeDeploy::DeploymentGroup').find(
          ([gid]) => gid === groupId,
        )?.[1];
        expect(group, `${stack}/${id}`).toBeDefined();
        const properties = propertiesOf(group ?? { Type: '' }) as {
          DeploymentConfigName: string;
          AutoRollbackConfiguration: { Enabled: boolean; Events: string[] };
          AlarmConfiguration: { Enabled: boolean; Alarms: { Name: unknown }[] };
        };
        expect(properties.DeploymentConfigName).toBe('CodeDeployDefault.LambdaCanary10Percent5Minutes');
        expect(properties.AutoRollbackConfiguration).toEqual({
          Enabled: true,
          Events: expect.arrayContaining(['DEPLOYMENT_FAILURE', 'DEPLOYMENT_STOP_ON_ALARM']),
        });
        expect(properties.AlarmConfiguration.Enabled).toBe(true);
        const [alarmRef] = properties.AlarmConfiguration.Alarms;
        const alarm = resourcesOf(template, 'AWS::CloudWatch::Alarm').find(
          ([alarmId]) => alarmId === referencedId(alarmRef?.Name),
        )?.[1];
        // The alias's own errors: the function's name and the alias as the resource.
        const alarmProperties = propertiesOf(alarm ?? { Type: '' });
        expect(alarmProperties).toMatchObject({
          Namespace: 'AWS/Lambda',
          MetricName: 'Errors',
          Threshold: 0,
        });
        const dimensions = alarmProperties.Dimensions as { Name: string }[];
        expect(dimensions.map(({ Name }) => Name).sort()).toEqual(['FunctionName', 'Resource']);
      }
    });

    it('grant no wildcard in the CodeDeploy roles beyond the AWS managed policy for Lambda', () => {
      const roles = Object.values(templates()).flatMap((template) =>
        resourcesOf(template, 'AWS::IAM::Role').filter(([id]) => id.includes('RolloutServiceRole')),
      );
      expect(roles).toHaveLength(7);
      for (const [, role] of roles) {
        expect(JSON.stringify(propertiesOf(role).ManagedPolicyArns)).toContain(
          'AWSCodeDeployRoleForLambdaLimited',
        );
      }
    });
  });
});

describe('a stage under sst dev', () => {
  it('still puts every handler behind a live alias, with no CodeDeploy', () => {
    const templates = app('dev');
    const aliases = aliasesOf(templates);
    expect(aliases.length).toBe(7);
    expect(aliases.every(({ functionId }) => functionId !== undefined)).toBe(true);
    for (const template of nonEmpty(Object.values(templates), 'stack')) {
      expect(resourcesOf(template, 'AWS::CodeDeploy::DeploymentGroup')).toEqual([]);
      expect(resourcesOf(template, 'AWS::CodeDeploy::Application')).toEqual([]);
    }
  });
});

describe('stage configuration', () => {
  it('subscribes nobody on production and staging until the stage names its subscribers', () => {
    for (const stage of deployed) {
      expect(resourcesOf(app(stage).Monitoring, 'AWS::SNS::Subscription')).toEqual([]);
    }
  });
});
