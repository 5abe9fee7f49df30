import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rules } from '../packages/core/src/events/rules';
import { partnerSource } from '../packages/core/src/events/sources';
import { listPartners } from '../packages/core/src/partner/registry';
import {
  functionBehindLiveAlias,
  isRecord,
  nonEmpty,
  propertiesOf,
  referencedId,
  removeBuildOutput,
  resolveImport,
  resourcesOf,
  roleStatements,
  singleResource,
  synthesize,
  type Templates,
} from './infra-testing';
import { orderBusName, stageSettings } from './stage';

let templates: Templates;
beforeAll(async () => {
  templates = await synthesize('test');
});
afterAll(removeBuildOutput);

interface Target {
  Arn: unknown;
  RoleArn?: unknown;
  DeadLetterConfig?: { Arn: unknown };
  RetryPolicy?: { MaximumRetryAttempts?: number; MaximumEventAgeInSeconds?: number };
}

function busId(): string {
  return singleResource(templates.Events, 'AWS::Events::EventBus')[0];
}

/** The rules whose pattern is the one core declares for this rule; each has its targets. */
function rulesFor(pattern: object): { id: string; targets: Target[] }[] {
  return resourcesOf(templates.Events, 'AWS::Events::Rule')
    .filter(([, rule]) => JSON.stringify(propertiesOf(rule).EventPattern) === JSON.stringify(pattern))
    .map(([id, rule]) => ({ id, targets: propertiesOf(rule).Targets as Target[] }));
}

function onlyTarget(pattern: object): { ruleId: string; target: Target } {
  const found = rulesFor(pattern);
  expect(found).toHaveLength(1);
  const [rule] = found;
  expect(rule?.targets).toHaveLength(1);
  return { ruleId: rule?.id ?? '', target: rule?.targets[0] as Target };
}

function expectDeadLetterQueueAndRetries(ruleId: string, target: Target): void {
  const queueId = referencedId(target.DeadLetterConfig?.Arn);
  expect(resourcesOf(templates.Events, 'AWS::SQS::Queue').map(([id]) => id)).toContain(queueId);
  expect(target.RetryPolicy?.MaximumRetryAttempts).toBeGreaterThan(0);
  expect(target.RetryPolicy?.MaximumEventAgeInSeconds).toBeGreaterThan(0);
  // EventBridge can only dead-letter into a queue whose policy lets this rule send to it.
  const policies = resourcesOf(templates.Events, 'AWS::SQS::QueuePolicy').filter(([, policy]) =>
    JSON.stringify(propertiesOf(policy).Queues).includes(queueId ?? '?'),
  );
  const statements = policies.flatMap(([, policy]) => {
    const document = propertiesOf(policy).PolicyDocument;
    return isRecord(document) && Array.isArray(document.Statement) ? document.Statement : [];
  });
  expect(statements).toContainEqual(
    expect.objectContaining({
      Effect: 'Allow',
      Action: 'sqs:SendMessage',
      Principal: { Service: 'events.amazonaws.com' },
      Condition: { ArnEquals: { 'aws:SourceArn': { 'Fn::GetAtt': [ruleId, 'Arn'] } } },
    }),
  );
}

describe('the orders bus', () => {
  it('is named for its stage and archives every order event for 30 days', () => {
    const [, bus] = singleResource(templates.Events, 'AWS::Events::EventBus');
    expect(propertiesOf(bus).Name).toBe(orderBusName('test'));
    const archives = resourcesOf(templates.Events, 'AWS::Events::Archive').map(([, archive]) =>
      propertiesOf(archive),
    );
    expect(archives).toHaveLength(1 + listPartners().length);
    expect(archives).toContainEqual(
      expect.objectContaining({
        SourceArn: { 'Fn::GetAtt': [busId(), 'Arn'] },
        RetentionDays: 30,
        EventPattern: { source: [{ prefix: 'orders.' }] },
      }),
    );
  });

  it("keeps each partner's submissions in an archive of its own, so one partner can be replayed alone", () => {
    const patterns = resourcesOf(templates.Events, 'AWS::Events::Archive').map(
      ([, archive]) => propertiesOf(archive) as { EventPattern: unknown; RetentionDays: number },
    );
    for (const partner of listPartners()) {
      expect(patterns).toContainEqual(
        expect.objectContaining({
          RetentionDays: 30,
          EventPattern: { source: [`orders.${partner.id}`], 'detail-type': ['OrderSubmitted'] },
        }),
      );
    }
  });

  it("lets each partner's account put only OrderSubmitted events with its own source", () => {
    const { partnerAccounts } = stageSettings('test');
    expect(Object.keys(partnerAccounts).length).toBeGreaterThan(0);
    const statements = resourcesOf(templates.Events, 'AWS::Events::EventBusPolicy').map(([, policy]) => {
      expect(propertiesOf(policy).EventBusName).toEqual({ Ref: busId() });
      return propertiesOf(policy).Statement as Record<string, unknown>;
    });
    expect(statements).toHaveLength(Object.keys(partnerAccounts).length);
    for (const [partnerId, account] of Object.entries(partnerAccounts)) {
      const principal = {
        AWS: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:iam::${account}:root`]] },
      };
      const own = statements.filter(
        (statement) => JSON.stringify(statement.Principal) === JSON.stringify(principal),
      );
      expect(own).toEqual([
        expect.objectContaining({
          Effect: 'Allow',
          Action: 'events:PutEvents',
          Resource: { 'Fn::GetAtt': [busId(), 'Arn'] },
          // The form AWS documents for a cross-account PutEvents restricted to one source.
          Condition: {
            'ForAllValues:StringEquals': { 'events:source': [partnerSource(partnerId)] },
            StringEquals: { 'events:detail-type': 'OrderSubmitted' },
          },
        }),
      ]);
    }
  });
});

describe('the rules', () => {
  it('listen on the orders bus', () => {
    for (const [, rule] of nonEmpty(resourcesOf(templates.Events, 'AWS::Events::Rule'), 'rule')) {
      expect(propertiesOf(rule).EventBusName).toEqual({ Ref: busId() });
    }
  });

  it('start the order workflow on OrderSubmitted, with retries and a dead-letter queue', () => {
    const { ruleId, target } = onlyTarget(rules.orderSubmitted.pattern);
    const [stateMachineId] = singleResource(templates.Workflow, 'AWS::StepFunctions::StateMachine');
    expect(resolveImport(templates, target.Arn)).toEqual({ Ref: stateMachineId });
    const roleId = referencedId(resolveImport(templates, target.RoleArn)) ?? '';
    expect(roleStatements(templates.Workflow, roleId)).toEqual([
      expect.objectContaining({ Action: 'states:StartExecution', Resource: { Ref: stateMachineId } }),
    ]);
    expectDeadLetterQueueAndRetries(ruleId, target);
  });

  it("record the error on OrderRejected through record-error's live alias, with retries and a dead-letter queue", () => {
    const { ruleId, target } = onlyTarget(rules.orderRejected.pattern);
    const functionId = functionBehindLiveAlias(templates, target.Arn);
    const [, fn] =
      resourcesOf(templates.Workflow, 'AWS::Lambda::Function').find(([id]) => id === functionId) ?? [];
    expect(fn && propertiesOf(fn).Handler).toBe('packages/functions/src/order-rejected.handler');
    const permissions = resourcesOf(templates.Events, 'AWS::Lambda::Permission').map(([, permission]) =>
      propertiesOf(permission),
    );
    expect(permissions).toContainEqual(
      expect.objectContaining({
        Action: 'lambda:InvokeFunction',
        Principal: 'events.amazonaws.com',
        FunctionName: target.Arn,
        SourceArn: { 'Fn::GetAtt': [ruleId, 'Arn'] },
      }),
    );
    expectDeadLetterQueueAndRetries(ruleId, target);
  });

  it('give OrderAccepted no rule until a consumer brings its target', () => {
    expect(rulesFor(rules.orderAccepted.pattern)).toEqual([]);
  });

  it('each have a dead-letter queue of their own', () => {
    const queues = resourcesOf(templates.Events, 'AWS::Events::Rule').flatMap(([, rule]) =>
      (propertiesOf(rule).Targets as Target[]).map((target) => referencedId(target.DeadLetterConfig?.Arn)),
    );
    expect(new Set(nonEmpty(queues, 'rule target')).size).toBe(queues.length);
    expect(queues.every((queue) => queue !== undefined)).toBe(true);
  });
});
