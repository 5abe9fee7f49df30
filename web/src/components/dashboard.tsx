import { useQuery } from '@tanstack/react-query';
import { formatCount, formatDateTime, formatPercent, formatRate } from '../format';
import { partnersQuery, STATS_REFRESH_MS, statsQuery } from '../queries/partners';
import { rejectionRate, useOrderRates } from '../rates';
import type { PartnerStats } from '../types';
import { Empty, ErrorMessage, Loading } from './query-state';
import { TrendCharts } from './trend-charts';

export function Dashboard({
  partnerId,
  refreshMs = STATS_REFRESH_MS,
}: {
  partnerId: string | undefined;
  refreshMs?: number;
}) {
  const stats = useQuery(statsQuery(refreshMs));
  const partners = useQuery(partnersQuery());
  const rates = useOrderRates(stats.data);

  if (stats.isPending) return <Loading label="Loading statistics…" />;
  if (stats.isError) return <ErrorMessage error={stats.error} title="Could not load statistics" />;

  const names = new Map(partners.data?.map((partner) => [partner.id, partner.name]));
  // The selected partner comes first; the rest keep the API's order.
  const rows = [...stats.data.partners].sort(
    (a, b) => Number(b.partnerId === partnerId) - Number(a.partnerId === partnerId),
  );

  return (
    <section aria-labelledby="dashboard-title">
      <div className="view-header">
        <h2 id="dashboard-title">Dashboard</h2>
        <p className="muted">
          Updated {formatDateTime(stats.data.generatedAt)}
          {stats.isRefetchError && ' · the last refresh failed, showing older numbers'}
        </p>
      </div>
      {rows.length === 0 ? (
        <Empty>No partners are registered.</Empty>
      ) : (
        <div className="partner-cards">
          {rows.map((row) => (
            <PartnerCard
              key={row.partnerId}
              stats={row}
              name={names.get(row.partnerId) ?? row.partnerId}
              selected={row.partnerId === partnerId}
              rate={rates?.[row.partnerId]}
            />
          ))}
        </div>
      )}
      <p className="muted small">
        Rejection rate: rejected ÷ (accepted + rejected + duplicates). Orders per minute: accepted orders
        between stats refreshes (every {Math.round(refreshMs / 1000)} s), averaged over the last minute.
      </p>
      <TrendCharts />
    </section>
  );
}

function PartnerCard({
  stats,
  name,
  selected,
  rate,
}: {
  stats: PartnerStats;
  name: string;
  selected: boolean;
  rate: number | undefined;
}) {
  const rejection = rejectionRate(stats);
  return (
    <article
      className={`card partner-card${selected ? ' partner-card-selected' : ''}`}
      data-testid={`partner-stats-${stats.partnerId}`}
      aria-label={`${name} statistics`}
    >
      <header className="card-header">
        <h3>{name}</h3>
        <code className="muted">{stats.partnerId}</code>
      </header>
      <dl className="stats">
        <Stat label="Accepted" testId="stat-accepted" value={formatCount(stats.accepted)} />
        <Stat label="Rejected" testId="stat-rejected" value={formatCount(stats.rejected)} />
        <Stat label="Duplicates" testId="stat-duplicates" value={formatCount(stats.duplicates)} />
        <Stat
          label="Rejection rate"
          testId="stat-rejection-rate"
          value={rejection === undefined ? '—' : formatPercent(rejection)}
        />
        <Stat label="Orders per minute" testId="stat-rate" value={formatRate(rate)} />
        <Stat
          label="Last sequence"
          testId="stat-last-sequence"
          value={stats.lastSequenceNumber > 0 ? `#${stats.lastSequenceNumber}` : '—'}
        />
      </dl>
    </article>
  );
}

function Stat({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="stat">
      <dt>{label}</dt>
      <dd data-testid={testId}>{value}</dd>
    </div>
  );
}
