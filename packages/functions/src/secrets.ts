import { GetParametersCommand, type SSMClient } from '@aws-sdk/client-ssm';
import { OrdersError } from '@orders/core/errors';
import { type BackoffOptions, withRetries } from '@orders/core/storage/retry';

/** A bound secret has no value in its stage (`sst secrets set` was never run): retrying cannot help. */
export class SecretNotSetError extends OrdersError {
  override readonly name = 'SecretNotSetError';
  readonly code = 'secret_not_set';
}

export interface SecretLocation {
  /** `SST_SSM_PREFIX`, which SST gives every function bound to a secret. */
  ssmPrefix: string;
  /** `SST_APP`, for the app-wide fallback value of a secret. */
  app: string;
}

// SST v2 keeps a secret at `<prefix>Secret/<name>/value`, with an app-wide fallback under `/sst/<app>/.fallback/`.
// `sst/node/config` fetches it during its own import, and a module whose import failed stays failed for the
// life of the container, so a throttled or timed-out SSM call would break every later invocation too.
// The same parameters are read here instead, with retries, and a failure is only this attempt's.
const retries: BackoffOptions = { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 2_000 };

/** Reads a bound SST secret from SSM, retrying transient failures with jittered backoff. */
export async function readSecret(
  ssm: SSMClient,
  name: string,
  location: SecretLocation,
  options: BackoffOptions = retries,
): Promise<string> {
  const paths = [
    `${location.ssmPrefix}Secret/${name}/value`,
    `/sst/${location.app}/.fallback/Secret/${name}/value`,
  ];
  for (const path of paths) {
    const value = await withRetries(async () => {
      const { Parameters = [] } = await ssm.send(
        new GetParametersCommand({ Names: [path], WithDecryption: true }),
      );
      return Parameters.find((parameter) => parameter.Name === path)?.Value;
    }, options);
    if (value !== undefined) return value;
  }
  throw new SecretNotSetError(`the secret ${name} is not set for this stage (sst secrets set ${name} …)`);
}
