import { config } from './config';

// Operators sign in with OpenID Connect, authorization code + PKCE (the local issuer, or Cognito's hosted
// sign-in on AWS). Tokens live in sessionStorage: they end with the tab, like partner keys.

const sessionKey = 'orders.session';
const pendingKey = 'orders.signIn';
/** Where the issuer sends the browser back with the code; the server answers it with the app. */
export const callbackPath = '/signed-in';

export interface Session {
  accessToken: string;
  idToken?: string;
  /** Epoch ms. */
  expiresAt: number;
  /** Who is signed in, for the header. */
  user: string;
}

interface Endpoints {
  authorization_endpoint: string;
  token_endpoint: string;
  end_session_endpoint?: string;
}

let endpoints: Promise<Endpoints> | undefined;
function discover(): Promise<Endpoints> {
  endpoints ??= fetch(`${config.auth.issuer}/.well-known/openid-configuration`).then(async (response) => {
    if (!response.ok) throw new Error(`the sign-in service answered ${response.status}`);
    return (await response.json()) as Endpoints;
  });
  return endpoints;
}

function redirectUri(): string {
  return `${window.location.origin}${callbackPath}`;
}

/** The signed-in operator, or undefined when signed out or the token has expired. */
export function currentSession(): Session | undefined {
  try {
    const text = window.sessionStorage.getItem(sessionKey);
    if (text === null) return undefined;
    const session = JSON.parse(text) as Session;
    return session.expiresAt > Date.now() ? session : undefined;
  } catch {
    return undefined;
  }
}

export function saveSession(session: Session | undefined): void {
  try {
    if (session === undefined) window.sessionStorage.removeItem(sessionKey);
    else window.sessionStorage.setItem(sessionKey, JSON.stringify(session));
  } catch {
    // Storage can be disabled: the operator then signs in again on the next load.
  }
  window.dispatchEvent(new Event('orders-session'));
}

function randomText(bytes: number): string {
  return base64url(crypto.getRandomValues(new Uint8Array(bytes)));
}

function base64url(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Sends the browser to the issuer's sign-in page. */
export async function signIn(): Promise<void> {
  const { authorization_endpoint } = await discover();
  const verifier = randomText(32);
  const state = randomText(16);
  const challenge = base64url(
    new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))),
  );
  window.sessionStorage.setItem(pendingKey, JSON.stringify({ verifier, state }));
  const url = new URL(authorization_endpoint);
  url.search = new URLSearchParams({
    client_id: config.auth.clientId,
    response_type: 'code',
    redirect_uri: redirectUri(),
    scope: 'openid email profile',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    state,
  }).toString();
  window.location.assign(url.href);
}

/** On the way back from the issuer: trades the code for tokens, then opens the dashboard. */
export async function completeSignIn(): Promise<void> {
  const params = new URLSearchParams(window.location.search);
  const pending = JSON.parse(window.sessionStorage.getItem(pendingKey) ?? '{}') as {
    verifier?: string;
    state?: string;
  };
  window.sessionStorage.removeItem(pendingKey);
  const code = params.get('code');
  window.history.replaceState(null, '', '/#/dashboard');
  if (code === null || pending.verifier === undefined || params.get('state') !== pending.state) return;
  const { token_endpoint } = await discover();
  const response = await fetch(token_endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: config.auth.clientId,
      code,
      redirect_uri: redirectUri(),
      code_verifier: pending.verifier,
    }),
  });
  if (!response.ok) return;
  const tokens = (await response.json()) as { access_token: string; id_token?: string; expires_in: number };
  const claims = claimsOf(tokens.id_token ?? tokens.access_token);
  saveSession({
    accessToken: tokens.access_token,
    ...(tokens.id_token === undefined ? {} : { idToken: tokens.id_token }),
    expiresAt: Date.now() + tokens.expires_in * 1000,
    user: String(claims['cognito:username'] ?? claims.email ?? claims.sub ?? 'operator'),
  });
}

/** Forgets the tokens and ends the issuer's session too, where it offers a way to. */
export async function signOut(): Promise<void> {
  const session = currentSession();
  saveSession(undefined);
  const { end_session_endpoint } = await discover().catch(() => ({}) as Partial<Endpoints>);
  if (end_session_endpoint === undefined) {
    if (config.auth.logoutUrl === undefined) return;
    // Cognito's hosted UI signs out at /logout with the client id and where to come back to.
    const url = new URL(config.auth.logoutUrl);
    url.search = new URLSearchParams({
      client_id: config.auth.clientId,
      logout_uri: `${window.location.origin}/`,
    }).toString();
    window.location.assign(url.href);
    return;
  }
  const url = new URL(end_session_endpoint);
  url.search = new URLSearchParams({
    client_id: config.auth.clientId,
    post_logout_redirect_uri: `${window.location.origin}/`,
    ...(session?.idToken === undefined ? {} : { id_token_hint: session.idToken }),
  }).toString();
  window.location.assign(url.href);
}

/** The roles the signed-in operator's token carries, from `cognito:groups` or `orders/<role>` scopes. */
export function sessionRoles(session: Session | undefined = currentSession()): Set<'operator' | 'admin'> {
  const roles = new Set<'operator' | 'admin'>();
  if (session === undefined) return roles;
  const claims = claimsOf(session.accessToken);
  const groups = Array.isArray(claims['cognito:groups']) ? claims['cognito:groups'] : [];
  const scopes = typeof claims.scope === 'string' ? claims.scope.split(' ') : [];
  for (const role of ['operator', 'admin'] as const) {
    if (groups.includes(role) || scopes.includes(`orders/${role}`)) roles.add(role);
  }
  return roles;
}

/**
 * Whether to offer the admin's actions (reprocess). Only what the app shows depends on it: the API decides
 * from the verified token, and refuses anyone else with 403.
 */
export function isAdmin(): boolean {
  return sessionRoles().has('admin');
}

// Only for showing who is signed in and what to offer: the API verifies the token, the app never relies on
// these claims for access.
function claimsOf(token: string): Record<string, unknown> {
  try {
    const part = token.split('.')[1] ?? '';
    return JSON.parse(atob(part.replace(/-/g, '+').replace(/_/g, '/'))) as Record<string, unknown>;
  } catch {
    return {};
  }
}
