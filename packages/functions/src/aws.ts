import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SQSClient } from '@aws-sdk/client-sqs';
import { SSMClient } from '@aws-sdk/client-ssm';
import { Storage } from '@orders/core';
import { PartnerKeys } from './api/keys';
import { cachedSecretKeys, type KeySource, parseSecret } from './api/secret-keys';
import { createTokenVerifier, type TokenVerifier } from './api/token';
import { readConfig, requireSetting } from './config';
import { EventBridgePublisher } from './events/event-bridge';
import { SqsDeadLetterQueue } from './events/sqs-dead-letters';
import { StepFunctionsExecutions } from './executions/step-functions';
import { type LambdaHandler, tracer } from './observability';
import { readSecret } from './secrets';

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

/**
 * Partner keys: PARTNER_KEYS in the environment, else each partner's own Secrets Manager secret (by ARN, from
 * PARTNER_KEY_SECRETS), cached for a minute so a rotation needs no redeploy.
 */
export async function awsPartnerKeys(): Promise<KeySource> {
  const { PARTNER_KEYS: fromEnvironment, PARTNER_KEY_SECRETS: secrets } = readConfig();
  if (fromEnvironment !== undefined) return PartnerKeys.parse(fromEnvironment);
  if (secrets === undefined) throw new Error('missing configuration: PARTNER_KEY_SECRETS');
  const arns = JSON.parse(secrets) as Record<string, string>;
  const client = tracer.captureAWSv3Client(new SecretsManagerClient({}));
  return cachedSecretKeys(Object.keys(arns), async (partnerId) => {
    const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: arns[partnerId] }));
    return parseSecret(partnerId, SecretString);
  });
}

/**
 * The key cursors are signed with: CURSOR_KEY in the environment, or the CURSOR_KEY SST secret read from
 * SSM with retries (not through sst/node/config, whose import-time fetch fails a container for good).
 */
export async function awsCursorKey(): Promise<string> {
  const { CURSOR_KEY, SST_SSM_PREFIX, SST_APP } = readConfig();
  if (CURSOR_KEY !== undefined) return CURSOR_KEY;
  if (SST_SSM_PREFIX === undefined || SST_APP === undefined)
    throw new Error('missing configuration: the CURSOR_KEY secret is not bound');
  const ssm = tracer.captureAWSv3Client(new SSMClient({}));
  return readSecret(ssm, 'CURSOR_KEY', { ssmPrefix: SST_SSM_PREFIX, app: SST_APP });
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

/**
 * Builds a handler on first invocation, so importing a module (as the local runtime does) reads no config.
 * A failed build is not kept: the next invocation builds again, so one cold start that could not reach a
 * dependency (the secret, say) does not fail every invocation the container ever serves.
 */
export function lazy<TEvent, TResult>(
  build: () => Promise<LambdaHandler<TEvent, TResult>> | LambdaHandler<TEvent, TResult>,
): LambdaHandler<TEvent, TResult> {
  let built: Promise<LambdaHandler<TEvent, TResult>> | undefined;
  return async (event, context) => {
    if (built === undefined) {
      const attempt = Promise.resolve().then(build);
      built = attempt;
      attempt.catch(() => {
        if (built === attempt) built = undefined;
      });
    }
    return (await built)(event, context);
  };
}
