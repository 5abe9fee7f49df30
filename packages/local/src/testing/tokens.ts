import { createHash, randomBytes } from 'node:crypto';
import { decodeJwt, generateKeyPair, importJWK, SignJWT } from 'jose';
import type { LocalApp } from '../app';

/** A client-credentials access token from the local issuer for one of the app's script clients. */
export async function scriptToken(app: LocalApp, clientId: string): Promise<string> {
  const client = app.auth.scriptClients.find((candidate) => candidate.clientId === clientId);
  if (client === undefined) throw new Error(`the local issuer has no script client ${clientId}`);
  const response = await fetch(`${app.auth.issuer.issuer}/token`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString('base64')}`,
    },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      ...(client.roles.length === 0 ? {} : { scope: client.roles.map((role) => `orders/${role}`).join(' ') }),
    }),
  });
  const body = (await response.json()) as { access_token?: string; error?: string };
  if (body.access_token === undefined) throw new Error(`no token for ${clientId}: ${JSON.stringify(body)}`);
  return body.access_token;
}

/**
 * Signs an operator in the way the web app does (authorization code + PKCE through the sign-in page), with a
 * cookie jar of its own, and answers the access token.
 */
export async function signInToken(app: LocalApp, username: string, password: string): Promise<string> {
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const redirectUri = `${app.url}/signed-in`;
  const jar = new Map<string, string>();
  const go = async (url: string, init: RequestInit = {}) => {
    const response = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...init.headers, cookie: [...jar].map(([name, value]) => `${name}=${value}`).join('; ') },
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = ''] = cookie.split(';');
      const at = pair.indexOf('=');
      jar.set(pair.slice(0, at), pair.slice(at + 1));
    }
    return response;
  };
  const authorize = new URL(`${app.auth.issuer.issuer}/auth`);
  for (const [name, value] of Object.entries({
    client_id: 'orders-web',
    response_type: 'code',
    redirect_uri: redirectUri,
    scope: 'openid email profile',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    state: 'state-1',
  }))
    authorize.searchParams.set(name, value);
  let response = await go(authorize.href);
  let location = response.headers.get('location') ?? '';
  for (let hop = 0; hop < 10 && !location.startsWith(redirectUri); hop++) {
    const next = new URL(location, app.url).href;
    response = await go(next);
    if (response.status === 200) {
      response = await go(`${next}/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ username, password }),
      });
    }
    location = response.headers.get('location') ?? '';
    if (location === '') throw new Error(`signing in stopped at ${next} with ${response.status}`);
  }
  const code = new URL(location).searchParams.get('code');
  if (code === null) throw new Error(`no code in ${location}`);
  const token = await fetch(`${app.auth.issuer.issuer}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: 'orders-web',
      code,
      redirect_uri: redirectUri,
      code_verifier: verifier,
    }),
  });
  const body = (await token.json()) as { access_token?: string };
  if (body.access_token === undefined) throw new Error(`no token: ${JSON.stringify(body)}`);
  return body.access_token;
}

/** Tokens of every kind the access table names, real ones from the issuer and bad ones made from them. */
export interface TokenKinds {
  /** A person signed in through the web app's flow, in the `operator` group. */
  operator: string;
  /** A script client with the `admin` role. */
  admin: string;
  /** A valid token without either role. */
  noRole: string;
  /** The admin token's claims, signed by a key the issuer never had (with its key id). */
  forged: string;
  /** The admin token's claims, signed by the issuer's own key, expired an hour ago. */
  expired: string;
  /** The admin token's claims with `alg: none` and no signature. */
  unsigned: string;
  /** The operator token with its claims changed to the admin role, its signature kept. */
  tampered: string;
}

export async function tokenKinds(app: LocalApp): Promise<TokenKinds> {
  const person = app.auth.operators.find((operator) => operator.groups.includes('operator'));
  if (person === undefined) throw new Error('the local issuer has no operator');
  const operator = await signInToken(app, person.username, person.password);
  const admin = await scriptToken(app, 'script-admin');
  const noRole = await scriptToken(app, 'script-no-role');
  const claims = decodeJwt(admin);
  const now = Math.floor(Date.now() / 1000);
  const kid = app.auth.signingKey.kid ?? '';
  const stranger = (await generateKeyPair('RS256')).privateKey;
  const forged = await new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid }).sign(stranger);
  const expired = await new SignJWT({ ...claims, iat: now - 7200, exp: now - 3600 })
    .setProtectedHeader({ alg: 'RS256', kid })
    .sign(await importJWK(app.auth.signingKey, 'RS256'));
  const unsigned = `${part({ alg: 'none', typ: 'JWT' })}.${part(claims)}.`;
  const [head = '', , signature = ''] = operator.split('.');
  const tampered = `${head}.${part({ ...decodeJwt(operator), 'cognito:groups': ['admin'] })}.${signature}`;
  return { operator, admin, noRole, forged, expired, unsigned, tampered };
}

function part(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}
