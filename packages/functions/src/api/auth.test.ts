import { Access } from '@orders/core';
import { createLocalJWKSet, exportJWK, generateKeyPair, type JWTPayload, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { admit } from './auth';
import { HttpError, type HttpEvent } from './http';
import { toHttpEvent } from './http-event';
import { PartnerKeys } from './keys';
import { createTokenVerifier } from './token';

const issuer = 'http://localhost:3000/auth';
const keys = new PartnerKeys([
  ['partner-a', 'key-a'],
  ['partner-b', 'key-b'],
]);
const signing = await generateKeyPair('RS256');
const stranger = await generateKeyPair('RS256');
const publicJwk = { ...(await exportJWK(signing.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
const tokens = createTokenVerifier({
  issuer,
  audiences: ['orders-web'],
  keys: createLocalJWKSet({ keys: [publicJwk] }),
});

function sign(claims: JWTPayload, key = signing.privateKey, expiresIn: number | string = '5m') {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
    .setIssuer(issuer)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(key);
}

function event(routeKey: string, headers: Record<string, string>, partnerId = 'partner-a'): HttpEvent {
  return toHttpEvent({
    method: 'GET',
    routeKey,
    path: '/',
    headers,
    pathParameters: {
      partnerId,
      submissionId: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
      sequenceNumber: '1',
      executionId: 'x',
    },
  });
}

async function statusOf(request: HttpEvent): Promise<Access.Outcome> {
  try {
    await admit(request, { keys, tokens });
    return 'allow';
  } catch (error) {
    if (error instanceof HttpError && (error.statusCode === 401 || error.statusCode === 403))
      return error.statusCode;
    throw error;
  }
}

const header = (token: string) => ({ authorization: `Bearer ${token}` });
const operatorToken = await sign({ sub: 'u1', client_id: 'orders-web', 'cognito:groups': ['operator'] });
const adminToken = await sign({ sub: 's1', client_id: 'orders-web', scope: 'orders/admin' });
const callers: Record<Access.CallerKind, Record<string, string>> = {
  none: {},
  'own-key': { 'x-api-key': 'key-a' },
  'other-key': { 'x-api-key': 'key-b' },
  operator: header(operatorToken),
  admin: header(adminToken),
  'no-role': header(await sign({ sub: 'u2', client_id: 'orders-web' })),
  'bad-credential': { 'x-api-key': 'not-a-key' },
};

describe('admit', () => {
  const cells = Object.entries(Access.routeAccess).flatMap(([routeKey, access]) =>
    Access.callerKinds.map((kind) => [routeKey, kind, Access.outcomes[access][kind]] as const),
  );
  it.each(cells)(
    'answers %s for a caller with %s as the table says (%s)',
    async (routeKey, kind, outcome) => {
      expect(await statusOf(event(routeKey, callers[kind]))).toBe(outcome);
    },
  );

  const orders = 'GET /v1/partners/{partnerId}/orders';
  it('refuses a token signed by another key with the same key id', async () => {
    const forged = await sign(
      { sub: 'u1', client_id: 'orders-web', scope: 'orders/admin' },
      stranger.privateKey,
    );
    expect(await statusOf(event(orders, header(forged)))).toBe(401);
  });

  it('refuses an expired token', async () => {
    const expired = await sign(
      { sub: 'u1', client_id: 'orders-web', scope: 'orders/admin' },
      signing.privateKey,
      '-1m',
    );
    expect(await statusOf(event(orders, header(expired)))).toBe(401);
  });

  it('refuses an unsigned token (alg: none)', async () => {
    const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
    const now = Math.floor(Date.now() / 1000);
    const unsigned = `${encode({ alg: 'none', typ: 'JWT' })}.${encode({ iss: issuer, sub: 'u1', client_id: 'orders-web', scope: 'orders/admin', iat: now, exp: now + 300 })}.`;
    expect(await statusOf(event(orders, header(unsigned)))).toBe(401);
  });

  it('refuses a token issued for another client', async () => {
    const other = await sign({ sub: 'u1', client_id: 'someone-else', scope: 'orders/admin' });
    expect(await statusOf(event(orders, header(other)))).toBe(401);
  });

  it('refuses a request that carries both a key and a token', async () => {
    expect(await statusOf(event(orders, { 'x-api-key': 'key-a', ...header(adminToken) }))).toBe(401);
  });

  it('trusts the claims API Gateway’s authorizer filled in, groups written as [a b]', async () => {
    const request = event('GET /v1/stats', {});
    request.requestContext.authorizer = {
      jwt: { claims: { sub: 'u1', 'cognito:groups': '[viewers operator]' }, scopes: null },
    };
    expect(await statusOf(request)).toBe('allow');
  });

  it('checks a submission id’s shape before anything is looked up', async () => {
    const request = event('GET /v1/partners/{partnerId}/submissions/{submissionId}', {
      'x-api-key': 'key-a',
    });
    request.pathParameters = { partnerId: 'partner-a', submissionId: '../../etc' };
    await expect(admit(request, { keys, tokens })).rejects.toMatchObject({
      statusCode: 400,
      code: 'invalid_submission_id',
    });
  });
});
