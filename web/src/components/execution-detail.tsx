import { useQuery } from '@tanstack/react-query';
import { ApiError } from '../api';
import { formatDateTime, formatDuration, prettyJson } from '../format';
import { executionQuery } from '../queries/executions';
import { href } from '../router';
import { ExecutionTimeline } from './execution-timeline';
import { JsonView } from './json-view';
import { ErrorMessage, Loading } from './query-state';
import { StatusBadge } from './status-badge';

export function ExecutionDetail({
  executionArn,
  partnerId,
}: {
  executionArn: string;
  partnerId: string | undefined;
}) {
  const execution = useQuery(executionQuery(executionArn));
  const data = execution.data;

  return (
    <section aria-labelledby="execution-title">
      <p>
        <a href={href('/executions', partnerId)}>← Back to the list</a>
      </p>
      {execution.isPending ? (
        <Loading label="Loading execution…" />
      ) : execution.isError ? (
        <ErrorMessage
          error={execution.error}
          title={
            execution.error instanceof ApiError && execution.error.status === 404
              ? 'This execution is not in the history'
              : 'Could not load the execution'
          }
          onRetry={() => execution.refetch()}
        />
      ) : data ? (
        <>
          <div className="view-header">
            <h2 id="execution-title" className="execution-title">
              {data.name}
            </h2>
            <StatusBadge status={data.status} />
          </div>
          <dl className="card fields fields-row">
            <div>
              <dt>Started</dt>
              <dd title={data.startDate}>{formatDateTime(data.startDate)}</dd>
            </div>
            <div>
              <dt>Stopped</dt>
              <dd title={data.stopDate}>{data.stopDate ? formatDateTime(data.stopDate) : '—'}</dd>
            </div>
            <div>
              <dt>Duration</dt>
              <dd>
                {data.stopDate ? formatDuration(Date.parse(data.stopDate) - Date.parse(data.startDate)) : '—'}
              </dd>
            </div>
            <div className="wide">
              <dt>ARN</dt>
              <dd className="mono break">{data.executionArn}</dd>
            </div>
          </dl>
          {(data.error || data.cause) && (
            <div className="failure" role="alert" data-testid="execution-failure">
              <strong>{data.error ?? 'Failed'}</strong>
              {data.cause && <pre className="cause">{prettyJson(data.cause)}</pre>}
            </div>
          )}
          <div className="io">
            <JsonView label="Execution input" value={data.input} />
            <JsonView label="Execution output" value={data.output} />
          </div>
          <h3>Timeline</h3>
          <ExecutionTimeline execution={data} />
        </>
      ) : null}
    </section>
  );
}
