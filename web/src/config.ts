// The only module that reads the build environment.

export interface Config {
  /** Prefix for every API path: '' (same origin) locally, the API Gateway URL on AWS. */
  apiUrl: string;
  /** Where operators sign in: the local issuer at /auth, or the Cognito user pool on AWS. */
  auth: { issuer: string; clientId: string; logoutUrl?: string };
}

interface Environment {
  VITE_API_URL?: string | undefined;
  /** The OpenID Connect issuer (Cognito: https://cognito-idp.<region>.amazonaws.com/<poolId>). */
  VITE_AUTH_ISSUER?: string | undefined;
  VITE_AUTH_CLIENT_ID?: string | undefined;
  /** Cognito's hosted UI publishes no end-session endpoint: its /logout URL. */
  VITE_AUTH_LOGOUT_URL?: string | undefined;
}

export function readConfig(env: Environment, origin = globalThis.location?.origin ?? ''): Config {
  const logoutUrl = env.VITE_AUTH_LOGOUT_URL?.trim();
  const auth = {
    issuer: env.VITE_AUTH_ISSUER?.trim() || `${origin}/auth`,
    clientId: env.VITE_AUTH_CLIENT_ID?.trim() || 'orders-web',
    ...(logoutUrl ? { logoutUrl } : {}),
  };
  return { apiUrl: readApiUrl(env), auth };
}

function readApiUrl(env: Environment): string {
  const raw = env.VITE_API_URL?.trim() ?? '';
  if (raw === '') return '';
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`VITE_API_URL is not a URL: ${JSON.stringify(raw)}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`VITE_API_URL must be an http(s) URL, got ${JSON.stringify(raw)}`);
  }
  return raw.replace(/\/+$/, '');
}

export const config: Config = readConfig(import.meta.env);
