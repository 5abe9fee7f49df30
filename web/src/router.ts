// A dependency-free hash router: `#/orders/12?partner=partner-a`.
import { useMemo, useSyncExternalStore } from 'react';

export type Route =
  | { name: 'dashboard' }
  | { name: 'orders' }
  | { name: 'order'; sequenceNumber: number }
  | { name: 'errors' }
  | { name: 'submissions' }
  | { name: 'submission'; submissionId: string }
  | { name: 'search' }
  | { name: 'submit' }
  | { name: 'executions' }
  | { name: 'execution'; executionArn: string }
  | { name: 'not-found'; path: string };

export interface HashLocation {
  path: string;
  route: Route;
  query: URLSearchParams;
}

export function parseHash(hash: string): HashLocation {
  const raw = hash.replace(/^#/, '');
  const queryStart = raw.indexOf('?');
  const path = (queryStart === -1 ? raw : raw.slice(0, queryStart)) || '/';
  const query = new URLSearchParams(queryStart === -1 ? '' : raw.slice(queryStart + 1));
  return { path, route: matchRoute(path), query };
}

function matchRoute(path: string): Route {
  const segments = path.split('/').filter((segment) => segment !== '');
  const [section, id, ...rest] = segments.map(decodeSegment);
  if (rest.length > 0) return { name: 'not-found', path };
  switch (section) {
    case undefined:
    case 'dashboard':
      return id === undefined ? { name: 'dashboard' } : { name: 'not-found', path };
    case 'orders': {
      if (id === undefined) return { name: 'orders' };
      const sequenceNumber = Number(id);
      return Number.isSafeInteger(sequenceNumber) && sequenceNumber > 0
        ? { name: 'order', sequenceNumber }
        : { name: 'not-found', path };
    }
    case 'errors':
    case 'submit':
    case 'search':
      return id === undefined ? { name: section } : { name: 'not-found', path };
    case 'submissions':
      return id === undefined ? { name: 'submissions' } : { name: 'submission', submissionId: id };
    case 'executions':
      return id === undefined ? { name: 'executions' } : { name: 'execution', executionArn: id };
    default:
      return { name: 'not-found', path };
  }
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** A link target that keeps the selected partner: href('/orders/3', 'partner-a') → '#/orders/3?partner=partner-a'. */
export function href(
  path: string,
  partnerId?: string | undefined,
  query: Record<string, string> = {},
): string {
  const params = new URLSearchParams({ ...(partnerId ? { partner: partnerId } : {}), ...query });
  const text = params.toString();
  return text === '' ? `#${path}` : `#${path}?${text}`;
}

export function submissionHref(submissionId: string, partnerId?: string | undefined): string {
  return href(`/submissions/${encodeURIComponent(submissionId)}`, partnerId);
}

export function executionHref(executionArn: string, partnerId?: string | undefined): string {
  return href(`/executions/${encodeURIComponent(executionArn)}`, partnerId);
}

export function navigate(target: string, options: { replace?: boolean } = {}): void {
  if (options.replace) {
    // replaceState fires no hashchange, so tell the subscribers ourselves.
    window.history.replaceState(window.history.state, '', target);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else {
    window.location.hash = target;
  }
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

const getHash = () => window.location.hash;

export function useHashLocation(): HashLocation {
  const hash = useSyncExternalStore(subscribe, getHash, () => '');
  return useMemo(() => parseHash(hash), [hash]);
}
