import { describe, expect, it } from 'vitest';
import {
  billed,
  costReport,
  estimateCost,
  fixedCosts,
  loggingOptions,
  type OrderUsage,
  retainedCosts,
} from './cost';
import { inventory } from './inventory';
import { metering, type Price, prices } from './prices';

// Round prices, so each line can be worked out by hand.
const round =
  (usd: number) =>
  <T extends Price>(price: T): T => ({ ...price, usd });
const table = {
  ...prices,
  apiGatewayHttpRequest: round(1e-6)(prices.apiGatewayHttpRequest),
  cloudFrontHttpsRequest: round(1e-6)(prices.cloudFrontHttpsRequest),
  cloudFrontTransferToOriginGb: round(0.02)(prices.cloudFrontTransferToOriginGb),
  cloudFrontTransferOutGb: round(0.1)(prices.cloudFrontTransferOutGb),
  wafRequest: round(1e-6)(prices.wafRequest),
  lambdaRequest: round(2e-7)(prices.lambdaRequest),
  lambdaArmGbSecond: round(1e-5)(prices.lambdaArmGbSecond),
  stepFunctionsStandardTransition: round(2.5e-5)(prices.stepFunctionsStandardTransition),
  stepFunctionsExpressRequest: round(1e-6)(prices.stepFunctionsExpressRequest),
  stepFunctionsExpressGbSecond: round(1.6e-5)(prices.stepFunctionsExpressGbSecond),
  dynamoWriteRequestUnit: round(1e-6)(prices.dynamoWriteRequestUnit),
  dynamoReadRequestUnit: round(1e-7)(prices.dynamoReadRequestUnit),
  dynamoStorageGbMonth: round(0.25)(prices.dynamoStorageGbMonth),
  dynamoPitrGbMonth: round(0.25)(prices.dynamoPitrGbMonth),
  eventBridgeCustomEvent: round(1e-6)(prices.eventBridgeCustomEvent),
  eventBridgeArchiveGb: round(0.1)(prices.eventBridgeArchiveGb),
  eventBridgeArchiveStorageGbMonth: round(0.1)(prices.eventBridgeArchiveStorageGbMonth),
  cloudWatchLogsIngestedGb: round(0.5)(prices.cloudWatchLogsIngestedGb),
  cloudWatchLogsStoredGbMonth: round(0.1)(prices.cloudWatchLogsStoredGbMonth),
  xrayTraceRecorded: round(1e-5)(prices.xrayTraceRecorded),
};
const meter = {
  ...metering,
  lambdaMemoryMb: 1024,
  expressMemoryMb: 64,
  gbBytes: 1e9,
  xraySampledShare: 0.05,
  logRetentionMonths: 1,
  archiveRetentionMonths: 1,
};

const usage: OrderUsage = {
  orders: 1,
  ordersPerRequest: 1,
  apiRequests: 1,
  functions: [{ name: 'Handler', invocations: 2, billedMs: 500 }],
  stateTransitions: 4,
  executions: 1,
  expressBilledMs: 200,
  writeRequestUnits: 10,
  readRequestUnits: 2,
  eventsPublished: 2,
  archivedEventBytes: 1000,
  workflowLogBytes: { allWithData: 4000, allWithoutData: 2000, errors: 1000 },
  functionLogBytes: { application: 500, metrics: 300, platform: 200 },
  traceEntryPoints: 2,
  storedBytes: { kept: 3000, expiring: 1000 },
  edgeBytes: { toOrigin: 1000, toClients: 1000 },
};

describe('estimateCost', () => {
  const cost = estimateCost(usage, 'errors', table, meter);
  const line = (service: string) => cost.lines.find((l) => l.service.startsWith(service));

  it('prices each service per million orders, worked out by hand', () => {
    expect(line('API Gateway')?.standard).toBeCloseTo(1); // 1 request × $1/M
    // $1/M requests + 1 GB to the API × $0.02 + 1 GB back × $0.10
    expect(line('CloudFront')?.standard).toBeCloseTo(1.12);
    expect(line('WAF')?.standard).toBeCloseTo(1);
    expect(line('Lambda requests')?.standard).toBeCloseTo(0.4); // 2 × $0.20/M
    expect(line('Lambda duration')?.standard).toBeCloseTo(10); // 2 × 0.5 s × 1 GB × $10/M GB-s
    expect(line('DynamoDB writes')?.standard).toBeCloseTo(10); // 10 WRU × $1/M
    expect(line('DynamoDB reads')?.standard).toBeCloseTo(0.2); // 2 RRU × $0.10/M
    // 1,000 B of rejections × 1M = 1 GB for a month × ($0.25 + $0.25)
    expect(line('DynamoDB storage')?.standard).toBeCloseTo(0.5);
    expect(line('EventBridge')?.standard).toBeCloseTo(2); // 2 events × $1/M
    expect(line('EventBridge archive')?.standard).toBeCloseTo(0.2); // 1 GB × ($0.10 + a month × $0.10)
    expect(line('X-Ray')?.standard).toBeCloseTo(1); // 2 trace starts × 5% × $10/M
  });

  it("prices the workflow's logs under the configuration asked for, and the functions' lines besides", () => {
    expect(line('CloudWatch Logs, workflow (ERROR)')?.standard).toBeCloseTo(0.5); // 1 GB × $0.50
    const full = estimateCost(usage, 'allWithData', table, meter);
    expect(full.lines.find((l) => l.service.startsWith('CloudWatch Logs, workflow'))?.service).toBe(
      'CloudWatch Logs, workflow (ALL with data)',
    );
    expect(full.lines.find((l) => l.service.startsWith('CloudWatch Logs, workflow'))?.standard).toBeCloseTo(
      2,
    );
    // 500 + 300 + 200 B = 1 GB per million × $0.50
    expect(line('CloudWatch Logs, functions')?.standard).toBeCloseTo(0.5);
    // (1,000 workflow + 1,000 function) B = 2 GB kept a month × $0.10
    expect(line('CloudWatch Logs storage')?.standard).toBeCloseTo(0.2);
  });

  it('charges Standard per transition and Express per request and GB-second', () => {
    expect(line('Step Functions')?.standard).toBeCloseTo(100); // 4 × $25/M
    // $1/M requests + 0.2 s × 64 MB = 0.0125 GB-s × $16/M GB-s = $0.20
    expect(line('Step Functions')?.express).toBeCloseTo(1.2);
  });

  it('totals each workflow type over every line', () => {
    expect(cost.standard).toBeCloseTo(128.62);
    expect(cost.express).toBeCloseTo(29.82);
  });
});

describe('the cost report', () => {
  it('gives Express and Standard for single orders and Express for orders 100 to a request', () => {
    const batched: OrderUsage = { ...usage, ordersPerRequest: 100, apiRequests: 0.01 };
    const report = costReport(usage, batched);
    expect(report.express).toBe(report.single.express);
    expect(report.standard).toBe(report.single.standard);
    expect(report.expressBatched100).toBe(report.batched100.express);
    expect(report.expressBatched100).toBeLessThan(report.express);
    expect(report.single.logging).toBe('errors');
  });

  it('compares the workflow logging configurations, production marked', () => {
    const options = loggingOptions(usage, table, meter);
    expect(options.map((option) => [option.name, option.usd])).toEqual([
      ['allWithData', 2],
      ['allWithoutData', 1],
      ['errors', 0.5],
    ]);
    expect(options.filter((option) => option.production).map((option) => option.name)).toEqual(['errors']);
  });

  it('prices what the table keeps per month for each million orders, apart from the per-order figures', () => {
    // 3,000 B × 1M = 3 GB × $0.25, for storage and for PITR each
    expect(retainedCosts(usage, table, meter).map((item) => item.usd)).toEqual([0.75, 0.75]);
  });

  it('prices what a stage holds per month from its inventory', () => {
    const costs = fixedCosts(
      { ...inventory, customMetrics: 10, alarmMetrics: 20, dashboards: 1 },
      prices,
      metering,
    );
    const item = (name: string) => costs.find((cost) => cost.item === name)?.usd;
    expect(item('CloudWatch custom metrics')).toBeCloseTo(3); // 10 × $0.30
    expect(item('CloudWatch alarms')).toBeCloseTo(2); // 20 × $0.10
    expect(item('CloudWatch dashboard')).toBeCloseTo(3);
    expect(item('WAF web ACL')).toBeCloseTo(6); // $5 + 1 rule × $1
    for (const cost of costs) expect(cost.usd).toBeGreaterThan(0);
  });
});

describe('billed', () => {
  it('rounds up to the billing increment and never bills less than one', () => {
    expect(billed(0.2, 1)).toBe(1);
    expect(billed(100, 100)).toBe(100);
    expect(billed(101, 100)).toBe(200);
    expect(billed(0, 100)).toBe(100);
  });
});

describe('the price table', () => {
  it('gives every price a source, a date and how it was checked', () => {
    for (const price of Object.values(prices)) {
      expect(price.source).toMatch(/^https:\/\/aws\.amazon\.com\//);
      expect(price.asOf).toMatch(/^\d{4}-\d{2}/);
      expect(price.checked).not.toBe('');
      expect(price.usd).toBeGreaterThan(0);
    }
  });
});
