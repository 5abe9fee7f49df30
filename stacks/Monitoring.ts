import { Duration } from 'aws-cdk-lib';
import {
  Alarm,
  type AlarmProps,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  type IMetric,
  MathExpression,
  Metric,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription, UrlSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { type StackContext, use } from 'sst/constructs';
import { listPartners } from '../packages/core/src/partner/registry';
import { Api } from './Api';
import { Events } from './Events';
import { orderMetrics } from './metrics';
import { Recovery, recoveryInterval, recoveryMinAge } from './Recovery';
import { stageSettings } from './stage';
import { Workflow } from './Workflow';

const period = Duration.minutes(5);

/** Alarms fire above this share of rejected orders (percent). */
const rejectionRateThreshold = 5;
// Two rejections out of three orders is not a trend: below this many orders in a period the rate is 0.
const rejectionRateMinimumOrders = 10;
const apiLatencyP95ThresholdMs = 1000;
// Recovery announces a submission again once it is pending this long; still pending two recovery runs
// later means announcing it again did not help, and a person should look.
const pendingAgeThreshold = recoveryMinAge.plus(recoveryInterval).plus(recoveryInterval);

/** Alarms on what needs a person, and one dashboard of how orders flow. */
export function Monitoring({ stack, app }: StackContext) {
  const settings = stageSettings(app.stage, app.mode);
  const { stateMachine, functions: workflowFunctions, recordErrorFailures } = use(Workflow);
  const { deadLetterQueues } = use(Events);
  const { functions: recoveryFunctions } = use(Recovery);
  const { api, functions: apiFunctions } = use(Api);
  const httpApi = api.cdk.httpApi;
  const functions = { ...workflowFunctions, ...recoveryFunctions, ...apiFunctions };

  // Who is notified is the stage's decision (stacks/stage.ts): an email address confirms the subscription
  // from its inbox; a chat webhook receives SNS's JSON notifications over HTTPS.
  const alarmTopic = new Topic(stack, 'Alarms');
  for (const subscriber of settings.alarmSubscribers) {
    alarmTopic.addSubscription(
      'email' in subscriber
        ? new EmailSubscription(subscriber.email)
        : new UrlSubscription(subscriber.webhookUrl),
    );
  }
  const alarmAction = new SnsAction(alarmTopic);
  const alarm = (id: string, props: AlarmProps) => {
    const created = new Alarm(stack, id, {
      treatMissingData: TreatMissingData.NOT_BREACHING,
      ...props,
      alarmName: app.logicalPrefixedName(id),
    });
    created.addAlarmAction(alarmAction);
    return created;
  };
  const whenAnyIn = (metric: IMetric, description: string) => ({
    metric,
    alarmDescription: description,
    threshold: 0,
    comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
    evaluationPeriods: 1,
  });

  alarm('RejectionRate', {
    metric: rejectionRate(),
    alarmDescription: `More than ${rejectionRateThreshold}% of orders were rejected.`,
    threshold: rejectionRateThreshold,
    comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
    evaluationPeriods: 3,
    datapointsToAlarm: 2,
  });
  alarm(
    'WorkflowExecutionsFailed',
    whenAnyIn(
      stateMachine.metricFailed({ period, statistic: 'Sum' }),
      'An order workflow execution failed: its order could not be processed; see the execution log.',
    ),
  );
  alarm(
    'WorkflowExecutionsTimedOut',
    whenAnyIn(
      stateMachine.metricTimedOut({ period, statistic: 'Sum' }),
      'An order workflow execution timed out: its submission stays pending until recovery announces it again.',
    ),
  );
  alarm('OldestPendingSubmission', {
    metric: new Metric({
      namespace: orderMetrics.namespace,
      metricName: orderMetrics.oldestPendingAge,
      dimensionsMap: { service: orderMetrics.service },
      statistic: 'Maximum',
      period,
    }),
    alarmDescription:
      `A submission has been pending for over ${pendingAgeThreshold.toMinutes()} minutes although recovery ` +
      'announced it again; or recovery stopped reporting (no data counts as breaching).',
    threshold: pendingAgeThreshold.toSeconds(),
    comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
    // Recovery publishes once per run: two periods without a datapoint mean it is not running.
    evaluationPeriods: 2,
    datapointsToAlarm: 2,
    treatMissingData: TreatMissingData.BREACHING,
  });
  alarm(
    'RecordErrorFailures',
    whenAnyIn(
      recordErrorFailures.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(1),
        statistic: 'Maximum',
      }),
      'RecordError failed on a rejection after all its retries: the rejection waits in RecordErrorFailures; redrive it once fixed.',
    ),
  );
  for (const [name, queue] of Object.entries(deadLetterQueues)) {
    alarm(
      `${name}DeadLetters`,
      whenAnyIn(
        queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: 'Maximum' }),
        `Events of the ${name} rule could not be delivered to its target; replay them once it is fixed.`,
      ),
    );
  }
  alarm('ApiLatencyP95', {
    metric: httpApi.metricLatency({ period, statistic: 'p95' }),
    alarmDescription: `The API's p95 latency is above ${apiLatencyP95ThresholdMs} ms.`,
    threshold: apiLatencyP95ThresholdMs,
    comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
    evaluationPeriods: 3,
    datapointsToAlarm: 2,
  });
  for (const fn of Object.values(functions)) {
    const id = fn.node.id;
    alarm(`${id}Errors`, whenAnyIn(fn.metricErrors({ period, statistic: 'Sum' }), `${id} failed.`));
    // Throttles of SequenceAndStore at its reserved concurrency are retried by the workflow, but a steady
    // stream of them means partners publish faster than orders are numbered.
    alarm(
      `${id}Throttles`,
      whenAnyIn(fn.metricThrottles({ period, statistic: 'Sum' }), `${id} was throttled.`),
    );
  }

  const minute = Duration.minutes(1);
  new Dashboard(stack, 'Dashboard', {
    dashboardName: app.logicalPrefixedName('dashboard'),
    widgets: [
      [
        new GraphWidget({
          title: 'Orders per minute',
          left: [
            orderCount(orderMetrics.accepted, minute, {}, 'accepted'),
            orderCount(orderMetrics.rejected, minute, {}, 'rejected'),
            httpApi.metricCount({ period: minute, statistic: 'Sum', label: 'API requests' }),
          ],
        }),
        new GraphWidget({
          title: 'Rejection rate by partner (%)',
          left: listPartners().map((partner, index) =>
            rejectionRate({ [orderMetrics.partnerDimension]: partner.id }, partner.name, `${index}`),
          ),
        }),
      ],
      [
        new GraphWidget({
          title: 'Workflow duration (ms)',
          left: [
            stateMachine.metricTime({ period, statistic: 'p50', label: 'p50' }),
            stateMachine.metricTime({ period, statistic: 'p95', label: 'p95' }),
          ],
          right: [
            stateMachine.metricStarted({ period, statistic: 'Sum', label: 'started' }),
            stateMachine.metricFailed({ period, statistic: 'Sum', label: 'failed' }),
          ],
        }),
        new GraphWidget({
          title: 'Dead-letter queues (messages)',
          left: Object.entries(deadLetterQueues).map(([name, queue]) =>
            queue.metricApproximateNumberOfMessagesVisible({
              period: minute,
              statistic: 'Maximum',
              label: name,
            }),
          ),
        }),
      ],
      [
        new GraphWidget({
          title: 'API latency (ms)',
          left: [
            httpApi.metricLatency({ period, statistic: 'p50', label: 'p50' }),
            httpApi.metricLatency({ period, statistic: 'p95', label: 'p95' }),
          ],
        }),
        new GraphWidget({
          title: 'API errors',
          left: [
            httpApi.metricClientError({ period, statistic: 'Sum', label: '4xx' }),
            httpApi.metricServerError({ period, statistic: 'Sum', label: '5xx' }),
          ],
        }),
      ],
      [
        new GraphWidget({
          title: 'Function errors and throttles',
          left: Object.entries(functions).map(([name, fn]) =>
            fn.metricErrors({ period, statistic: 'Sum', label: `${name} errors` }),
          ),
          right: Object.entries(functions).map(([name, fn]) =>
            fn.metricThrottles({ period, statistic: 'Sum', label: `${name} throttles` }),
          ),
        }),
      ],
    ],
  });

  return { alarmTopic };
}

function orderCount(
  metricName: string,
  metricPeriod: Duration,
  dimensions: Record<string, string>,
  label?: string,
): Metric {
  return new Metric({
    namespace: orderMetrics.namespace,
    metricName,
    dimensionsMap: { service: orderMetrics.service, ...dimensions },
    statistic: 'Sum',
    period: metricPeriod,
    ...(label === undefined ? {} : { label }),
  });
}

/**
 * Percent of orders rejected per period; 0 while there are too few orders for a rate to mean anything.
 * Expressions drawn in one graph need their own metric ids, hence `key`.
 */
function rejectionRate(
  dimensions: Record<string, string> = {},
  label = 'rejection rate',
  key = '',
): MathExpression {
  const accepted = `accepted${key}`;
  const rejected = `rejected${key}`;
  const total = `(FILL(${accepted}, 0) + FILL(${rejected}, 0))`;
  return new MathExpression({
    expression: `IF(${total} >= ${rejectionRateMinimumOrders}, 100 * FILL(${rejected}, 0) / ${total}, 0)`,
    usingMetrics: {
      [accepted]: orderCount(orderMetrics.accepted, period, dimensions),
      [rejected]: orderCount(orderMetrics.rejected, period, dimensions),
    },
    period,
    label,
  });
}
