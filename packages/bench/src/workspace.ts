import { TransactWriteItemsCommand, type TransactWriteItemsCommandInput } from '@aws-sdk/client-dynamodb';
import type { DynamoLocal } from '@orders/dynamo-local';

/** A TransactWriteItems request in the SDK's own (marshalled) form. */
export type TransactWriteInput = TransactWriteItemsCommandInput;

/** Sends raw TransactWriteItems requests through the engine's own client. */
export function rawTransactWriter(engine: DynamoLocal): (input: TransactWriteInput) => Promise<unknown> {
  return (input) => engine.client.send(new TransactWriteItemsCommand(input));
}
