import { createTokenVerifier, type TokenVerifier } from '../api/token';
import { readConfig } from '../config';

/**
 * Verifies operator tokens where API Gateway's JWT authorizer does not stand in front (partner-scoped reads);
 * without an issuer configured, every bearer token there is refused.
 */
export function awsTokenVerifier(): TokenVerifier | undefined {
  const { OPERATOR_ISSUER: issuer, OPERATOR_AUDIENCES: audiences } = readConfig();
  if (issuer === undefined || audiences === undefined) return undefined;
  return createTokenVerifier({ issuer, audiences: audiences.split(',').map((id) => id.trim()) });
}
