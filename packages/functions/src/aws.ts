import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { Storage } from '@orders/core';
import { readConfig } from './config';

let store: Storage.Store | undefined;

/** The store deployed functions use: the SDK client is created here, once per container. */
export function awsStore(): Storage.Store {
  store ??= Storage.createStore({ client: new DynamoDBClient({}), tableName: readConfig().TABLE_NAME });
  return store;
}

/** Builds a handler on first invocation, so importing a module (as the local runtime does) reads no config. */
export function lazy<TInput, TOutput>(build: () => (input: TInput) => Promise<TOutput>) {
  let built: ((input: TInput) => Promise<TOutput>) | undefined;
  return (input: TInput): Promise<TOutput> => {
    built ??= build();
    return built(input);
  };
}
