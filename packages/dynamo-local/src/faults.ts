import {
  type DynamoDBClient,
  ProvisionedThroughputExceededException,
  ThrottlingException,
} from '@aws-sdk/client-dynamodb';

/** The two throttles DynamoDB answers a data-plane request with. */
export type ThrottleError = 'ProvisionedThroughputExceededException' | 'ThrottlingException';

export interface ThrottleRule {
  /** A partition key value: every request that names it (key, item, or key condition value) is throttled. */
  key: string;
  error: ThrottleError;
  /** How many requests to throttle before the rule lapses; omitted, until cleared. */
  times?: number;
}

/**
 * Fault injection for what DynamoDB Local lacks: it has no capacity, so it never throttles. A test switches
 * a throttle on for one partition key value and the client's requests that touch it fail as AWS's would,
 * below the SDK's own retries, so those retries run as they would against AWS.
 */
export class DynamoFaults {
  private readonly rules: (ThrottleRule & { left: number })[] = [];
  private count = 0;

  /** Throttles the requests that touch `rule.key`. */
  throttle(rule: ThrottleRule): void {
    this.rules.push({ ...rule, left: rule.times ?? Number.POSITIVE_INFINITY });
  }

  /** Switches every throttle off. */
  clear(): void {
    this.rules.splice(0);
  }

  /** How many requests were throttled so far. */
  get injected(): number {
    return this.count;
  }

  /** The error for a request with this input, if a rule applies (and counts it). */
  take(input: unknown): Error | undefined {
    if (this.rules.length === 0) return undefined;
    const values = new Set<string>();
    collectStrings(input, values);
    const rule = this.rules.find((candidate) => candidate.left > 0 && values.has(candidate.key));
    if (rule === undefined) return undefined;
    rule.left--;
    this.count++;
    const message = `injected: throughput exceeded for the partition of ${rule.key}`;
    return rule.error === 'ThrottlingException'
      ? new ThrottlingException({ message, $metadata: { httpStatusCode: 400 } })
      : new ProvisionedThroughputExceededException({ message, $metadata: { httpStatusCode: 400 } });
  }

  /** Adds the middleware to a client: at the deserialize step, inside the SDK's retry loop. */
  install(client: DynamoDBClient): void {
    client.middlewareStack.add(
      (next) => async (args) => {
        const error = this.take(args.input);
        if (error !== undefined) throw error;
        return next(args);
      },
      { step: 'deserialize', name: 'localThrottleFaults', priority: 'low' },
    );
  }
}

function collectStrings(value: unknown, into: Set<string>): void {
  if (typeof value === 'string') into.add(value);
  else if (Array.isArray(value)) for (const item of value) collectStrings(item, into);
  else if (typeof value === 'object' && value !== null)
    for (const item of Object.values(value)) collectStrings(item, into);
}
