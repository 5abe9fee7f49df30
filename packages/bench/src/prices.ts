// AWS list prices, us-east-1, on-demand, no free tier, and the metering rules they apply under. Each line
// names its source page and when it was read; check them again before relying on the figures.

export interface Price {
  /** US dollars per `unit`. */
  usd: number;
  unit: string;
  source: string;
  asOf: string;
}

export const prices = {
  // Standard: $0.025 per 1,000 state transitions; retries count as transitions.
  stepFunctionsStandardTransition: {
    usd: 0.025 / 1000,
    unit: 'state transition',
    source: 'https://aws.amazon.com/step-functions/pricing/',
    asOf: '2025-11',
  },
  // Express: $1.00 per million requests (executions started).
  stepFunctionsExpressRequest: {
    usd: 1 / 1_000_000,
    unit: 'Express execution',
    source: 'https://aws.amazon.com/step-functions/pricing/',
    asOf: '2025-11',
  },
  // Express duration: $0.00001667 per GB-second for the first 1,000 GB-hours a month (cheaper tiers after).
  stepFunctionsExpressGbSecond: {
    usd: 0.00001667,
    unit: 'Express GB-second',
    source: 'https://aws.amazon.com/step-functions/pricing/',
    asOf: '2025-11',
  },
  // Lambda: $0.20 per million requests.
  lambdaRequest: {
    usd: 0.2 / 1_000_000,
    unit: 'Lambda invocation',
    source: 'https://aws.amazon.com/lambda/pricing/',
    asOf: '2025-11',
  },
  // Lambda arm64: $0.0000133334 per GB-second for the first 7.5 billion GB-seconds a month.
  lambdaArmGbSecond: {
    usd: 0.0000133334,
    unit: 'Lambda GB-second (arm64)',
    source: 'https://aws.amazon.com/lambda/pricing/',
    asOf: '2025-11',
  },
  // On-demand: $0.625 per million write request units (since the 50% cut of 2024-11-01). One WRU writes
  // up to 1 KB; a transactional write takes 2 WRU per 1 KB of each item.
  dynamoWriteRequestUnit: {
    usd: 0.625 / 1_000_000,
    unit: 'DynamoDB write request unit',
    source: 'https://aws.amazon.com/dynamodb/pricing/on-demand/',
    asOf: '2025-11',
  },
  // On-demand: $0.125 per million read request units. A strongly consistent read of up to 4 KB takes one.
  dynamoReadRequestUnit: {
    usd: 0.125 / 1_000_000,
    unit: 'DynamoDB read request unit',
    source: 'https://aws.amazon.com/dynamodb/pricing/on-demand/',
    asOf: '2025-11',
  },
  // $1.00 per million custom events published; each 64 KB chunk of an event counts as one.
  eventBridgeCustomEvent: {
    usd: 1 / 1_000_000,
    unit: 'EventBridge custom event (64 KB chunk)',
    source: 'https://aws.amazon.com/eventbridge/pricing/',
    asOf: '2025-11',
  },
  // HTTP API: $1.00 per million requests for the first 300 million a month, metered in 512 KB chunks.
  apiGatewayHttpRequest: {
    usd: 1 / 1_000_000,
    unit: 'HTTP API request (512 KB chunk)',
    source: 'https://aws.amazon.com/api-gateway/pricing/',
    asOf: '2025-11',
  },
  // Vended logs (Step Functions execution logs): $0.50 per GB ingested for the first 10 TB a month.
  cloudWatchLogsIngestedGb: {
    usd: 0.5,
    unit: 'GB of logs ingested (vended)',
    source: 'https://aws.amazon.com/cloudwatch/pricing/',
    asOf: '2025-11',
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
  /** CloudWatch Logs meters each event as its UTF-8 size plus 26 bytes. */
  logEventOverheadBytes: 26,
  gbBytes: 1024 ** 3,
};

export type Metering = typeof metering;
