import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { StorageUnavailableError } from '@orders/core/errors';
import { cachedPartners } from '@orders/core/partner/source';
import { type BackoffOptions, withRetries } from '@orders/core/storage/retry';
import { readConfig } from '../config';

/** Brings the partners in force up to date before a handler runs; resolves at once while they are fresh. */
export type PartnerRefresh = () => Promise<unknown>;

export interface ParameterPartnerOptions {
  /** How long the partners read stay fresh; a minute unless a test says otherwise. */
  ttlMs?: number;
  retries?: BackoffOptions;
}

const defaultRetries: BackoffOptions = { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 2_000 };

/**
 * The partner registry from the SSM parameter `name` (written by the stacks from config/partners.json), read
 * on first use and again once `ttlMs` has passed, so a changed partner is in force within a minute without
 * a redeploy; throttles and other transient failures are retried with jittered backoff.
 */
export function parameterPartners(
  ssm: SSMClient,
  name: string,
  { ttlMs = 60_000, retries = defaultRetries }: ParameterPartnerOptions = {},
): PartnerRefresh {
  const partners = cachedPartners(
    {
      source: name,
      read: () =>
        withRetries(async () => {
          const { Parameter } = await ssm.send(new GetParameterCommand({ Name: name }));
          if (Parameter?.Value === undefined) throw new Error(`the parameter ${name} has no value`);
          return Parameter.Value;
        }, retries),
    },
    ttlMs,
  );
  // Only a container that never read the registry fails here. Its failure is the platform's, never the
  // order's: as StorageUnavailableError the workflow leaves the submission pending for recovery, and the
  // API answers 503, instead of rejecting a valid order.
  return async () => {
    try {
      return await partners();
    } catch (error) {
      throw new StorageUnavailableError(`the partner registry ${name} could not be read`, { cause: error });
    }
  };
}

let refresh: PartnerRefresh | undefined;

/**
 * The stage's partner registry (PARTNERS_PARAMETER), built on first use so importing a handler reads no
 * config. Without PARTNERS_PARAMETER the bundled config/partners.json stays in force.
 */
export function awsPartners(): PartnerRefresh {
  if (refresh === undefined) {
    const { PARTNERS_PARAMETER: name } = readConfig();
    refresh = name === undefined ? async () => undefined : parameterPartners(new SSMClient({}), name);
  }
  return refresh;
}
