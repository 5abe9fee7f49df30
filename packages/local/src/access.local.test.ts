import { Access } from '@orders/core';
import { partnerAPayload } from '@orders/core/testing/orders';
import { accessOf, PartnerKeys, routes } from '@orders/functions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalApp, startLocalApp } from './app';
import { type TokenKinds, tokenKinds } from './testing/tokens';

// Issue 11's access matrix: every route × every kind of caller, over real HTTP against the local product,
// answers exactly as the one table in @orders/core/access says.

const keys = { 'partner-a': 'access-key-a', 'partner-b': 'access-key-b' };
let app: LocalApp;
let tokens: TokenKinds;
const ids = { submissionId: '', executionId: '', replayName: '' };

beforeAll(async () => {
  app = await startLocalApp({ keys: new PartnerKeys(Object.entries(keys)), port: 0 });
  tokens = await tokenKinds(app);
  const submitted = await fetch(`${app.url}/v1/partners/partner-a/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': keys['partner-a'] },
    body: JSON.stringify(partnerAPayload(1)),
  });
  ids.submissionId = ((await submitted.json()) as { accepted: { submissionId: string }[] }).accepted[0]
    ?.submissionId as string;
  await app.runtime.idle();
  const executions = await fetch(`${app.url}/v1/executions`, {
    headers: { authorization: `Bearer ${tokens.admin}` },
  });
  ids.executionId = ((await executions.json()) as { items: { executionArn: string }[] }).items[0]
    ?.executionArn as string;
  const replay = await fetch(`${app.url}/v1/replays`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.admin}` },
    body: JSON.stringify(replayRange()),
  });
  ids.replayName = ((await replay.json()) as { name: string }).name;
  await app.runtime.idle();
}, 120_000);
afterAll(() => app?.stop());

/** Each caller of the matrix: the headers it sends and the column of the table it falls in. */
const callers: Record<string, { kind: Access.CallerKind; headers: () => Record<string, string> }> = {
  'no credential': { kind: 'none', headers: () => ({}) },
  'partner-a’s key': { kind: 'own-key', headers: () => ({ 'x-api-key': keys['partner-a'] }) },
  'partner-b’s key': { kind: 'other-key', headers: () => ({ 'x-api-key': keys['partner-b'] }) },
  'an unknown key': { kind: 'bad-credential', headers: () => ({ 'x-api-key': 'not-a-key' }) },
  'an operator’s token': { kind: 'operator', headers: () => bearer(tokens.operator) },
  'an admin token': { kind: 'admin', headers: () => bearer(tokens.admin) },
  'a token without a role': { kind: 'no-role', headers: () => bearer(tokens.noRole) },
  'a forged token': { kind: 'bad-credential', headers: () => bearer(tokens.forged) },
  'an expired token': { kind: 'bad-credential', headers: () => bearer(tokens.expired) },
  'an alg: none token': { kind: 'bad-credential', headers: () => bearer(tokens.unsigned) },
  'a tampered token': { kind: 'bad-credential', headers: () => bearer(tokens.tampered) },
};

function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}

// What an admitted caller gets where it is not 200 for a read or 202 for a submission: reprocessing the
// accepted submission has nothing to do.
const allowedStatus: Record<string, number> = {
  'POST /v1/partners/{partnerId}/submissions/{submissionId}/reprocess': 200,
};

// The last minute of the archive: a replay that finds nothing to do.
function replayRange() {
  return { from: new Date(Date.now() - 60_000).toISOString(), to: new Date().toISOString() };
}

// What a POST sends: an order, or a replay's range.
const bodies: Record<string, () => unknown> = {
  'POST /v1/replays': replayRange,
};

// Routes whose listing needs a parameter to answer at all.
const requiredQuery: Record<string, string> = {
  'GET /v1/partners/{partnerId}/submissions': '?status=accepted',
};

// The finding parameters of the listings: each is held to the same column of the table as its route, whatever
// it filters on (a partner's key is refused the executions even when it filters on its own partner).
const findQueries = [
  ['GET', '/v1/partners/{partnerId}/orders', '?externalOrderId=A-1'],
  ['GET', '/v1/partners/{partnerId}/submissions', '?status=pending&from=2000-01-01T00:00:00Z'],
  ['GET', '/v1/partners/{partnerId}/errors', '?category=validation&code=type'],
  ['GET', '/v1/executions', '?outcome=accepted&partnerId=partner-a'],
] as const;

function pathOf(template: string, method = 'GET'): string {
  return template
    .replace('{partnerId}', 'partner-a')
    .replace('{submissionId}', ids.submissionId)
    .replace('{sequenceNumber}', '1')
    .replace('{executionId}', encodeURIComponent(ids.executionId))
    .replace('{replayName}', ids.replayName)
    .concat(requiredQuery[`${method} ${template}`] ?? '');
}

async function send(method: string, template: string, headers: Record<string, string>) {
  const response = await fetch(`${app.url}${pathOf(template, method)}`, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    ...(method === 'POST'
      ? {
          body: JSON.stringify(
            bodies[`${method} ${template}`]?.() ?? partnerAPayload(Math.floor(Math.random() * 1e9)),
          ),
        }
      : {}),
  });
  return { status: response.status, text: await response.text() };
}

describe('the access matrix', () => {
  const cells = routes.flatMap((route) =>
    Object.entries(callers).map(([caller, { kind }]) => {
      const outcome = Access.outcomes[accessOf(route)][kind];
      return [
        `${route.method} ${route.path}`,
        caller,
        outcome === 'allow' ? 'allows' : outcome,
        route,
      ] as const;
    }),
  );

  it.each(cells)('answers %s from %s as the table says: %s', async (_, caller, expected, route) => {
    const { status, text } = await send(route.method, route.path, callers[caller]?.headers() ?? {});
    const key = `${route.method} ${route.path}`;
    if (expected === 'allows')
      expect({ status, text }).toEqual({
        status: allowedStatus[key] ?? (route.method === 'POST' ? 202 : 200),
        text,
      });
    else expect({ status, text }).toEqual({ status: expected, text });
  });

  const findCells = findQueries.flatMap(([method, path, query]) =>
    Object.entries(callers).map(([caller, { kind }]) => {
      const outcome = Access.outcomes[Access.routeAccess[`${method} ${path}`]][kind];
      return [`${method} ${path}${query}`, caller, outcome === 'allow' ? 'allows' : outcome] as const;
    }),
  );

  it.each(findCells)('answers %s from %s as the table says: %s', async (target, caller, expected) => {
    const [method = 'GET', pathAndQuery = ''] = target.split(' ');
    const { status, text } = await send(method, pathAndQuery, callers[caller]?.headers() ?? {});
    expect({ status, text }).toEqual({ status: expected === 'allows' ? 200 : expected, text });
  });

  it('covers every route of the API and every column of the table', () => {
    expect(new Set(routes.map((route) => `${route.method} ${route.path}`))).toEqual(
      new Set(Object.keys(Access.routeAccess)),
    );
    expect(new Set(Object.values(callers).map(({ kind }) => kind))).toEqual(new Set(Access.callerKinds));
  });
});

describe('refusals', () => {
  it('answer requests without credentials while the table cannot be read at all', async () => {
    // A frozen DynamoDB Local answers no request: a handler that read before refusing would hang here.
    const pid = app.runtime.engine.pid;
    if (pid === undefined) throw new Error('DynamoDB Local has no process id');
    process.kill(pid, 'SIGSTOP');
    try {
      const answers = await Promise.all(
        routes.map(async (route) => (await send(route.method, route.path, {})).status),
      );
      // Only the public description answers, as it reads nothing.
      expect(answers).toEqual(routes.map((route) => (accessOf(route) === 'public' ? 200 : 401)));
      const wrongPartner = await send('GET', '/v1/partners/{partnerId}/orders', {
        'x-api-key': keys['partner-b'],
      });
      expect(wrongPartner.status).toBe(403);
    } finally {
      process.kill(pid, 'SIGCONT');
    }
  });

  it('check a submission id’s shape before looking it up', async () => {
    const { status, text } = await send('GET', '/v1/partners/partner-a/submissions/%2E%2E%2Fx', {
      'x-api-key': keys['partner-a'],
    });
    expect(status).toBe(400);
    expect(JSON.parse(text)).toMatchObject({ error: { code: 'invalid_submission_id' } });
  });
});

describe('the local issuer', () => {
  it('publishes its discovery document with the JWKS, code + PKCE and client credentials', async () => {
    const discovery = (await (
      await fetch(`${app.url}/auth/.well-known/openid-configuration`)
    ).json()) as Record<string, unknown>;
    expect(discovery).toMatchObject({
      issuer: `${app.url}/auth`,
      jwks_uri: `${app.url}/auth/.well-known/jwks.json`,
      code_challenge_methods_supported: ['S256'],
      grant_types_supported: expect.arrayContaining(['authorization_code', 'client_credentials']),
    });
    const jwks = (await (await fetch(String(discovery.jwks_uri))).json()) as {
      keys: Record<string, unknown>[];
    };
    expect(jwks.keys).toEqual([expect.objectContaining({ kty: 'RSA', kid: app.auth.signingKey.kid })]);
    expect(jwks.keys[0]).not.toHaveProperty('d');
  });

  it('puts cognito:groups in a signed-in person’s token and orders/<role> scopes in a script’s', () => {
    const claims = (token: string) =>
      JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString());
    expect(claims(tokens.operator)).toMatchObject({
      'cognito:groups': ['operator'],
      client_id: 'orders-web',
    });
    expect(claims(tokens.admin)).toMatchObject({ scope: 'orders/admin', client_id: 'script-admin' });
  });
});
