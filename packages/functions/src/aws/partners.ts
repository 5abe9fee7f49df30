import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { StorageUnavailableError } from '@orders/core/errors';
import { cachedPartners } from '@orders/core/partner/source';
import { type BackoffOptions, withRetries } from '@orders/core/storage/retry';
import { readConfig } from '../config';

const retries: BackoffOptions = { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 2_000 };

/** Brings the partners in force up to date before a handler runs; resolves at once while they are fresh. */
export type PartnerRefresh = () => Promise<unknown>;

let refresh: PartnerRefresh | undefined;

/**
 * The partner registry from the stage's SSM parameter (PARTNERS_PARAMETER, written by the stacks from
 * config/partners.json), read on first use and again a minute later at most, so a changed partner is in
 * force within a minute without a redeploy. Without PARTNERS_PARAMETER the bundled file stays in force.
 */
export function awsPartners(): PartnerRefresh {
  refresh ??= build();
  return refresh;
}

function build(): PartnerRefresh {
  const { PARTNERS_PARAMETER: name } = readConfig();
  if (name === undefined) return async () => undefined;
  const ssm = new SSMClient({});
  const partners = cachedPartners({
    source: name,
    read: () =>
      withRetries(async () => {
        const { Parameter } = await ssm.send(new GetParameterCommand({ Name: name }));
        if (Parameter?.Value === undefined) throw new Error(`the parameter ${name} has no value`);
        return Parameter.Value;
      }, retries),
  });
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
