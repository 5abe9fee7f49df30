import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SSMClient } from '@aws-sdk/client-ssm';
import { Storage } from '@orders/core';
import { PartnerKeys } from './api/keys';
import { readConfig, requireSetting } from './config';
import { EventBridgePublisher } from './events/event-bridge';
import { StepFunctionsExecutions } from './executions/step-functions';
import { tracer } from './observability';
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

export function awsExecutions(): StepFunctionsExecutions {
  return new StepFunctionsExecutions(
    requireSetting('STATE_MACHINE_ARN'),
    tracer.captureAWSv3Client(new SFNClient({})),
  );
}

/** Partner keys from the PARTNER_KEYS SST secret (bound to the function), or the environment. */
export async function awsPartnerKeys(): Promise<PartnerKeys> {
  const { PARTNER_KEYS, SST_SSM_PREFIX, SST_APP } = readConfig();
  if (PARTNER_KEYS !== undefined) return PartnerKeys.parse(PARTNER_KEYS);
  if (SST_SSM_PREFIX === undefined || SST_APP === undefined)
    throw new Error('missing configuration: the PARTNER_KEYS secret is not bound');
  const ssm = tracer.captureAWSv3Client(new SSMClient({}));
  return PartnerKeys.parse(
    await readSecret(ssm, 'PARTNER_KEYS', { ssmPrefix: SST_SSM_PREFIX, app: SST_APP }),
  );
}

/**
 * Builds a handler on first invocation, so importing a module (as the local runtime does) reads no config.
 * A failed build is not kept: the next invocation builds again, so one cold start that could not reach a
 * dependency (the secret, say) does not fail every invocation the container ever serves.
 */
export function lazy<TInput, TOutput>(
  build: () => Promise<(input: TInput) => Promise<TOutput>> | ((input: TInput) => Promise<TOutput>),
) {
  let built: Promise<(input: TInput) => Promise<TOutput>> | undefined;
  return async (input: TInput): Promise<TOutput> => {
    if (built === undefined) {
      const attempt = Promise.resolve().then(build);
      built = attempt;
      attempt.catch(() => {
        if (built === attempt) built = undefined;
      });
    }
    return (await built)(input);
  };
}
