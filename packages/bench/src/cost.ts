import { type Metering, metering, type Prices, prices } from './prices';

// `pnpm cost`: what a million orders cost on AWS, Standard vs Express, from usage measured per order on the
// local product. The model is plain arithmetic over the price table; `measureUsage` supplies the usage.

/** One Lambda function's use per order. */
export interface FunctionUsage {
  name: string;
  /** Invocations per order (retries included). */
  invocations: number;
  /** Mean billed duration per invocation, each rounded up to the billing increment, ms. */
  billedMs: number;
}

/** What one order of the measured mix uses, on average. */
export interface OrderUsage {
  orders: number;
  apiRequests: number;
  functions: FunctionUsage[];
  /** Step Functions Standard: states entered plus retries. */
  stateTransitions: number;
  executions: number;
  /** Mean Express billed duration per execution (each rounded up to 100 ms), ms. */
  expressBilledMs: number;
  writeRequestUnits: number;
  readRequestUnits: number;
  /** Custom events published, in 64 KB chunks. */
  eventsPublished: number;
  /** Workflow execution logs (level ALL, execution data included), bytes as CloudWatch meters them. */
  workflowLogBytes: number;
}

export interface CostLine {
  service: string;
  detail: string;
  /** US dollars per million orders. */
  standard: number;
  express: number;
}

export interface CostEstimate {
  lines: CostLine[];
  standard: number;
  express: number;
}

const perMillion = 1_000_000;

/** US dollars per million orders, by service, with the workflow as Standard and as Express. */
export function estimateCost(
  usage: OrderUsage,
  table: Prices = prices,
  meter: Metering = metering,
): CostEstimate {
  const same = (service: string, detail: string, usd: number): CostLine => ({
    service,
    detail,
    standard: usd,
    express: usd,
  });
  const invocations = usage.functions.reduce((total, fn) => total + fn.invocations, 0);
  const gbSeconds = usage.functions.reduce(
    (total, fn) => total + fn.invocations * (fn.billedMs / 1000) * (meter.lambdaMemoryMb / 1024),
    0,
  );
  const expressGbSeconds = usage.executions * (usage.expressBilledMs / 1000) * (meter.expressMemoryMb / 1024);
  const fixed = (value: number, digits = 2) => value.toFixed(digits);
  const lines: CostLine[] = [
    same(
      'API Gateway (HTTP API)',
      `${fixed(usage.apiRequests)} requests/order`,
      usage.apiRequests * table.apiGatewayHttpRequest.usd * perMillion,
    ),
    same(
      'Lambda requests',
      `${fixed(invocations)} invocations/order`,
      invocations * table.lambdaRequest.usd * perMillion,
    ),
    same(
      'Lambda duration',
      `${fixed(gbSeconds * 1000, 1)} GB-ms/order at ${meter.lambdaMemoryMb} MB arm64`,
      gbSeconds * table.lambdaArmGbSecond.usd * perMillion,
    ),
    {
      service: 'Step Functions',
      detail: `Standard ${fixed(usage.stateTransitions)} transitions/order; Express ${fixed(usage.executions)} exec × ${fixed(usage.expressBilledMs, 0)} ms × ${meter.expressMemoryMb} MB`,
      standard: usage.stateTransitions * table.stepFunctionsStandardTransition.usd * perMillion,
      express:
        (usage.executions * table.stepFunctionsExpressRequest.usd +
          expressGbSeconds * table.stepFunctionsExpressGbSecond.usd) *
        perMillion,
    },
    same(
      'DynamoDB writes',
      `${fixed(usage.writeRequestUnits)} WRU/order`,
      usage.writeRequestUnits * table.dynamoWriteRequestUnit.usd * perMillion,
    ),
    same(
      'DynamoDB reads',
      `${fixed(usage.readRequestUnits)} RRU/order`,
      usage.readRequestUnits * table.dynamoReadRequestUnit.usd * perMillion,
    ),
    same(
      'EventBridge',
      `${fixed(usage.eventsPublished)} events/order`,
      usage.eventsPublished * table.eventBridgeCustomEvent.usd * perMillion,
    ),
    same(
      'CloudWatch Logs (workflow, ALL)',
      `${fixed(usage.workflowLogBytes / 1024, 1)} KiB/order`,
      (usage.workflowLogBytes / meter.gbBytes) * table.cloudWatchLogsIngestedGb.usd * perMillion,
    ),
  ];
  return {
    lines,
    standard: lines.reduce((total, line) => total + line.standard, 0),
    express: lines.reduce((total, line) => total + line.express, 0),
  };
}

/** `value` rounded up to the next multiple of `increment`. */
export function billed(value: number, increment: number): number {
  return Math.max(increment, Math.ceil(value / increment) * increment);
}
