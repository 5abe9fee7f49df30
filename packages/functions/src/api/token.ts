import { createRemoteJWKSet, errors, type JWTPayload, type JWTVerifyGetKey, jwtVerify } from 'jose';

/**
 * What API Gateway's HTTP API JWT authorizer hands a Lambda (payload format 2.0) in
 * `requestContext.authorizer.jwt`: every claim as a string (arrays as `[a b]`, numbers as their digits) and
 * the token's scopes. The local server builds the same shape, so a handler cannot tell the two apart.
 * Format as observed on API Gateway: https://github.com/floci-io/floci/pull/2011 and
 * https://github.com/aws-solutions-library-samples/guidance-for-claude-code-with-amazon-bedrock/pull/803
 */
export interface JwtAuthorizerContext {
  claims: Record<string, string>;
  scopes: string[] | null;
}

export interface TokenSettings {
  /** `iss` the tokens must carry: the Cognito user pool's URL, or the local issuer's. */
  issuer: string;
  /** Client ids the API accepts, matched against `aud` or, for access tokens, `client_id` (as API Gateway does). */
  audiences: readonly string[];
  /** The issuer's keys; by default its JWKS at `<issuer>/.well-known/jwks.json` (where Cognito serves it). */
  keys?: JWTVerifyGetKey;
}

/** Verifies an operator's bearer token; `undefined` for anything forged, expired, unsigned or not ours. */
export type TokenVerifier = (token: string) => Promise<JwtAuthorizerContext | undefined>;

/** Signature (RS256 only, so `alg: none` and HMAC tricks fail), issuer, lifetime and audience, via `jose`. */
export function createTokenVerifier(settings: TokenSettings): TokenVerifier {
  const keys = settings.keys ?? createRemoteJWKSet(new URL(`${settings.issuer}/.well-known/jwks.json`));
  return async (token) => {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, keys, { issuer: settings.issuer, algorithms: ['RS256'] }));
    } catch (error) {
      if (error instanceof errors.JOSEError || error instanceof TypeError) return undefined;
      throw error;
    }
    const audiences = [payload.aud ?? [], payload.client_id ?? []].flat();
    if (!audiences.some((audience) => settings.audiences.includes(String(audience)))) return undefined;
    return authorizerContext(payload);
  };
}

/** A verified token's payload in the authorizer's shape. */
export function authorizerContext(payload: JWTPayload): JwtAuthorizerContext {
  const claims: Record<string, string> = {};
  for (const [name, value] of Object.entries(payload)) {
    if (value === undefined || value === null) continue;
    claims[name] = Array.isArray(value)
      ? `[${value.join(' ')}]`
      : typeof value === 'object'
        ? JSON.stringify(value)
        : String(value);
  }
  const scope = typeof payload.scope === 'string' ? payload.scope.split(' ').filter(Boolean) : [];
  return { claims, scopes: scope.length > 0 ? scope : null };
}

/** The values of a list claim as the authorizer writes it (`[a b]`), or as a single value. */
export function claimList(value: string | undefined): string[] {
  if (value === undefined || value === '') return [];
  const inner = value.startsWith('[') && value.endsWith(']') ? value.slice(1, -1) : value;
  return inner.split(/[\s,]+/).filter(Boolean);
}
