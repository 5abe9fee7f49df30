import { scryptSync, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Access } from '@orders/core';
import { createTokenVerifier, type TokenVerifier } from '@orders/functions';
import { createLocalJWKSet } from 'jose';
import Provider, { type Configuration } from 'oidc-provider';
import { loginPage } from './login-page';
import { MemoryAdapter } from './memory-adapter';
import { type LocalAuthSettings, type LocalOperator, webClientId } from './settings';

/** The issuer's path on the local server: `http://localhost:PORT/auth`. */
export const authPath = '/auth';

export interface LocalIssuer {
  /** `http://localhost:PORT/auth`, the `iss` of its tokens. */
  issuer: string;
  /** Client ids whose tokens the API accepts (the web app's and the script clients'). */
  audiences: string[];
  /** The same verification the deployed API runs, with this issuer's public key. */
  verify: TokenVerifier;
  /** Answers a request under /auth. */
  handle(request: IncomingMessage, response: ServerResponse): Promise<void>;
}

/**
 * A small OpenID Connect issuer built on `oidc-provider` that behaves like the Cognito user pool: discovery,
 * JWKS at `/.well-known/jwks.json`, authorization code + PKCE for the web app, client credentials for
 * scripts, RS256 JWT access tokens carrying `cognito:groups` for people and `orders/<role>` scopes for scripts.
 */
export function createLocalIssuer(baseUrl: string, settings: LocalAuthSettings): LocalIssuer {
  const issuer = `${baseUrl}${authPath}`;
  const operators = new Map(settings.operators.map((operator) => [operator.username, operator]));
  // A resource indicator must be an absolute URI: the API's own URL names the resource server.
  const resource = `${baseUrl}/v1`;
  const resourceScopes = Access.operatorRoles.map((role) => `${Access.resourceServer}/${role}`).join(' ');
  const configuration: Configuration = {
    adapter: MemoryAdapter,
    scopes: ['openid', 'email', 'profile', ...resourceScopes.split(' ')],
    clients: [
      {
        client_id: webClientId,
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code'],
        response_types: ['code'],
        redirect_uris: [`${baseUrl}/signed-in`],
        post_logout_redirect_uris: [`${baseUrl}/`],
        scope: 'openid email profile',
      },
      ...settings.scriptClients.map((client) => ({
        client_id: client.clientId,
        client_secret: client.clientSecret,
        grant_types: ['client_credentials'],
        response_types: [],
        redirect_uris: [],
        ...(client.roles.length === 0
          ? {}
          : { scope: client.roles.map((role) => `${Access.resourceServer}/${role}`).join(' ') }),
      })),
    ],
    jwks: { keys: [settings.signingKey] },
    cookies: { keys: [settings.cookieSecret] },
    routes: { jwks: '/.well-known/jwks.json' },
    responseTypes: ['code'],
    pkce: { required: () => true },
    claims: { openid: ['sub'], email: ['email'], profile: ['cognito:username', 'cognito:groups'] },
    findAccount: (_ctx, id) => {
      const operator = operators.get(id);
      if (operator === undefined) return undefined;
      return { accountId: id, claims: () => ({ sub: id, ...personClaims(operator) }) };
    },
    extraTokenClaims: (_ctx, token) => {
      const operator = 'accountId' in token ? operators.get(String(token.accountId)) : undefined;
      return operator === undefined ? undefined : personClaims(operator);
    },
    interactions: { url: (_ctx, interaction) => `${authPath}/interaction/${interaction.uid}` },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      rpInitiatedLogout: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => resource,
        useGrantedResource: () => true,
        getResourceServerInfo: () => ({
          scope: resourceScopes,
          audience: resource,
          accessTokenFormat: 'jwt',
          accessTokenTTL: 3600,
          jwt: { sign: { alg: 'RS256' } },
        }),
      },
    },
    ttl: {
      AccessToken: 3600,
      AuthorizationCode: 60,
      ClientCredentials: 3600,
      IdToken: 3600,
      Interaction: 600,
      Session: 8 * 3600,
      Grant: 8 * 3600,
    },
  };
  const provider = new Provider(issuer, configuration);
  const callback = provider.callback();
  const { signingKey } = settings;
  const publicKey = {
    kty: signingKey.kty,
    n: signingKey.n,
    e: signingKey.e,
    kid: signingKey.kid,
    alg: 'RS256',
  };
  const audiences = [webClientId, ...settings.scriptClients.map((client) => client.clientId)];
  return {
    issuer,
    audiences,
    verify: createTokenVerifier({ issuer, audiences, keys: createLocalJWKSet({ keys: [publicKey] }) }),
    handle: async (request, response) => {
      const path = new URL(request.url ?? '/', 'http://localhost').pathname;
      const interaction = /^\/auth\/interaction\/([\w-]+)(\/login)?$/.exec(path);
      if (interaction !== null) {
        await interact(provider, operators, request, response, interaction[2] !== undefined);
        return;
      }
      // oidc-provider expects to be mounted: it reads its own path from what is left after the mount point.
      const mounted = request as IncomingMessage & { originalUrl?: string };
      mounted.originalUrl = request.url ?? '/';
      request.url = (request.url ?? '/').slice(authPath.length) || '/';
      await callback(request, response);
    },
  };
}

// Cognito writes a person's groups into `cognito:groups` of both tokens; the local issuer does the same.
function personClaims(operator: LocalOperator) {
  return {
    'cognito:username': operator.username,
    'cognito:groups': operator.groups,
    email: `${operator.username}@localhost`,
  };
}

/** The sign-in page: checks the password, then finishes consent itself (the web app is first-party). */
async function interact(
  provider: Provider,
  operators: Map<string, LocalOperator>,
  request: IncomingMessage,
  response: ServerResponse,
  submitted: boolean,
): Promise<void> {
  const details = await provider.interactionDetails(request, response);
  const { uid, prompt, params, session } = details;
  if (prompt.name === 'consent') {
    const grant = details.grantId
      ? await provider.Grant.find(details.grantId)
      : new provider.Grant({ accountId: session?.accountId ?? '', clientId: String(params.client_id) });
    if (grant === undefined) throw new Error('the interaction names a grant that does not exist');
    const missing = prompt.details as {
      missingOIDCScope?: string[];
      missingOIDCClaims?: string[];
      missingResourceScopes?: Record<string, string[]>;
    };
    if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
    if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
    for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes ?? {})) {
      grant.addResourceScope(indicator, scopes.join(' '));
    }
    await provider.interactionFinished(request, response, { consent: { grantId: await grant.save() } });
    return;
  }
  if (!submitted || request.method !== 'POST') {
    page(response, 200, loginPage(uid));
    return;
  }
  const form = new URLSearchParams(await readForm(request));
  const operator = operators.get(form.get('username') ?? '');
  if (operator === undefined || !samePassword(form.get('password') ?? '', operator.password)) {
    page(response, 401, loginPage(uid, 'The user name or password is not right.'));
    return;
  }
  await provider.interactionFinished(
    request,
    response,
    { login: { accountId: operator.username } },
    { mergeWithLastSubmission: false },
  );
}

// Equal-length digests make the comparison constant-time whatever was typed.
function samePassword(given: string, expected: string): boolean {
  const digest = (text: string) => scryptSync(text, 'orders-local-issuer', 32);
  return timingSafeEqual(digest(given), digest(expected));
}

async function readForm(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > 16 * 1024) break;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function page(response: ServerResponse, statusCode: number, html: string): void {
  response.writeHead(statusCode, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
  });
  response.end(html);
}
