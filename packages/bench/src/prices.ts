// AWS list prices, us-east-1, on-demand, no free tier, and the metering rules they apply under. Each line
// names its source page, when it was read, and how it was checked: `checked` says which public copy of the
// page (or which other public source) showed the same figure, or that none could be found.

export interface Price {
  /** US dollars per `unit`. */
  usd: number;
  unit: string;
  source: string;
  asOf: string;
  checked: string;
}

const notFound =
  'not found with the search tool: from the pricing page as last read, re-check before relying on it';

export const prices = {
  // Standard: $0.025 per 1,000 state transitions; retries count as transitions.
  stepFunctionsStandardTransition: {
    usd: 0.025 / 1000,
    unit: 'state transition',
    source: 'https://aws.amazon.com/step-functions/pricing/',
    asOf: '2025-11',
    checked: 'the pricing page (US East: $0.0250 per 1,000)',
  },
  // Express: $1.00 per million requests (executions started).
  stepFunctionsExpressRequest: {
    usd: 1 / 1_000_000,
    unit: 'Express execution',
    source: 'https://aws.amazon.com/step-functions/pricing/',
    asOf: '2025-11',
    checked: 'a third-party copy of the Express table ($1.00 per million requests)',
  },
  // Express duration: $0.00001667 per GB-second for the first 1,000 GB-hours a month (cheaper tiers after).
  stepFunctionsExpressGbSecond: {
    usd: 0.00001667,
    unit: 'Express GB-second',
    source: 'https://aws.amazon.com/step-functions/pricing/',
    asOf: '2025-11',
    checked: 'a third-party copy of the Express table ($0.00001667 per GB-second)',
  },
  // Lambda: $0.20 per million requests.
  lambdaRequest: {
    usd: 0.2 / 1_000_000,
    unit: 'Lambda invocation',
    source: 'https://aws.amazon.com/lambda/pricing/',
    asOf: '2025-11',
    checked: 'third-party copies of the pricing table ($0.20 per 1M)',
  },
  // Lambda arm64: $0.0000133334 per GB-second for the first 7.5 billion GB-seconds a month.
  lambdaArmGbSecond: {
    usd: 0.0000133334,
    unit: 'Lambda GB-second (arm64)',
    source: 'https://aws.amazon.com/lambda/pricing/',
    asOf: '2025-11',
    checked: 'third-party copies of the pricing table (arm64, first 7.5 billion GB-s)',
  },
  // On-demand: $0.625 per million write request units (since the 50% cut of 2024-11-01). One WRU writes
  // up to 1 KB; a transactional write takes 2 WRU per 1 KB of each item.
  dynamoWriteRequestUnit: {
    usd: 0.625 / 1_000_000,
    unit: 'DynamoDB write request unit',
    source: 'https://aws.amazon.com/dynamodb/pricing/on-demand/',
    asOf: '2025-11',
    checked: notFound,
  },
  // On-demand: $0.125 per million read request units. A strongly consistent read of up to 4 KB takes one.
  dynamoReadRequestUnit: {
    usd: 0.125 / 1_000_000,
    unit: 'DynamoDB read request unit',
    source: 'https://aws.amazon.com/dynamodb/pricing/on-demand/',
    asOf: '2025-11',
    checked: notFound,
  },
  // Table storage, indexes included: $0.25 per GB-month; DynamoDB adds 100 bytes of overhead per item.
  dynamoStorageGbMonth: {
    usd: 0.25,
    unit: 'DynamoDB GB-month stored',
    source: 'https://aws.amazon.com/dynamodb/pricing/on-demand/',
    asOf: '2025-12',
    checked: 'aws.amazon.com/dynamodb/pricing/ ("prices start from $0.25 per GB-month")',
  },
  // Continuous backups (point-in-time recovery): $0.20 per GB-month of table size.
  dynamoPitrGbMonth: {
    usd: 0.2,
    unit: 'DynamoDB GB-month under PITR',
    source: 'https://aws.amazon.com/dynamodb/pricing/on-demand/',
    asOf: '2025-12',
    checked: 'a third-party summary of the pricing page ($0.20 per GB-month); not seen on the page itself',
  },
  // $1.00 per million custom events published; each 64 KB chunk of an event counts as one.
  eventBridgeCustomEvent: {
    usd: 1 / 1_000_000,
    unit: 'EventBridge custom event (64 KB chunk)',
    source: 'https://aws.amazon.com/eventbridge/pricing/',
    asOf: '2025-11',
    checked: 'third-party copies of the pricing page ($1.00 per million custom events)',
  },
  // Archive: $0.10 per GB of events archived, then $0.023 per GB-month stored (the bus keeps 30 days).
  eventBridgeArchiveGb: {
    usd: 0.1,
    unit: 'GB of events archived',
    source: 'https://aws.amazon.com/eventbridge/pricing/',
    asOf: '2025-12',
    checked: `${notFound}; third-party pages say $0.10 per GB-month instead`,
  },
  eventBridgeArchiveStorageGbMonth: {
    usd: 0.023,
    unit: 'GB-month of archived events',
    source: 'https://aws.amazon.com/eventbridge/pricing/',
    asOf: '2025-12',
    checked: notFound,
  },
  // HTTP API: $1.00 per million requests for the first 300 million a month, metered in 512 KB chunks.
  apiGatewayHttpRequest: {
    usd: 1 / 1_000_000,
    unit: 'HTTP API request (512 KB chunk)',
    source: 'https://aws.amazon.com/api-gateway/pricing/',
    asOf: '2025-11',
    checked: notFound,
  },
  // Vended logs, the rate Step Functions execution logs and (since 2025-05-01) Lambda logs are ingested at:
  // $0.50 per GB for the first 10 TB a month, cheaper tiers after.
  cloudWatchLogsIngestedGb: {
    usd: 0.5,
    unit: 'GB of logs ingested (vended)',
    source: 'https://aws.amazon.com/cloudwatch/pricing/',
    asOf: '2025-12',
    checked:
      'third-party reports of the 2025-05-01 Lambda change (first tier $0.50 per GB); Step Functions: https://docs.aws.amazon.com/step-functions/latest/dg/cw-logs.html says vended rate',
  },
  // Logs stored: $0.03 per GB-month; both log groups keep a month.
  cloudWatchLogsStoredGbMonth: {
    usd: 0.03,
    unit: 'GB-month of logs stored',
    source: 'https://aws.amazon.com/cloudwatch/pricing/',
    asOf: '2025-12',
    checked: 'third-party summaries of the pricing page ($0.03 per GB-month in us-east-1)',
  },
  // Custom metrics: $0.30 per metric-month for the first 10,000 (each name and dimension set is one).
  cloudWatchCustomMetricMonth: {
    usd: 0.3,
    unit: 'custom metric-month',
    source: 'https://aws.amazon.com/cloudwatch/pricing/',
    asOf: '2025-12',
    checked: 'a third-party copy of the metrics tiers ($0.30 for the first 10,000)',
  },
  // Standard-resolution alarms: $0.10 per alarm metric-month (a metric-math alarm counts each metric).
  cloudWatchAlarmMetricMonth: {
    usd: 0.1,
    unit: 'alarm metric-month',
    source: 'https://aws.amazon.com/cloudwatch/pricing/',
    asOf: '2025-12',
    checked: notFound,
  },
  cloudWatchDashboardMonth: {
    usd: 3,
    unit: 'dashboard-month',
    source: 'https://aws.amazon.com/cloudwatch/pricing/',
    asOf: '2025-12',
    checked: notFound,
  },
  // X-Ray: $5.00 per million traces recorded.
  xrayTraceRecorded: {
    usd: 5 / 1_000_000,
    unit: 'X-Ray trace recorded',
    source: 'https://aws.amazon.com/xray/pricing/',
    asOf: '2025-12',
    checked: 'aws.amazon.com/de/xray/pricing/ (USD 5 per million recorded traces)',
  },
  // CloudFront, United States: $0.0100 per 10,000 HTTPS requests; $0.085 per GB to the internet (first
  // 10 TB); $0.020 per GB sent on to the origin (the request bodies).
  cloudFrontHttpsRequest: {
    usd: 0.01 / 10_000,
    unit: 'CloudFront HTTPS request',
    source: 'https://aws.amazon.com/cloudfront/pricing/',
    asOf: '2025-12',
    checked: 'a third-party copy of the request table (North America $0.0100 per 10,000 HTTPS)',
  },
  cloudFrontTransferOutGb: {
    usd: 0.085,
    unit: 'GB from CloudFront to the internet',
    source: 'https://aws.amazon.com/cloudfront/pricing/',
    asOf: '2025-12',
    checked: 'aws.amazon.com/cloudfront/pricing (United States, first 10TB $0.085)',
  },
  cloudFrontTransferToOriginGb: {
    usd: 0.02,
    unit: 'GB from CloudFront to the origin',
    source: 'https://aws.amazon.com/cloudfront/pricing/',
    asOf: '2025-12',
    checked: notFound,
  },
  // WAF: $0.60 per million requests inspected; $5.00 per web ACL and $1.00 per rule a month.
  wafRequest: {
    usd: 0.6 / 1_000_000,
    unit: 'WAF request inspected',
    source: 'https://aws.amazon.com/waf/pricing/',
    asOf: '2025-12',
    checked: 'third-party summaries of the pricing page ($0.60 per million requests)',
  },
  wafWebAclMonth: {
    usd: 5,
    unit: 'web ACL-month',
    source: 'https://aws.amazon.com/waf/pricing/',
    asOf: '2025-12',
    checked: 'third-party summaries of the pricing page ($5 per web ACL a month)',
  },
  wafRuleMonth: {
    usd: 1,
    unit: 'WAF rule-month',
    source: 'https://aws.amazon.com/waf/pricing/',
    asOf: '2025-12',
    checked: 'third-party summaries of the pricing page ($1 per rule a month)',
  },
  // SQS standard: $0.40 per million requests (64 KB chunks).
  sqsRequest: {
    usd: 0.4 / 1_000_000,
    unit: 'SQS request',
    source: 'https://aws.amazon.com/sqs/pricing/',
    asOf: '2025-12',
    checked: 'third-party copies of the pricing page ($0.40 per million, standard)',
  },
  // Secrets Manager: $0.40 per secret-month, $0.05 per 10,000 API calls.
  secretsManagerSecretMonth: {
    usd: 0.4,
    unit: 'secret-month',
    source: 'https://aws.amazon.com/secrets-manager/pricing/',
    asOf: '2025-12',
    checked: 'third-party summaries of the pricing page ($0.40 per secret a month)',
  },
  secretsManagerApiCall: {
    usd: 0.05 / 10_000,
    unit: 'Secrets Manager API call',
    source: 'https://aws.amazon.com/secrets-manager/pricing/',
    asOf: '2025-12',
    checked: 'third-party summaries of the pricing page ($0.05 per 10,000 calls)',
  },
  // S3 Standard: $0.023 per GB-month for the first 50 TB (the web app's files).
  s3StorageGbMonth: {
    usd: 0.023,
    unit: 'S3 GB-month',
    source: 'https://aws.amazon.com/s3/pricing/',
    asOf: '2025-12',
    checked: notFound,
  },
  // EventBridge Scheduler: $1.00 per million invocations after 14 million free a month.
  schedulerInvocation: {
    usd: 1 / 1_000_000,
    unit: 'Scheduler invocation',
    source: 'https://aws.amazon.com/eventbridge/pricing/',
    asOf: '2025-12',
    checked: notFound,
  },
} satisfies Record<string, Price>;

export type Prices = typeof prices;

/** How the services meter usage, with the settings of this app's stacks. */
export const metering = {
  /** Express duration is rounded up to the next 100 ms (Step Functions pricing page). */
  expressBillingIncrementMs: 100,
  /** Express memory is billed in 64 MB chunks; a small definition and payload fit in one. */
  expressMemoryMb: 64,
  /** Lambda bills per 1 ms. */
  lambdaBillingIncrementMs: 1,
  /** SST v2's default memorySize; the stacks set none. */
  lambdaMemoryMb: 1024,
  eventChunkBytes: 64 * 1024,
  apiChunkBytes: 512 * 1024,
  /** Storage counts "the raw byte size of the data you upload plus a per-item storage overhead of 100 bytes" (the on-demand pricing page). */
  dynamoItemOverheadBytes: 100,
  /**
   * X-Ray's default sampling rule, which Lambda's and Step Functions' active tracing apply: "the first
   * request each second, and five percent of any additional requests"
   * (https://docs.aws.amazon.com/xray/latest/devguide/xray-console-sampling.html). Per order the 5% counts;
   * the one a second is a fixed monthly cost.
   */
  xraySampledShare: 0.05,
  xrayReservoirPerSecond: 1,
  /**
   * What an HTTP response carries besides its body (status line and headers, CloudFront's and API Gateway's
   * included), and a request besides its body: an estimate, the bodies are measured.
   */
  httpResponseHeaderBytes: 400,
  httpRequestHeaderBytes: 500,
  /** Log groups and the bus archive keep data this long (stacks: RetentionDays.ONE_MONTH, the 30-day archive). */
  logRetentionMonths: 1,
  archiveRetentionMonths: 30 / 30.44,
  gbBytes: 1024 ** 3,
  /** Hours in an average month, for fixed costs. */
  monthSeconds: 30.44 * 24 * 3600,
};

export type Metering = typeof metering;
