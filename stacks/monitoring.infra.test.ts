import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listPartners } from '../packages/core/src/partner/registry';
import {
  isRecord,
  nonEmpty,
  propertiesOf,
  removeBuildOutput,
  resolveImport,
  resourcesOf,
  singleResource,
  synthesize,
  type Templates,
} from './infra-testing';
import { orderMetrics } from './metrics';

let templates: Templates;
beforeAll(async () => {
  templates = await synthesize('test');
});
afterAll(removeBuildOutput);

type Alarm = Record<string, unknown>;

function alarms(): Alarm[] {
  return resourcesOf(templates.Monitoring, 'AWS::CloudWatch::Alarm').map(([, alarm]) => propertiesOf(alarm));
}

/** The alarms on one metric; resource dimensions are resolved across stacks. */
function alarmsOn(namespace: string, metricName: string): Alarm[] {
  return alarms().filter((alarm) => alarm.Namespace === namespace && alarm.MetricName === metricName);
}

function dimension(alarm: Alarm): unknown {
  const [first] = (alarm.Dimensions as { Value: unknown }[] | undefined) ?? [];
  return resolveImport(templates, first?.Value);
}

function idsOf(template: keyof Templates, type: string): string[] {
  return resourcesOf(templates[template], type).map(([id]) => id);
}

describe('the alarms', () => {
  it('watch the rejection rate: over 5% of accepted plus rejected orders', () => {
    const [rate] = alarms().filter((alarm) => Array.isArray(alarm.Metrics));
    expect(rate).toMatchObject({ Threshold: 5, ComparisonOperator: 'GreaterThanThreshold' });
    const metrics = rate?.Metrics as { Id: string; Expression?: string; MetricStat?: { Metric: unknown } }[];
    const expression = metrics.find((metric) => metric.Expression !== undefined)?.Expression ?? '';
    expect(expression).toContain('100 * FILL(rejected, 0)');
    expect(metrics.filter((metric) => metric.MetricStat).map((metric) => metric.MetricStat?.Metric)).toEqual([
      {
        Namespace: 'Orders',
        MetricName: 'OrdersAccepted',
        Dimensions: [{ Name: 'service', Value: 'orders' }],
      },
      {
        Namespace: 'Orders',
        MetricName: 'OrdersRejected',
        Dimensions: [{ Name: 'service', Value: 'orders' }],
      },
    ]);
  });

  it('watch failed workflow executions', () => {
    const [failed] = alarmsOn('AWS/States', 'ExecutionsFailed');
    expect(dimension(failed ?? {})).toEqual({
      Ref: idsOf('Workflow', 'AWS::StepFunctions::StateMachine')[0],
    });
    expect(failed).toMatchObject({ Threshold: 0, ComparisonOperator: 'GreaterThanThreshold' });
  });

  it("watch every dead-letter queue, the rules' and record-error's, for any message", () => {
    const watched = alarmsOn('AWS/SQS', 'ApproximateNumberOfMessagesVisible').map((alarm) => {
      expect(alarm).toMatchObject({ Threshold: 0, ComparisonOperator: 'GreaterThanThreshold' });
      return dimension(alarm);
    });
    const queues = [...idsOf('Events', 'AWS::SQS::Queue'), ...idsOf('Workflow', 'AWS::SQS::Queue')].map(
      (id) => ({ 'Fn::GetAtt': [id, 'QueueName'] }),
    );
    expect(queues).toHaveLength(3);
    expect(watched).toEqual(expect.arrayContaining(queues));
    expect(watched).toHaveLength(queues.length);
  });

  it("watch the API's p95 latency against one second", () => {
    const [latency] = alarmsOn('AWS/ApiGateway', 'Latency');
    expect(latency).toMatchObject({ ExtendedStatistic: 'p95', Threshold: 1000 });
    expect(dimension(latency ?? {})).toEqual({ Ref: idsOf('Api', 'AWS::ApiGatewayV2::Api')[0] });
  });

  it('watch errors and throttles of every function of the app', () => {
    const functions = [
      ...idsOf('Workflow', 'AWS::Lambda::Function').filter((id) =>
        /^(Validate|SequenceAndStore|RecordError)/.test(id),
      ),
      ...idsOf('Recovery', 'AWS::Lambda::Function').filter((id) => /^Recovery/.test(id)),
      ...idsOf('Api', 'AWS::Lambda::Function').filter((id) => /^(Feed|Query|Operate)/.test(id)),
    ].map((id) => ({ Ref: id }));
    expect(functions).toHaveLength(7);
    for (const metric of ['Errors', 'Throttles']) {
      const watched = alarmsOn('AWS/Lambda', metric).map(dimension);
      expect(watched).toEqual(expect.arrayContaining(functions));
      expect(watched).toHaveLength(functions.length);
    }
  });

  it("notify the stage's subscribers: an email address and a chat webhook over HTTPS", () => {
    const [topicId] = singleResource(templates.Monitoring, 'AWS::SNS::Topic');
    const subscriptions = resourcesOf(templates.Monitoring, 'AWS::SNS::Subscription').map(
      ([, subscription]) => propertiesOf(subscription),
    );
    expect(subscriptions).toHaveLength(2);
    expect(subscriptions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          Protocol: 'email',
          Endpoint: 'orders-alarms@test.example',
          TopicArn: { Ref: topicId },
        }),
        expect.objectContaining({
          Protocol: 'https',
          Endpoint: 'https://chat.test.example/hooks/orders',
          TopicArn: { Ref: topicId },
        }),
      ]),
    );
  });

  it('notify one topic', () => {
    const [topicId] = singleResource(templates.Monitoring, 'AWS::SNS::Topic');
    for (const alarm of nonEmpty(alarms(), 'alarm')) expect(alarm.AlarmActions).toEqual([{ Ref: topicId }]);
  });
});

interface Widget {
  properties: { title: string; metrics: unknown[][] };
}

// The body is JSON text joined around tokens (region, cross-stack names); each token becomes a marker.
function dashboardWidgets(): Widget[] {
  const [, dashboard] = singleResource(templates.Monitoring, 'AWS::CloudWatch::Dashboard');
  const body = propertiesOf(dashboard).DashboardBody as { 'Fn::Join': [string, unknown[]] };
  const [separator, parts] = body['Fn::Join'];
  const text = parts.map((part) => (typeof part === 'string' ? part : 'token')).join(separator);
  return (JSON.parse(text) as { widgets: Widget[] }).widgets;
}

function widget(title: string): Widget {
  const found = dashboardWidgets().find((candidate) => candidate.properties.title === title);
  if (found === undefined) throw new Error(`no widget ${title}`);
  return found;
}

/** The metric names a widget draws (namespace and name), skipping expressions. */
function metricsOf(title: string): string[] {
  return widget(title)
    .properties.metrics.filter((metric) => typeof metric[0] === 'string')
    .map((metric) => `${metric[0]}/${metric[1]}`);
}

describe('the dashboard', () => {
  it('shows the order rate', () => {
    expect(metricsOf('Orders per minute')).toEqual(
      expect.arrayContaining(['Orders/OrdersAccepted', 'Orders/OrdersRejected']),
    );
  });

  it('shows the rejection rate of every partner', () => {
    const lines = widget('Rejection rate by partner (%)').properties.metrics;
    const labels = lines.flatMap((line) => line.filter(isRecord).map((options) => options.label));
    expect(labels.filter((label) => label !== undefined)).toEqual(
      listPartners().map((partner) => partner.name),
    );
    for (const partner of nonEmpty(listPartners(), 'partner')) {
      const ofPartner = lines.filter(
        (line) => line.includes(orderMetrics.partnerDimension) && line.includes(partner.id),
      );
      expect(ofPartner.map((line) => line[1])).toEqual([orderMetrics.accepted, orderMetrics.rejected]);
    }
  });

  it('shows workflow duration, the dead-letter queues and the API', () => {
    expect(metricsOf('Workflow duration (ms)')).toContain('AWS/States/ExecutionTime');
    expect(metricsOf('Dead-letter queues (messages)')).toEqual([
      'AWS/SQS/ApproximateNumberOfMessagesVisible',
      'AWS/SQS/ApproximateNumberOfMessagesVisible',
    ]);
    expect(metricsOf('API latency (ms)')).toContain('AWS/ApiGateway/Latency');
    expect(metricsOf('API errors')).toEqual(['AWS/ApiGateway/4xx', 'AWS/ApiGateway/5xx']);
  });
});
