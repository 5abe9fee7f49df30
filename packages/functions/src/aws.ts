import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SFNClient } from '@aws-sdk/client-sfn';
import { Storage } from '@orders/core';
import { PartnerKeys } from './api/keys';
import { createTokenVerifier, type TokenVerifier } from './api/token';
import { readConfig, requireSetting } from './config';
import { EventBridgePublisher } from './events/event-bridge';
import { StepFunctionsExecutions } from './executions/step-functions';
import { tracer } from './observability';

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

/** The key cursors are signed with: CURSOR_KEY in the environment, or the CURSOR_KEY SST secret. */
export async function awsCursorKey(): Promise<string> {
  const fromEnvironment = readConfig().CURSOR_KEY;
  if (fromEnvironment !== undefined) return fromEnvironment;
  const { Config } = await import('sst/node/config');
  const secret = (Config as Record<string, string | undefined>).CURSOR_KEY;
  if (secret === undefined) throw new Error('missing configuration: the CURSOR_KEY secret is not bound');
  return secret;
}

/**
 * Verifies operator tokens where API Gateway's JWT authorizer does not stand in front (partner-scoped reads);
 * without an issuer configured, every bearer token there is refused.
 */
export function awsTokenVerifier(): TokenVerifier | undefined {
  const { OPERATOR_ISSUER: issuer, OPERATOR_AUDIENCES: audiences } = readConfig();
  if (issuer === undefined || audiences === undefined) return undefined;
  return createTokenVerifier({ issuer, audiences: audiences.split(',').map((id) => id.trim()) });
}

/** Builds a handler on first invocation, so importing a module (as the local runtime does) reads no config. */
export function lazy<TInput, TOutput>(
  build: () => Promise<(input: TInput) => Promise<TOutput>> | ((input: TInput) => Promise<TOutput>),
) {
  let built: Promise<(input: TInput) => Promise<TOutput>> | undefined;
  return async (input: TInput): Promise<TOutput> => {
    built ??= Promise.resolve(build());
    return (await built)(input);
  };
}
