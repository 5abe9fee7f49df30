/**
 * Who may do what: the one table of access rules. The API's handlers enforce it (through `decide`), the
 * stacks put API Gateway's JWT authorizer in front of the routes it reserves for operators, the README lists
 * it, and the access-matrix test walks every cell of it over real HTTP.
 */

/** What a route needs from its caller. */
export type RouteAccess =
  /** A partner's own act: only that partner's key. Operators do not submit as partners. */
  | 'partner-submit'
  /** A partner's data: that partner's key, or any operator. */
  | 'partner-read'
  /** Everything across partners: operators only. */
  | 'operator-read'
  /** Operator actions that change things (replay, redrive, reprocess): the `admin` role only. */
  | 'admin-action'
  /** Open to anyone, whatever credential it carries or lacks (the API's own description). */
  | 'public';

/** Who is calling, relative to the partner in the path. */
export type CallerKind =
  | 'none'
  /** The key of the partner named in the path. */
  | 'own-key'
  /** A valid key of any other partner. */
  | 'other-key'
  /** A valid operator token with the `operator` role. */
  | 'operator'
  /** A valid operator token with the `admin` role. */
  | 'admin'
  /** A valid token that carries neither role: signed in, but not allowed anything. */
  | 'no-role'
  /** An unknown key, or a token that is malformed, forged, expired, for another audience or `alg: none`. */
  | 'bad-credential';

export type Outcome = 'allow' | 401 | 403;

export const callerKinds = [
  'none',
  'own-key',
  'other-key',
  'operator',
  'admin',
  'no-role',
  'bad-credential',
] as const satisfies readonly CallerKind[];

/** The answer for each kind of caller on each kind of route. */
export const outcomes = {
  'partner-submit': {
    none: 401,
    'own-key': 'allow',
    'other-key': 403,
    operator: 403,
    admin: 403,
    'no-role': 403,
    'bad-credential': 401,
  },
  'partner-read': {
    none: 401,
    'own-key': 'allow',
    'other-key': 403,
    operator: 'allow',
    admin: 'allow',
    'no-role': 403,
    'bad-credential': 401,
  },
  'operator-read': {
    none: 401,
    'own-key': 403,
    'other-key': 403,
    operator: 'allow',
    admin: 'allow',
    'no-role': 403,
    'bad-credential': 401,
  },
  'admin-action': {
    none: 401,
    'own-key': 403,
    'other-key': 403,
    operator: 403,
    admin: 'allow',
    'no-role': 403,
    'bad-credential': 401,
  },
  public: {
    none: 'allow',
    'own-key': 'allow',
    'other-key': 'allow',
    operator: 'allow',
    admin: 'allow',
    'no-role': 'allow',
    'bad-credential': 'allow',
  },
} as const satisfies Record<RouteAccess, Record<CallerKind, Outcome>>;

/** Every route of the HTTP API and what it needs; `METHOD /path` as API Gateway writes route keys. */
export const routeAccess = {
  'POST /v1/partners/{partnerId}/orders': 'partner-submit',
  'GET /v1/partners/{partnerId}/submissions/{submissionId}': 'partner-read',
  'GET /v1/partners/{partnerId}/submissions': 'partner-read',
  'POST /v1/partners/{partnerId}/submissions/{submissionId}/reprocess': 'admin-action',
  'GET /v1/partners/{partnerId}/orders': 'partner-read',
  'GET /v1/partners/{partnerId}/orders/{sequenceNumber}': 'partner-read',
  'GET /v1/partners/{partnerId}/errors': 'partner-read',
  'GET /v1/partners': 'operator-read',
  'GET /v1/stats': 'operator-read',
  'GET /v1/stats/timeseries': 'operator-read',
  'GET /v1/executions': 'operator-read',
  'GET /v1/executions/{executionId}': 'operator-read',
  'POST /v1/replays': 'admin-action',
  // Reading a replay's progress changes nothing: operators may watch what an admin started.
  'GET /v1/replays/{replayName}': 'operator-read',
  'GET /v1/openapi.json': 'public',
} as const satisfies Record<string, RouteAccess>;

export type AccessRouteKey = keyof typeof routeAccess;

/**
 * Whether API Gateway's JWT authorizer stands in front of routes of this kind. Routes a partner key may use
 * cannot have it (the gateway would refuse the key before the handler saw it), so there the handler verifies
 * a bearer token itself, with the same verification.
 */
export function needsJwtAuthorizer(access: RouteAccess): boolean {
  return access === 'operator-read' || access === 'admin-action';
}

/** The roles an operator token may carry, from Cognito groups or, for script clients, scopes. */
export const operatorRoles = ['operator', 'admin'] as const;
export type OperatorRole = (typeof operatorRoles)[number];

/** The resource server's name: a script client's scopes are `orders/operator` and `orders/admin`. */
export const resourceServer = 'orders';

/** The roles an operator token grants: Cognito groups (`cognito:groups`) and `orders/<role>` scopes. */
export function rolesOf(groups: readonly string[], scopes: readonly string[]): Set<OperatorRole> {
  const roles = new Set<OperatorRole>();
  for (const role of operatorRoles) {
    if (groups.includes(role) || scopes.includes(`${resourceServer}/${role}`)) roles.add(role);
  }
  return roles;
}

/** The caller as the API has established it, before it is compared with the path. */
export type Caller =
  | { kind: 'none' }
  | { kind: 'partner'; partnerId: string }
  | { kind: 'operator'; subject: string; roles: ReadonlySet<OperatorRole> }
  /** An unknown key or a token that did not verify; `code` and `message` say which. */
  | { kind: 'bad-credential'; code: string; message: string };

/** Which column of the table a caller falls in, for a route naming `pathPartnerId` (if any). */
export function callerKind(caller: Caller, pathPartnerId: string | undefined): CallerKind {
  switch (caller.kind) {
    case 'none':
    case 'bad-credential':
      return caller.kind;
    case 'partner':
      return caller.partnerId === pathPartnerId ? 'own-key' : 'other-key';
    case 'operator':
      if (caller.roles.has('admin')) return 'admin';
      return caller.roles.has('operator') ? 'operator' : 'no-role';
  }
}

export type Decision =
  | { allowed: true }
  | { allowed: false; status: 401 | 403; code: string; message: string };

const refusals: Record<
  Exclude<CallerKind, 'own-key' | 'bad-credential'>,
  { code: string; message: string }
> = {
  none: {
    code: 'missing_credentials',
    message: 'send a partner API key in x-api-key or an operator token in Authorization: Bearer',
  },
  'other-key': { code: 'wrong_partner', message: 'this API key cannot act for the partner in the path' },
  operator: { code: 'forbidden', message: 'this route is not open to your role' },
  admin: { code: 'forbidden', message: 'this route is not open to your role' },
  'no-role': { code: 'no_role', message: 'the token carries neither the operator nor the admin role' },
};

/** The table's answer for one caller on one route. */
export function decide(access: RouteAccess, caller: Caller, pathPartnerId: string | undefined): Decision {
  const kind = callerKind(caller, pathPartnerId);
  const outcome: Outcome = outcomes[access][kind];
  if (outcome === 'allow') return { allowed: true };
  if (kind === 'bad-credential') {
    const { code, message } = caller as Extract<Caller, { kind: 'bad-credential' }>;
    return { allowed: false, status: outcome, code, message };
  }
  if (kind === 'own-key' || kind === 'other-key') {
    if (access === 'operator-read' || access === 'admin-action') {
      return {
        allowed: false,
        status: outcome,
        code: 'operators_only',
        message: 'this route is for operators: send an operator token, not a partner key',
      };
    }
  }
  if (kind === 'own-key') return { allowed: false, status: outcome, ...refusals.operator };
  if (kind === 'none' && access === 'partner-submit') {
    return {
      allowed: false,
      status: outcome,
      code: 'missing_api_key',
      message: 'send your API key in x-api-key',
    };
  }
  if ((kind === 'operator' || kind === 'admin') && access === 'partner-submit') {
    return {
      allowed: false,
      status: outcome,
      code: 'operators_do_not_submit',
      message: 'orders are submitted with the partner’s own API key, not an operator token',
    };
  }
  return { allowed: false, status: outcome, ...refusals[kind] };
}
