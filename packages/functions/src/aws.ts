import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SQSClient } from '@aws-sdk/client-sqs';
import { Storage } from '@orders/core';
import { PartnerKeys } from './api/keys';
import { readConfig, requireSetting } from './config';
import { EventBridgePublisher } from './events/event-bridge';
import { SqsDeadLetterQueue } from './events/sqs-dead-letters';
import { StepFunctionsExecutions } from './executions/step-functions';
import { type LambdaHandler, tracer } from './observability';

// Adapters for deployed functions: SDK clients are created here, once per container, and nowhere else.

let store: Storage.Store | undefined;

export function awsStore(): Storage.Store {
  store ??= Storage.createStore({
    client: tracer.captureAWSv3Client(new DynamoDBClient({})),
    tableName: readConfig().TABLE_NAME,
  });
  return store;
}

export function awsPublisher(): EventBridgePublisher {
  return new EventBridgePublisher(tracer.captureAWSv3Client(new EventBridgeClient({})));
}

/** A rule's dead-letter queue, for `pnpm redrive --aws`. */
export function awsDeadLetterQueue(queueUrl: string): SqsDeadLetterQueue {
  return new SqsDeadLetterQueue(queueUrl, new SQSClient({}));
}

export function awsExecutions(): StepFunctionsExecutions {
  return new StepFunctionsExecutions(
    requireSetting('STATE_MACHINE_ARN'),
    tracer.captureAWSv3Client(new SFNClient({})),
  );
}

/** Partner keys from the PARTNER_KEYS SST secret (bound to the function), or the environment. */
export async function awsPartnerKeys(): Promise<PartnerKeys> {
  const fromEnvironment = readConfig().PARTNER_KEYS;
  if (fromEnvironment !== undefined) return PartnerKeys.parse(fromEnvironment);
  const { Config } = await import('sst/node/config');
  const secret = (Config as Record<string, string | undefined>).PARTNER_KEYS;
  if (secret === undefined) throw new Error('missing configuration: the PARTNER_KEYS secret is not bound');
  return PartnerKeys.parse(secret);
}

/** Builds a handler on first invocation, so importing a module (as the local runtime does) reads no config. */
export function lazy<TEvent, TResult>(
  build: () => Promise<LambdaHandler<TEvent, TResult>> | LambdaHandler<TEvent, TResult>,
): LambdaHandler<TEvent, TResult> {
  let built: Promise<LambdaHandler<TEvent, TResult>> | undefined;
  return async (event, context) => {
    built ??= Promise.resolve(build());
    return (await built)(event, context);
  };
}
