import { inventory as deployed, type Inventory } from './inventory';
import {
  comparedLogging,
  type LoggingName,
  loggingLabels,
  productionLogging,
  type WorkflowLogBytes,
} from './logs';
import { type Metering, metering, type Prices, prices } from './prices';

// `pnpm cost`: what a million orders cost on AWS, Standard vs Express, from usage measured per order on the
// local product. The model is plain arithmetic over the price table; `measureUsage` supplies the usage.
// What grows with orders is priced per million orders; what a deployed stage costs whatever the traffic is
// priced per month; what the table keeps is priced per month for each million orders it holds.

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
  /** Orders per HTTP request in the measured run. */
  ordersPerRequest: number;
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
  /** The events as the bus archive keeps them, envelope included, bytes. */
  archivedEventBytes: number;
  /** The workflow's log records as CloudWatch meters them, under each compared logging configuration, bytes. */
  workflowLogBytes: WorkflowLogBytes;
  /**
   * The functions' own lines as CloudWatch meters them: Powertools log lines (with the keys Lambda's context
   * adds), EMF metric documents, and Lambda's START, END and REPORT lines, bytes.
   */
  functionLogBytes: { application: number; metrics: number; platform: number };
  /** Requests, executions and asynchronous invocations: where an X-Ray trace may start. */
  traceEntryPoints: number;
  /** What the table keeps, item overhead and index copies included, bytes: for good, and for the error TTL. */
  storedBytes: { kept: number; expiring: number };
  /** Through CloudFront: request bytes sent on to the API, answer bytes back to the partner. */
  edgeBytes: { toOrigin: number; toClients: number };
}

export interface CostLine {
  service: string;
  detail: string;
  /** US dollars per million orders. */
  standard: number;
  express: number;
}

export interface CostEstimate {
  /** The workflow logging configuration the estimate prices. */
  logging: LoggingName;
  lines: CostLine[];
  standard: number;
  express: number;
}

/** A cost that does not grow with orders, US dollars per month. */
export interface FixedCost {
  item: string;
  detail: string;
  usd: number;
}

/** The workflow's logs under one configuration, per million orders: what production's choice was made on. */
export interface LoggingOption {
  name: LoggingName;
  label: string;
  kibPerOrder: number;
  usd: number;
  production: boolean;
}

/** Everything `pnpm cost` and the bench's `cost` section report. */
export interface CostReport {
  /** US dollars per million orders sent one per request, with production's logging: Express, Standard. */
  express: number;
  standard: number;
  /** US dollars per million orders sent 100 per request, Express. */
  expressBatched100: number;
  single: CostEstimate;
  batched100: CostEstimate;
  workflowLogging: LoggingOption[];
  /** US dollars per month for each million orders the table holds (not in the per-order figures). */
  retainedPerMonth: FixedCost[];
  /** US dollars per month whatever the traffic (not in the per-order figures). */
  fixedMonthly: FixedCost[];
  /** What is priced nowhere, and why. */
  unpriced: { item: string; why: string }[];
}

const perMillion = 1_000_000;
const fixed = (value: number, digits = 2) => value.toFixed(digits);
const kib = (bytes: number) => `${fixed(bytes / 1024, 1)} KiB`;

/** US dollars per million orders, by service, with the workflow as Standard and as Express. */
export function estimateCost(
  usage: OrderUsage,
  logging: LoggingName = productionLogging,
  table: Prices = prices,
  meter: Metering = metering,
): CostEstimate {
  const same = (service: string, detail: string, usd: number): CostLine => ({
    service,
    detail,
    standard: usd,
    express: usd,
  });
  const gb = (bytes: number) => bytes / meter.gbBytes;
  const invocations = usage.functions.reduce((total, fn) => total + fn.invocations, 0);
  const gbSeconds = usage.functions.reduce(
    (total, fn) => total + fn.invocations * (fn.billedMs / 1000) * (meter.lambdaMemoryMb / 1024),
    0,
  );
  const expressGbSeconds = usage.executions * (usage.expressBilledMs / 1000) * (meter.expressMemoryMb / 1024);
  const workflowLogs = usage.workflowLogBytes[logging];
  const { application, metrics, platform } = usage.functionLogBytes;
  const functionLogs = application + metrics + platform;
  const expiring = gb(usage.storedBytes.expiring);
  const lines: CostLine[] = [
    same(
      'API Gateway (HTTP API)',
      `${fixed(usage.apiRequests, 3)} requests/order`,
      usage.apiRequests * table.apiGatewayHttpRequest.usd * perMillion,
    ),
    // Partners post through the site's /v1, where the WAF rate limit applies (stacks/Waf.ts).
    same(
      'CloudFront (the site /v1)',
      `${fixed(usage.apiRequests, 3)} requests/order, ${fixed(usage.edgeBytes.toOrigin, 0)} B to the API, ${fixed(usage.edgeBytes.toClients, 0)} B back`,
      (usage.apiRequests * table.cloudFrontHttpsRequest.usd +
        gb(usage.edgeBytes.toOrigin) * table.cloudFrontTransferToOriginGb.usd +
        gb(usage.edgeBytes.toClients) * table.cloudFrontTransferOutGb.usd) *
        perMillion,
    ),
    same(
      'WAF (rate limit)',
      `${fixed(usage.apiRequests, 3)} requests/order inspected`,
      usage.apiRequests * table.wafRequest.usd * perMillion,
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
    // Rejections are stored for their 30 days only: a cost per order, unlike what the table keeps for good.
    same(
      'DynamoDB storage + PITR (rejections, 30 days)',
      `${fixed(usage.storedBytes.expiring, 0)} B/order for a month`,
      expiring * (table.dynamoStorageGbMonth.usd + table.dynamoPitrGbMonth.usd) * perMillion,
    ),
    same(
      'EventBridge',
      `${fixed(usage.eventsPublished)} events/order`,
      usage.eventsPublished * table.eventBridgeCustomEvent.usd * perMillion,
    ),
    same(
      'EventBridge archive',
      `${kib(usage.archivedEventBytes)}/order archived, kept 30 days`,
      gb(usage.archivedEventBytes) *
        (table.eventBridgeArchiveGb.usd +
          meter.archiveRetentionMonths * table.eventBridgeArchiveStorageGbMonth.usd) *
        perMillion,
    ),
    same(
      `CloudWatch Logs, workflow (${comparedLogging[logging].level}${comparedLogging[logging].includeExecutionData ? ' with data' : ''})`,
      `${kib(workflowLogs)}/order`,
      gb(workflowLogs) * table.cloudWatchLogsIngestedGb.usd * perMillion,
    ),
    same(
      'CloudWatch Logs, functions',
      `${kib(application)} logs + ${kib(metrics)} EMF + ${kib(platform)} START/END/REPORT (none at system level WARN) per order`,
      gb(functionLogs) * table.cloudWatchLogsIngestedGb.usd * perMillion,
    ),
    same(
      'CloudWatch Logs storage (a month)',
      `${kib(workflowLogs + functionLogs)}/order, uncompressed (an upper bound)`,
      gb(workflowLogs + functionLogs) *
        meter.logRetentionMonths *
        table.cloudWatchLogsStoredGbMonth.usd *
        perMillion,
    ),
    same(
      'X-Ray',
      `${fixed(usage.traceEntryPoints)} trace starts/order × ${fixed(meter.xraySampledShare * 100, 0)}% sampled`,
      usage.traceEntryPoints * meter.xraySampledShare * table.xrayTraceRecorded.usd * perMillion,
    ),
  ];
  return {
    logging,
    lines,
    standard: lines.reduce((total, line) => total + line.standard, 0),
    express: lines.reduce((total, line) => total + line.express, 0),
  };
}

/** The workflow's log line per million orders under each compared configuration. */
export function loggingOptions(
  usage: OrderUsage,
  table: Prices = prices,
  meter: Metering = metering,
): LoggingOption[] {
  return (Object.keys(comparedLogging) as LoggingName[]).map((name) => ({
    name,
    label: loggingLabels[name],
    kibPerOrder: usage.workflowLogBytes[name] / 1024,
    usd: (usage.workflowLogBytes[name] / meter.gbBytes) * table.cloudWatchLogsIngestedGb.usd * perMillion,
    production: name === productionLogging,
  }));
}

/** What the table keeps for each million orders, per month: storage and point-in-time recovery. */
export function retainedCosts(
  usage: OrderUsage,
  table: Prices = prices,
  meter: Metering = metering,
): FixedCost[] {
  const gb = (usage.storedBytes.kept * perMillion) / meter.gbBytes;
  return [
    {
      item: 'DynamoDB storage',
      detail: `${fixed(usage.storedBytes.kept, 0)} B/order kept (orders, claims, submissions; 100 B/item and index copies included)`,
      usd: gb * table.dynamoStorageGbMonth.usd,
    },
    {
      item: 'DynamoDB PITR',
      detail: 'continuous backups of the same bytes',
      usd: gb * table.dynamoPitrGbMonth.usd,
    },
  ];
}

/** What a deployed production stage costs a month whatever its traffic. */
export function fixedCosts(
  stage: Inventory = deployed,
  table: Prices = prices,
  meter: Metering = metering,
): FixedCost[] {
  const month = meter.monthSeconds;
  const minutes = month / 60;
  const recoveryRuns = month / stage.recoveryIntervalSeconds;
  return [
    {
      item: 'CloudWatch custom metrics',
      detail: `${stage.customMetrics} metrics (order counts by partner, latency, pending age, cold starts)`,
      usd: stage.customMetrics * table.cloudWatchCustomMetricMonth.usd,
    },
    {
      item: 'CloudWatch alarms',
      detail: `${stage.alarmMetrics} alarm metrics (${stage.alarms} alarms, a metric-math one counts each metric)`,
      usd: stage.alarmMetrics * table.cloudWatchAlarmMetricMonth.usd,
    },
    {
      item: 'CloudWatch dashboard',
      detail: `${stage.dashboards} dashboard`,
      usd: stage.dashboards * table.cloudWatchDashboardMonth.usd,
    },
    {
      item: 'WAF web ACL',
      detail: `${stage.webAcls} web ACL, ${stage.wafRules} rule`,
      usd: stage.webAcls * table.wafWebAclMonth.usd + stage.wafRules * table.wafRuleMonth.usd,
    },
    {
      item: 'Secrets Manager',
      detail: `${stage.partnerSecrets} partner key secrets; each warm Feed or Query container reads each once a minute`,
      usd:
        stage.partnerSecrets * table.secretsManagerSecretMonth.usd +
        stage.secretReaders * stage.partnerSecrets * minutes * table.secretsManagerApiCall.usd,
    },
    {
      item: 'X-Ray sampling reservoir',
      detail: `the first request each second is traced: ${fixed((meter.xrayReservoirPerSecond * month) / perMillion, 1)} million traces`,
      usd: meter.xrayReservoirPerSecond * month * table.xrayTraceRecorded.usd,
    },
    {
      item: 'Recovery schedule',
      detail: `${fixed(recoveryRuns, 0)} runs (Scheduler, Lambda, ${stage.pendingIndexShards} queries of the pending index each)`,
      usd:
        recoveryRuns *
        (table.schedulerInvocation.usd +
          table.lambdaRequest.usd +
          (stage.recoveryBilledMs / 1000) * (meter.lambdaMemoryMb / 1024) * table.lambdaArmGbSecond.usd +
          stage.pendingIndexShards * 0.5 * table.dynamoReadRequestUnit.usd),
    },
    {
      item: 'Web app (S3)',
      detail: `${stage.siteMiB} MiB of files; page views are operators', not orders`,
      usd: (stage.siteMiB / 1024) * table.s3StorageGbMonth.usd,
    },
  ];
}

/** What the model prices nowhere, named so that nothing is silently left out. */
export const unpriced: CostReport['unpriced'] = [
  {
    item: 'SQS (dead-letter and on-failure queues)',
    why: `only failed deliveries reach them (${prices.sqsRequest.usd * perMillion} USD per million requests then); the alarms read their CloudWatch metrics, nothing polls them`,
  },
  { item: 'Cognito (operators)', why: 'priced per monthly active operator, not per order' },
  {
    item: 'CloudFront and S3 for the web app',
    why: "operators' page views, a few per operator a day; the static files are above (Web app)",
  },
  { item: 'Data transfer inside the region', why: 'free between these services in us-east-1' },
  {
    item: 'Free tiers and volume tiers',
    why: 'ignored: every figure is the first paid tier, an upper bound at volume',
  },
];

/** The whole cost report, from a run of single-order requests and one of 100-order requests. */
export function costReport(single: OrderUsage, batched100: OrderUsage): CostReport {
  const singleEstimate = estimateCost(single);
  const batchedEstimate = estimateCost(batched100);
  return {
    express: singleEstimate.express,
    standard: singleEstimate.standard,
    expressBatched100: batchedEstimate.express,
    single: singleEstimate,
    batched100: batchedEstimate,
    workflowLogging: loggingOptions(single),
    retainedPerMonth: retainedCosts(single),
    fixedMonthly: fixedCosts(),
    unpriced,
  };
}

/** `value` rounded up to the next multiple of `increment`. */
export function billed(value: number, increment: number): number {
  return Math.max(increment, Math.ceil(value / increment) * increment);
}
