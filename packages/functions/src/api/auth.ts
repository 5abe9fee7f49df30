import * as Access from '@orders/core/access/rules';
import { SubmissionIdParameter } from '@orders/core/contract/http';
import type { Partner } from '@orders/core/partner/partner';
import { getPartner } from '@orders/core/partner/registry';
import * as v from 'valibot';
import { HttpError, type HttpEvent, header } from './http';
import type { KeySource } from './secret-keys';
import { claimList, type JwtAuthorizerContext, type TokenVerifier } from './token';

/** What `admit` needs: the partners' keys, and a verifier for bearer tokens on routes without the authorizer. */
export interface AccessDependencies {
  keys: KeySource;
  tokens?: TokenVerifier;
  /** Brings the partner registry up to date before the request is decided (on AWS, from SSM). */
  partners?: () => Promise<unknown>;
}

/** The caller a route admitted: anyone at all on a public route. */
export type Admitted = Exclude<Access.Caller, { kind: 'bad-credential' }>;

/**
 * The one access check every API handler runs first: establishes the caller from `x-api-key` or the
 * operator's token, answers as the table in `@orders/core/access` says (401/403), and checks the shape of
 * ids in the path, all before anything is read from the table.
 */
export async function admit(event: HttpEvent, deps: AccessDependencies): Promise<Admitted> {
  const access: Access.RouteAccess | undefined = Access.routeAccess[event.routeKey as Access.AccessRouteKey];
  if (access === undefined) throw new HttpError(404, 'not_found', `no route ${event.routeKey}`);
  await deps.partners?.();
  // A public route looks at no credential, so a stale key or token does not keep anyone from it.
  if (access === 'public') return { kind: 'none' };
  const caller = await identify(event, deps);
  const decision = Access.decide(access, caller, event.pathParameters?.partnerId);
  if (!decision.allowed) throw new HttpError(decision.status, decision.code, decision.message);
  const submissionId = event.pathParameters?.submissionId;
  if (submissionId !== undefined && !v.is(SubmissionIdParameter, submissionId)) {
    throw new HttpError(400, 'invalid_submission_id', 'a submission id is a UUID, as the feed answered it');
  }
  return caller as Admitted;
}

async function identify(event: HttpEvent, deps: AccessDependencies): Promise<Access.Caller> {
  const key = header(event, 'x-api-key');
  const authorization = header(event, 'authorization');
  const hasKey = key !== undefined && key !== '';
  const hasToken = event.requestContext.authorizer?.jwt !== undefined || authorization !== undefined;
  if (hasKey && hasToken) {
    return bad('ambiguous_credentials', 'send either an API key or a bearer token, not both');
  }
  if (hasToken)
    return operatorOf(event.requestContext.authorizer?.jwt ?? (await verify(authorization, deps)));
  if (!hasKey) return { kind: 'none' };
  const partnerId = (await deps.keys.current()).authenticate(key);
  if (partnerId === undefined || getPartner(partnerId) === undefined) {
    return bad('invalid_api_key', 'the API key is not valid');
  }
  return { kind: 'partner', partnerId };
}

async function verify(
  authorization: string | undefined,
  deps: AccessDependencies,
): Promise<JwtAuthorizerContext | undefined> {
  const match = /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(authorization ?? '');
  if (match?.[1] === undefined || deps.tokens === undefined) return undefined;
  return deps.tokens(match[1]);
}

function operatorOf(jwt: JwtAuthorizerContext | undefined): Access.Caller {
  if (jwt === undefined) return bad('invalid_token', 'the bearer token is not valid');
  const groups = claimList(jwt.claims['cognito:groups']);
  const scopes = jwt.scopes ?? claimList(jwt.claims.scope);
  const subject = jwt.claims.username ?? jwt.claims.sub ?? jwt.claims.client_id ?? '';
  return { kind: 'operator', subject, roles: Access.rolesOf(groups, scopes) };
}

function bad(code: string, message: string): Access.Caller {
  return { kind: 'bad-credential', code, message };
}

/** The registered partner named in the path, or a 404. */
export function pathPartner(event: HttpEvent): Partner {
  const partnerId = event.pathParameters?.partnerId ?? '';
  const partner = getPartner(partnerId);
  if (partner === undefined)
    throw new HttpError(404, 'unknown_partner', `no partner is registered as ${partnerId}`);
  return partner;
}
