import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createStore, type Store } from '@orders/core/storage/store';
import { readConfig } from '../config';

// The adapters of the deployed functions create the SDK clients, once per container and nowhere else; one
// module per client, because a bundle keeps every import of the runtime's SDK, used or not, and loads it.

let store: Store | undefined;

/** The table, through ElectroDB on a DynamoDB client. */
export function awsStore(): Store {
  store ??= createStore({
    client: new DynamoDBClient({}),
    tableName: readConfig().TABLE_NAME,
  });
  return store;
}
