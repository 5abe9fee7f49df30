import { describe, expect, it } from 'vitest';
import { billed, estimateCost, type OrderUsage } from './cost';
import { metering, prices } from './prices';

// Round prices, so each line can be worked out by hand.
const table = {
  ...prices,
  apiGatewayHttpRequest: { ...prices.apiGatewayHttpRequest, usd: 1e-6 },
  lambdaRequest: { ...prices.lambdaRequest, usd: 2e-7 },
  lambdaArmGbSecond: { ...prices.lambdaArmGbSecond, usd: 1e-5 },
  stepFunctionsStandardTransition: { ...prices.stepFunctionsStandardTransition, usd: 2.5e-5 },
  stepFunctionsExpressRequest: { ...prices.stepFunctionsExpressRequest, usd: 1e-6 },
  stepFunctionsExpressGbSecond: { ...prices.stepFunctionsExpressGbSecond, usd: 1.6e-5 },
  dynamoWriteRequestUnit: { ...prices.dynamoWriteRequestUnit, usd: 1e-6 },
  dynamoReadRequestUnit: { ...prices.dynamoReadRequestUnit, usd: 1e-7 },
  eventBridgeCustomEvent: { ...prices.eventBridgeCustomEvent, usd: 1e-6 },
  cloudWatchLogsIngestedGb: { ...prices.cloudWatchLogsIngestedGb, usd: 0.5 },
};
const meter = { ...metering, lambdaMemoryMb: 1024, expressMemoryMb: 64, gbBytes: 1e9 };

const usage: OrderUsage = {
  orders: 1,
  apiRequests: 1,
  functions: [{ name: 'Handler', invocations: 2, billedMs: 500 }],
  stateTransitions: 4,
  executions: 1,
  expressBilledMs: 200,
  writeRequestUnits: 10,
  readRequestUnits: 2,
  eventsPublished: 2,
  workflowLogBytes: 1000,
};

describe('estimateCost', () => {
  const cost = estimateCost(usage, table, meter);
  const line = (service: string) => cost.lines.find((l) => l.service === service);

  it('prices each service per million orders, worked out by hand', () => {
    expect(line('API Gateway (HTTP API)')?.standard).toBeCloseTo(1); // 1 request × $1/M
    expect(line('Lambda requests')?.standard).toBeCloseTo(0.4); // 2 × $0.20/M
    expect(line('Lambda duration')?.standard).toBeCloseTo(10); // 2 × 0.5 s × 1 GB × $10/M GB-s
    expect(line('DynamoDB writes')?.standard).toBeCloseTo(10); // 10 WRU × $1/M
    expect(line('DynamoDB reads')?.standard).toBeCloseTo(0.2); // 2 RRU × $0.10/M
    expect(line('EventBridge')?.standard).toBeCloseTo(2); // 2 events × $1/M
    expect(line('CloudWatch Logs (workflow, ALL)')?.standard).toBeCloseTo(0.5); // 1,000 B × 1M = 1 GB × $0.50
  });

  it('charges Standard per transition and Express per request and GB-second', () => {
    expect(line('Step Functions')?.standard).toBeCloseTo(100); // 4 × $25/M
    // $1/M requests + 0.2 s × 64 MB = 0.0125 GB-s × $16/M GB-s = $0.20
    expect(line('Step Functions')?.express).toBeCloseTo(1.2);
  });

  it('totals each workflow type over every line', () => {
    expect(cost.standard).toBeCloseTo(124.1);
    expect(cost.express).toBeCloseTo(25.3);
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
  it('gives every price a source and a date', () => {
    for (const price of Object.values(prices)) {
      expect(price.source).toMatch(/^https:\/\/aws\.amazon\.com\//);
      expect(price.asOf).toMatch(/^\d{4}-\d{2}/);
      expect(price.usd).toBeGreaterThan(0);
    }
  });
});
