import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError } from '../api';
import { formatDateTime, formatDuration, formatRelative } from '../format';
import { type ExecutionOutcomeName, executionOutcomeNames, executionsQuery } from '../queries/executions';
import { partnersQuery } from '../queries/partners';
import { executionHref, href, submissionHref } from '../router';
import { Empty, ErrorMessage, Loading } from './query-state';
import { StatusBadge } from './status-badge';

/** Recent executions with the order each ran for and what became of it, filtered by outcome and partner. */
export function ExecutionsView({ partnerId }: { partnerId: string | undefined }) {
  const [outcome, setOutcome] = useState<ExecutionOutcomeName | ''>('');
  const [partnerFilter, setPartnerFilter] = useState('');
  const partners = useQuery(partnersQuery());
  const executions = useQuery(
    executionsQuery({ outcome: outcome || undefined, partnerId: partnerFilter || undefined }),
  );
  const filtered = outcome !== '' || partnerFilter !== '';

  return (
    <section aria-labelledby="executions-title">
      <div className="view-header">
        <h2 id="executions-title">Executions</h2>
        <p className="muted">
          Recent runs of the order workflow, newest first, and what became of each order.
        </p>
      </div>
      <div className="toolbar toolbar-start">
        <label className="inline-field">
          Outcome
          <select
            value={outcome}
            onChange={(event) => setOutcome(event.target.value as ExecutionOutcomeName | '')}
          >
            <option value="">any</option>
            {executionOutcomeNames.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <label className="inline-field">
          Partner
          <select value={partnerFilter} onChange={(event) => setPartnerFilter(event.target.value)}>
            <option value="">any</option>
            {(partners.data ?? []).map((partner) => (
              <option key={partner.id} value={partner.id}>
                {partner.id}
              </option>
            ))}
          </select>
        </label>
      </div>
      {executions.isPending ? (
        <Loading label="Loading executions…" />
      ) : executions.isError ? (
        executions.error instanceof ApiError &&
        (executions.error.status === 404 || executions.error.status === 501) ? (
          <Empty>
            This stage keeps no execution history to list (an Express workflow logs to CloudWatch Logs
            instead).
          </Empty>
        ) : (
          <ErrorMessage
            error={executions.error}
            title="Could not load executions"
            onRetry={() => executions.refetch()}
          />
        )
      ) : executions.data.length === 0 ? (
        <Empty>
          {filtered
            ? 'No recent executions match these filters.'
            : 'No executions yet. Submit an order to start one.'}
        </Empty>
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="executions-table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Outcome</th>
                <th scope="col">Partner</th>
                <th scope="col">External id</th>
                <th scope="col">Submission</th>
                <th scope="col" className="num">
                  Number
                </th>
                <th scope="col">Started</th>
                <th scope="col" className="num">
                  Duration
                </th>
              </tr>
            </thead>
            <tbody>
              {executions.data.map((execution) => {
                const partner = execution.partnerId ?? partnerId;
                return (
                  <tr
                    key={execution.executionArn}
                    data-testid="execution-row"
                    data-outcome={execution.outcome}
                  >
                    <td className="mono">
                      <a href={executionHref(execution.executionArn, partner)} title={execution.name}>
                        {shortId(execution.name)}
                      </a>
                    </td>
                    <td title={execution.error}>
                      <StatusBadge status={execution.outcome} />
                      {execution.error ? <span className="muted"> {execution.error}</span> : null}
                    </td>
                    <td>{execution.partnerId ?? '—'}</td>
                    <td className="mono">{execution.externalOrderId ?? '—'}</td>
                    <td className="mono">
                      {execution.submissionId ? (
                        <a
                          href={submissionHref(execution.submissionId, partner)}
                          title={execution.submissionId}
                        >
                          {shortId(execution.submissionId)}
                        </a>
                      ) : (
                        '—'
                      )}
                    </td>
                    <td className="num">
                      {execution.sequenceNumber === undefined ? (
                        '—'
                      ) : (
                        <a href={href(`/orders/${execution.sequenceNumber}`, partner)}>
                          {execution.sequenceNumber}
                        </a>
                      )}
                    </td>
                    <td title={execution.startDate}>
                      {formatDateTime(execution.startDate)}{' '}
                      <span className="muted">({formatRelative(execution.startDate)})</span>
                    </td>
                    <td className="num">
                      {execution.durationMs === undefined ? '—' : formatDuration(execution.durationMs)}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

// Execution names and submission ids are UUIDs: their first group tells rows apart, the title has the rest.
function shortId(id: string): string {
  return /^[0-9a-f]{8}-[0-9a-f-]{27}$/i.test(id) ? `${id.slice(0, 8)}…` : id;
}
