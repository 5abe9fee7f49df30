import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { PartnerKeys } from '../api/keys';
import { cachedSecretKeys, type KeySource, parseSecret } from '../api/secret-keys';
import { readConfig } from '../config';

/**
 * Partner keys: PARTNER_KEYS in the environment, else each partner's own Secrets Manager secret (by ARN, from
 * PARTNER_KEY_SECRETS), cached for a minute so a rotation needs no redeploy.
 */
export async function awsPartnerKeys(): Promise<KeySource> {
  const { PARTNER_KEYS: fromEnvironment, PARTNER_KEY_SECRETS: secrets } = readConfig();
  if (fromEnvironment !== undefined) return PartnerKeys.parse(fromEnvironment);
  if (secrets === undefined) throw new Error('missing configuration: PARTNER_KEY_SECRETS');
  const arns = JSON.parse(secrets) as Record<string, string>;
  const client = new SecretsManagerClient({});
  return cachedSecretKeys(Object.keys(arns), async (partnerId) => {
    const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: arns[partnerId] }));
    return parseSecret(partnerId, SecretString);
  });
}
