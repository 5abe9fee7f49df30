import { useQuery } from '@tanstack/react-query';
import { ApiError } from '../api';
import { formatDateTime, formatDuration, formatRelative } from '../format';
import { executionsQuery } from '../queries/executions';
import { executionHref } from '../router';
import { Empty, ErrorMessage, Loading } from './query-state';
import { StatusBadge } from './status-badge';

export function ExecutionsView({ partnerId }: { partnerId: string | undefined }) {
  const executions = useQuery(executionsQuery());

  return (
    <section aria-labelledby="executions-title">
      <div className="view-header">
        <h2 id="executions-title">Executions</h2>
        <p className="muted">Recent runs of the order workflow, newest first.</p>
      </div>
      {executions.isPending ? (
        <Loading label="Loading executions…" />
      ) : executions.isError ? (
        executions.error instanceof ApiError && executions.error.status === 404 ? (
          <Empty>
            This API keeps no execution history (only the local runtime does). On AWS, open the state machine
            in the Step Functions console.
          </Empty>
        ) : (
          <ErrorMessage
            error={executions.error}
            title="Could not load executions"
            onRetry={() => executions.refetch()}
          />
        )
      ) : executions.data.length === 0 ? (
        <Empty>No executions yet. Submit an order to start one.</Empty>
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="executions-table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Status</th>
                <th scope="col">Started</th>
                <th scope="col" className="num">
                  Duration
                </th>
              </tr>
            </thead>
            <tbody>
              {executions.data.map((execution) => (
                <tr key={execution.executionArn} data-testid="execution-row">
                  <td className="mono">
                    <a href={executionHref(execution.executionArn, partnerId)}>{execution.name}</a>
                  </td>
                  <td>
                    <StatusBadge status={execution.status} />
                  </td>
                  <td title={execution.startDate}>
                    {formatDateTime(execution.startDate)}{' '}
                    <span className="muted">({formatRelative(execution.startDate)})</span>
                  </td>
                  <td className="num">
                    {execution.stopDate
                      ? formatDuration(Date.parse(execution.stopDate) - Date.parse(execution.startDate))
                      : '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
