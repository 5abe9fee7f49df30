import * as Access from '@orders/core/access/rules';

/** The API's routes, declared once: the Api stack creates them and the local server matches them. */
export const routes = [
  { method: 'POST', path: '/v1/partners/{partnerId}/orders', handler: 'feed' },
  { method: 'GET', path: '/v1/partners/{partnerId}/submissions/{submissionId}', handler: 'query' },
  { method: 'GET', path: '/v1/partners/{partnerId}/submissions', handler: 'query' },
  {
    method: 'POST',
    path: '/v1/partners/{partnerId}/submissions/{submissionId}/reprocess',
    handler: 'operate',
  },
  { method: 'GET', path: '/v1/partners/{partnerId}/orders', handler: 'query' },
  { method: 'GET', path: '/v1/partners/{partnerId}/orders/{sequenceNumber}', handler: 'query' },
  { method: 'GET', path: '/v1/partners/{partnerId}/errors', handler: 'query' },
  { method: 'GET', path: '/v1/partners', handler: 'query' },
  { method: 'GET', path: '/v1/stats', handler: 'query' },
  { method: 'GET', path: '/v1/stats/timeseries', handler: 'query' },
  { method: 'GET', path: '/v1/executions', handler: 'query' },
  { method: 'GET', path: '/v1/executions/{executionId}', handler: 'query' },
  { method: 'POST', path: '/v1/replays', handler: 'operate' },
  { method: 'GET', path: '/v1/replays/{replayName}', handler: 'operate' },
  { method: 'GET', path: '/v1/openapi.json', handler: 'query' },
] as const;

export type Route = (typeof routes)[number];
// Distributes over the routes, so a key pairs each route's own method and path.
type KeyOf<R> = R extends Route ? `${R['method']} ${R['path']}` : never;
export type RouteKey = KeyOf<Route>;

// Every route has a rule in the access table, and the table names no route the API lacks.
type Unruled = Exclude<RouteKey, Access.AccessRouteKey> | Exclude<Access.AccessRouteKey, RouteKey>;
const everyRouteHasARule: [Unruled] extends [never] ? true : never = true;
void everyRouteHasARule;

/** What a route needs from its caller, from the access table. */
export function accessOf(route: Route): Access.RouteAccess {
  return Access.routeAccess[`${route.method} ${route.path}` as RouteKey];
}

/** Whether API Gateway's JWT authorizer guards the route (the Api stack attaches it, the local server mimics it). */
export function hasJwtAuthorizer(route: Route): boolean {
  return Access.needsJwtAuthorizer(accessOf(route));
}

export interface RouteMatch {
  route: Route;
  routeKey: RouteKey;
  pathParameters: Record<string, string>;
}

/** Matches a request the way API Gateway does: same segment count, `{name}` takes one whole segment. */
export function matchRoute(method: string, path: string): RouteMatch | undefined {
  const segments = path.split('/');
  for (const route of routes) {
    if (route.method !== method) continue;
    const pattern = route.path.split('/');
    if (pattern.length !== segments.length) continue;
    const pathParameters: Record<string, string> = {};
    const matched = pattern.every((part, i) => {
      const segment = segments[i] ?? '';
      if (part.startsWith('{') && part.endsWith('}')) {
        const value = decodeSegment(segment);
        if (value === undefined || value === '') return false;
        pathParameters[part.slice(1, -1)] = value;
        return true;
      }
      return part === segment;
    });
    if (matched) return { route, routeKey: `${route.method} ${route.path}` as RouteKey, pathParameters };
  }
  return undefined;
}

// A segment with malformed percent-encoding (`%ZZ`, a cut UTF-8 sequence) names nothing, so it matches no route.
function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
