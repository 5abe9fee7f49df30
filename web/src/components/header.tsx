import { href, type Route } from '../router';
import type { Partner } from '../types';
import { PartnerSwitcher } from './partner-switcher';
import { SearchBox } from './search-box';

const sections = [
  { path: '/dashboard', label: 'Dashboard', routes: ['dashboard'] },
  { path: '/orders', label: 'Orders', routes: ['orders', 'order'] },
  { path: '/submissions', label: 'Submissions', routes: ['submissions', 'submission'] },
  { path: '/errors', label: 'Errors', routes: ['errors'] },
  { path: '/submit', label: 'Submit', routes: ['submit'] },
  { path: '/executions', label: 'Executions', routes: ['executions', 'execution'] },
] as const;

export function Header({
  route,
  partners,
  partnerId,
  onPartnerChange,
  user,
  onSignOut,
  searchTerm,
}: {
  route: Route;
  partners: Partner[] | undefined;
  partnerId: string | undefined;
  onPartnerChange: (partnerId: string) => void;
  user?: string;
  onSignOut?: () => void;
  /** The term of the search being shown, kept in the box. */
  searchTerm?: string | undefined;
}) {
  return (
    <header className="topbar">
      <a className="brand" href={href('/dashboard', partnerId)}>
        Order ingestion
      </a>
      <nav className="nav" aria-label="Main">
        {sections.map((section) => {
          const active = (section.routes as readonly string[]).includes(route.name);
          return (
            <a
              key={section.path}
              href={href(section.path, partnerId)}
              aria-current={active ? 'page' : undefined}
            >
              {section.label}
            </a>
          );
        })}
      </nav>
      <SearchBox key={searchTerm ?? ''} partnerId={partnerId} initial={searchTerm ?? ''} />
      <div className="partner-picker">
        <span aria-hidden="true">Partner</span>
        <PartnerSwitcher partners={partners} value={partnerId} onChange={onPartnerChange} />
      </div>
      {user !== undefined && (
        <div className="session">
          <span>
            Signed in as <strong>{user}</strong>
          </span>
          <button type="button" onClick={onSignOut}>
            Sign out
          </button>
        </div>
      )}
    </header>
  );
}
