import { Agent } from 'node:http';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type DynamoLocal, localRegion } from '@orders/dynamo-local';

/**
 * The round trip a Lambda function in the table's region sees per DynamoDB request, injected in front of
 * DynamoDB Local (which answers on loopback in well under a millisecond). AWS expects "an average latency
 * in single-digit milliseconds" for atomic operations such as GetItem and PutItem, measured inside the
 * service, without the network or the client (https://repost.aws/knowledge-center/dynamodb-high-latency);
 * 10 ms per request adds the client, TLS and the network on top and leans slow on purpose: a design that
 * keeps its rate at 10 ms keeps it on AWS.
 */
export const awsRoundTripMs = 10;

/** What the counting client saw. */
export interface RequestCounts {
  /** Requests by command name (`GetItemCommand`, `TransactWriteItemsCommand`, …). */
  byCommand: Map<string, number>;
  /** Transactions DynamoDB cancelled (a condition failed: a lost race, a taken claim). */
  cancelledTransactions: number;
}

/**
 * A client for DynamoDB Local that waits `latencyMs` before each request and counts requests and
 * cancelled transactions.
 */
export function latentClient(
  engine: Pick<DynamoLocal, 'endpoint' | 'credentials'>,
  latencyMs: number,
): { client: DynamoDBClient; counts: RequestCounts } {
  // Each Lambda execution has its own connections: the SDK's default pool of 50 sockets would queue the
  // executions here instead, and measure the pool.
  const client = new DynamoDBClient({
    endpoint: engine.endpoint,
    region: localRegion,
    credentials: engine.credentials,
    requestHandler: { httpAgent: new Agent({ keepAlive: true, maxSockets: 2_000 }) },
  });
  const counts: RequestCounts = { byCommand: new Map(), cancelledTransactions: 0 };
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const name = context.commandName ?? 'unknown';
      counts.byCommand.set(name, (counts.byCommand.get(name) ?? 0) + 1);
      if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));
      try {
        return await next(args);
      } catch (error) {
        if (error instanceof Error && error.name === 'TransactionCanceledException')
          counts.cancelledTransactions++;
        throw error;
      }
    },
    { step: 'initialize', name: 'benchLatency' },
  );
  return { client, counts };
}
