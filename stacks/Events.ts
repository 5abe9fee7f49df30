import { Duration } from 'aws-cdk-lib';
import { type Archive, EventBus, type EventPattern, type IRuleTarget, Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction, SfnStateMachine } from 'aws-cdk-lib/aws-events-targets';
import { AccountPrincipal, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { type IQueue, Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { type StackContext, use } from 'sst/constructs';
import { archive, type RuleName, rules } from '../packages/core/src/events/rules';
import { detailTypes, partnerSource } from '../packages/core/src/events/sources';
import { listPartners } from '../packages/core/src/partner/registry';
import { orderBusName, stageSettings } from './stage';
import { Workflow } from './Workflow';

const archiveRetention = Duration.days(archive.retentionDays);

// EventBridge would otherwise retry for 24 hours. A target that stays down for an hour is an incident: the
// event goes to the dead-letter queue, whose alarm raises it, and the archive can replay it once fixed.
const targetRetry = { retryAttempts: 8, maxEventAge: Duration.hours(1) };

/** The orders bus, who may publish on it, and the rules declared in core with their targets. */
export function Events({ stack, app }: StackContext) {
  const settings = stageSettings(app.stage, app.mode);
  const { stateMachine, live } = use(Workflow);

  const bus = new EventBus(stack, 'Bus', { eventBusName: orderBusName(app.stage) });
  const all = bus.archive('Archive', {
    description: 'Every order event, for replay after a consumer failure.',
    eventPattern: toEventPattern(archive.pattern),
    retention: archiveRetention,
  });
  // StartReplay replays an archive's events of a time range, with no filter by source
  // (https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_StartReplay.html): a replay of one
  // partner's submissions reads an archive of that partner's alone.
  const byPartner: Record<string, Archive> = {};
  for (const partner of listPartners()) {
    byPartner[partner.id] = bus.archive(`Archive-${partner.id}`, {
      description: `Partner ${partner.id}'s submissions, for a replay of that partner alone.`,
      eventPattern: toEventPattern({
        source: [partnerSource(partner.id)],
        'detail-type': [detailTypes.orderSubmitted],
      }),
      retention: archiveRetention,
    });
  }
  for (const [partnerId, account] of Object.entries(settings.partnerAccounts)) {
    bus.addToResourcePolicy(
      new PolicyStatement({
        sid: `PutEvents-${partnerId}`,
        principals: [new AccountPrincipal(account)],
        actions: ['events:PutEvents'],
        resources: [bus.eventBusArn],
        // A partner account submits orders under its own source only: it cannot speak for another
        // partner, nor announce outcomes as the workflow. This is the form AWS documents for restricting a
        // cross-account PutEvents to one source: every source of the request (a request holds up to ten
        // entries) must be the partner's own, and the principal is the partner account's root:
        // https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-bus-example-policy-cross-account-custom-bus-source.html
        conditions: {
          'ForAllValues:StringEquals': { 'events:source': [partnerSource(partnerId)] },
          StringEquals: { 'events:detail-type': detailTypes.orderSubmitted },
        },
      }),
    );
  }

  // Typed by rule name, so a rule added in core does not build until it is given a target (or none).
  const targets: Record<RuleName, ((deadLetterQueue: IQueue) => IRuleTarget) | undefined> = {
    orderSubmitted: (deadLetterQueue) =>
      new SfnStateMachine(stateMachine, { deadLetterQueue, ...targetRetry }),
    orderRejected: (deadLetterQueue) =>
      new LambdaFunction(live.recordError, { deadLetterQueue, ...targetRetry }),
    // Downstream consumers of accepted orders get their rule together with their target.
    orderAccepted: undefined,
  };

  const deadLetterQueues: Record<string, Queue> = {};
  const ruleOf: Partial<Record<RuleName, Rule>> = {};
  for (const name of Object.keys(rules) as RuleName[]) {
    const target = targets[name];
    if (target === undefined) continue;
    const rule = rules[name];
    const deadLetterQueue = new Queue(stack, `${rule.name}DeadLetters`, {
      retentionPeriod: Duration.days(14),
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
    });
    ruleOf[name] = new Rule(stack, `${rule.name}Rule`, {
      eventBus: bus,
      description: rule.description,
      eventPattern: toEventPattern(rule.pattern),
      targets: [target(deadLetterQueue)],
    });
    deadLetterQueues[rule.name] = deadLetterQueue;
  }

  stack.addOutputs({
    EventBusName: bus.eventBusName,
    EventBusArn: bus.eventBusArn,
    // For `pnpm redrive --aws --queue-url …`.
    ...Object.fromEntries(
      Object.entries(deadLetterQueues).map(([name, queue]) => [`${name}DeadLettersUrl`, queue.queueUrl]),
    ),
  });
  const orderSubmittedRule = ruleOf.orderSubmitted;
  if (orderSubmittedRule === undefined) throw new Error('the OrderSubmitted rule has no target');
  return { bus, deadLetterQueues, archives: { all, byPartner }, orderSubmittedRule };
}

// Core writes patterns in EventBridge's own JSON (the local bus matches the very same objects) and CDK
// renders an EventPattern's fields as given, so only the type changes. A copy, because CDK merges into it.
function toEventPattern(pattern: object): EventPattern {
  return structuredClone(pattern) as EventPattern;
}
