import { useQuery } from '@tanstack/react-query';
import { useEffect, useSyncExternalStore } from 'react';
import { currentSession, type Session, signIn, signOut } from './auth';
import { Dashboard } from './components/dashboard';
import { ErrorsView } from './components/errors-view';
import { ExecutionDetail } from './components/execution-detail';
import { ExecutionsView } from './components/executions-view';
import { Header } from './components/header';
import { OrderDetail } from './components/order-detail';
import { OrdersView } from './components/orders-view';
import { Empty, ErrorMessage, Loading } from './components/query-state';
import { SearchView } from './components/search-view';
import { SubmissionStatus } from './components/submission-status';
import { SubmissionsView } from './components/submissions-view';
import { SubmitForm } from './components/submit-form';
import { partnersQuery } from './queries/partners';
import { type SubmissionStatusName, submissionStatusNames } from './queries/submissions';
import { href, navigate, type Route, useHashLocation } from './router';
import type { Partner } from './types';

// Compared by token, so a re-read of the same session is no change.
let lastSession: Session | undefined;
function readSession(): Session | undefined {
  const session = currentSession();
  if (session?.accessToken !== lastSession?.accessToken) lastSession = session;
  return lastSession;
}
function subscribeSession(notify: () => void): () => void {
  window.addEventListener('orders-session', notify);
  window.addEventListener('storage', notify);
  return () => {
    window.removeEventListener('orders-session', notify);
    window.removeEventListener('storage', notify);
  };
}

/** The signed-in operator, kept current across sign-in, sign-out and a refused token. */
export function useSession(): Session | undefined {
  return useSyncExternalStore(subscribeSession, readSession);
}

export function App() {
  const session = useSession();
  if (session === undefined) return <SignIn />;
  return <SignedIn user={session.user} />;
}

/** What a signed-out visitor sees: no data, only the way in. */
function SignIn() {
  return (
    <main className="main sign-in">
      <h1>Order ingestion</h1>
      <p>Operators sign in to see partners, orders, errors and executions.</p>
      <button type="button" onClick={() => void signIn()}>
        Sign in
      </button>
    </main>
  );
}

function SignedIn({ user }: { user: string }) {
  const location = useHashLocation();
  const partners = useQuery(partnersQuery());
  const requested = location.query.get('partner') ?? undefined;
  const partnerId = requested ?? partners.data?.[0]?.id;
  const partner = partners.data?.find((entry) => entry.id === partnerId);

  // Put the default partner into the address, so every link and reload keeps it.
  useEffect(() => {
    if (requested === undefined && partnerId !== undefined) {
      navigate(href(location.path === '/' ? '/dashboard' : location.path, partnerId), { replace: true });
    }
  }, [requested, partnerId, location.path]);

  const switchPartner = (next: string) => {
    // A sequence number belongs to one partner, so an order page goes back to the list.
    const path = location.route.name === 'order' ? '/orders' : location.path;
    navigate(href(path, next));
  };

  return (
    <>
      <Header
        route={location.route}
        partners={partners.data}
        partnerId={partnerId}
        onPartnerChange={switchPartner}
        user={user}
        onSignOut={() => void signOut()}
        searchTerm={location.route.name === 'search' ? (location.query.get('q') ?? '') : undefined}
      />
      <main className="main">
        {partners.isError && (
          <ErrorMessage
            error={partners.error}
            title="Could not load partners"
            onRetry={() => partners.refetch()}
          />
        )}
        <View
          route={location.route}
          query={location.query}
          partnerId={partnerId}
          partner={partner}
          partners={partners.data}
          partnersLoading={partners.isPending}
        />
      </main>
    </>
  );
}

function View({
  route,
  query,
  partnerId,
  partner,
  partners,
  partnersLoading,
}: {
  route: Route;
  query: URLSearchParams;
  partnerId: string | undefined;
  partner: Partner | undefined;
  partners: Partner[] | undefined;
  partnersLoading: boolean;
}) {
  switch (route.name) {
    case 'search':
      // Partners first: a term is tried for each of them.
      if (partnersLoading) return <Loading label="Loading partners…" />;
      return (
        <SearchView
          term={query.get('q') ?? ''}
          partnerId={partnerId}
          partnerIds={(partners ?? []).map((entry) => entry.id)}
        />
      );
    case 'dashboard':
      return <Dashboard partnerId={partnerId} />;
    case 'executions':
      return <ExecutionsView partnerId={partnerId} />;
    case 'execution':
      return <ExecutionDetail executionArn={route.executionArn} partnerId={partnerId} />;
    case 'not-found':
      return (
        <Empty>
          There is no page at <code>{route.path}</code>.{' '}
          <a href={href('/dashboard', partnerId)}>Go to the dashboard</a>
        </Empty>
      );
  }
  // The remaining views belong to one partner.
  if (partnersLoading) return <Loading label="Loading partners…" />;
  if (partner === undefined) {
    return partnerId === undefined ? (
      <Empty>No partners are registered.</Empty>
    ) : (
      <Empty>
        Unknown partner <code>{partnerId}</code>. Pick one in the partner list.
      </Empty>
    );
  }
  switch (route.name) {
    case 'orders':
      return <OrdersView key={partner.id} partnerId={partner.id} />;
    case 'order':
      return <OrderDetail partnerId={partner.id} sequenceNumber={route.sequenceNumber} />;
    case 'errors':
      return <ErrorsView key={partner.id} partnerId={partner.id} />;
    case 'submissions':
      return (
        <SubmissionsView
          key={partner.id}
          partnerId={partner.id}
          initialStatus={statusFrom(query.get('status'))}
        />
      );
    case 'submission':
      return (
        <section aria-labelledby="submission-title">
          <div className="view-header">
            <h2 id="submission-title">Submission</h2>
          </div>
          <ul className="submissions">
            <SubmissionStatus
              partnerId={partner.id}
              submissionId={route.submissionId}
              externalOrderId={null}
            />
          </ul>
        </section>
      );
    case 'submit':
      return <SubmitForm key={partner.id} partner={partner} />;
  }
}

function statusFrom(text: string | null): SubmissionStatusName | undefined {
  return submissionStatusNames.find((name) => name === text);
}
