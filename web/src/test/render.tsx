import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { afterEach, vi } from 'vitest';
import { saveSession } from '../auth';

// Vitest runs without globals here, so Testing Library cannot register its own cleanup.
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  window.sessionStorage.clear();
  window.location.hash = '';
});

/** Renders with a fresh QueryClient, so no test sees another test's cache; failures are not retried. */
export function renderWithClient(ui: ReactElement) {
  const client = new QueryClient({
    defaultOptions: { queries: { retry: false }, mutations: { retry: false } },
  });
  return { client, ...render(<QueryClientProvider client={client}>{ui}</QueryClientProvider>) };
}

/** An operator's session as the sign-in leaves it; the fake API does not check the token. */
export function signedIn(user = 'operator'): void {
  saveSession({ accessToken: 'test-token', expiresAt: Date.now() + 3_600_000, user });
}
