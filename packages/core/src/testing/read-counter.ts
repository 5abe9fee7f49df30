import { randomUUID } from 'node:crypto';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';

/**
 * Counts the items DynamoDB itself says it read (`ScannedCount` of every Query and Scan answer) on a
 * client: what a page costs, as the engine reports it, whatever the library above it does.
 */
export function countItemsRead(client: DynamoDBClient): { readonly items: number; reset(): void } {
  let items = 0;
  client.middlewareStack.add(
    (next) => async (args) => {
      const result = await next(args);
      const scanned = (result.output as { ScannedCount?: unknown }).ScannedCount;
      if (typeof scanned === 'number') items += scanned;
      return result;
    },
    { step: 'initialize', name: `countItemsRead-${randomUUID()}` },
  );
  return {
    get items() {
      return items;
    },
    reset() {
      items = 0;
    },
  };
}

/** One request a client sent: the command's name and, for a Query, the index it read. */
export interface SentCommand {
  command: string;
  indexName?: string;
}

/** Records every command sent on a client, as the SDK names it (`QueryCommand`, `ScanCommand` …). */
export function recordCommands(client: DynamoDBClient): { readonly sent: SentCommand[]; reset(): void } {
  const sent: SentCommand[] = [];
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const indexName = (args.input as { IndexName?: unknown }).IndexName;
      sent.push({
        command: String(context.commandName),
        ...(typeof indexName === 'string' ? { indexName } : {}),
      });
      return next(args);
    },
    { step: 'initialize', name: `recordCommands-${randomUUID()}` },
  );
  return {
    sent,
    reset() {
      sent.length = 0;
    },
  };
}
