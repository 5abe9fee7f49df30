import { formatDuration, prettyJson } from '../format';
import { type Failure, groupStateVisits, type StateVisit } from '../timeline';
import type { Execution } from '../types';
import { JsonView } from './json-view';
import { Empty } from './query-state';
import { StatusBadge } from './status-badge';

/** One row per state visit with its timing, retries, catches and failure, then the raw event log. */
export function ExecutionTimeline({ execution }: { execution: Execution }) {
  const visits = groupStateVisits(execution.events, execution);
  const start = Date.parse(execution.startDate);
  const end = execution.stopDate
    ? Date.parse(execution.stopDate)
    : Math.max(start, ...execution.events.map((event) => Date.parse(event.timestamp)));
  const span = Math.max(end - start, 1);

  if (visits.length === 0) return <Empty>No state has run yet.</Empty>;

  return (
    <>
      <ol className="timeline" aria-label="Timeline">
        {visits.map((visit, index) => (
          <TimelineRow key={visit.id} visit={visit} index={index} start={start} span={span} />
        ))}
      </ol>
      <details className="json">
        <summary>Event history ({execution.events.length} events)</summary>
        <table className="table table-compact">
          <thead>
            <tr>
              <th scope="col" className="num">
                Id
              </th>
              <th scope="col">Type</th>
              <th scope="col">State</th>
              <th scope="col" className="num">
                Elapsed
              </th>
              <th scope="col">Error</th>
            </tr>
          </thead>
          <tbody>
            {execution.events.map((event) => (
              <tr key={event.id}>
                <td className="num">{event.id}</td>
                <td>{event.type}</td>
                <td>{event.stateName ?? ''}</td>
                <td className="num">{formatDuration(Date.parse(event.timestamp) - start)}</td>
                <td className="mono">{event.error ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </>
  );
}

function TimelineRow({
  visit,
  index,
  start,
  span,
}: {
  visit: StateVisit;
  index: number;
  start: number;
  span: number;
}) {
  const offset = Date.parse(visit.enteredAt) - start;
  const left = clampPercent(offset / span);
  const width = Math.max(clampPercent((visit.durationMs ?? span - offset) / span), 0.5);
  const retryCount = visit.retries.length;

  return (
    <li className={`timeline-row timeline-${visit.status}`} data-testid="timeline-row">
      <div className="timeline-main">
        <span className="timeline-index">{index + 1}</span>
        <span className="timeline-name" data-testid="timeline-state">
          {visit.stateName}
        </span>
        {visit.stateType && <span className="muted small">{visit.stateType}</span>}
        <StatusBadge status={visit.status} />
        {retryCount > 0 && (
          <span className="badge badge-warning" data-testid="timeline-retries">
            {retryCount} {retryCount === 1 ? 'retry' : 'retries'}
          </span>
        )}
        <span className="timeline-times muted small">
          +{formatDuration(offset)} ·{' '}
          <span data-testid="timeline-duration">
            {visit.durationMs === undefined ? 'running' : formatDuration(visit.durationMs)}
          </span>
        </span>
      </div>
      <div className="timeline-track" aria-hidden="true">
        <span
          className="timeline-bar"
          style={{ left: `${left}%`, width: `${Math.min(width, 100 - left)}%` }}
        />
      </div>
      {visit.retries.length > 0 && (
        <ul className="timeline-notes">
          {visit.retries.map((retry) => (
            <li key={`${retry.attempt}-${retry.at}`} data-testid="timeline-retry">
              <FailureLine failure={retry} label={`Retry ${retry.attempt} after`} />
            </li>
          ))}
        </ul>
      )}
      {visit.caught && (
        <div className="timeline-notes" data-testid="timeline-caught">
          <FailureLine failure={visit.caught} label="Caught" />
        </div>
      )}
      {visit.failure && (
        <div className="failure" data-testid="timeline-failure">
          <FailureLine failure={visit.failure} label="Failed with" causeOpen />
        </div>
      )}
      {(visit.input !== undefined || visit.output !== undefined || visit.otherEvents.length > 0) && (
        <div className="io">
          <JsonView label="Input" value={visit.input} />
          <JsonView label="Output" value={visit.output} />
          {visit.otherEvents.length > 0 && (
            <JsonView label={`Other events (${visit.otherEvents.length})`} value={visit.otherEvents} />
          )}
        </div>
      )}
    </li>
  );
}

/** An error name, and its cause: open for the failure that ended the visit, folded for retries and catches. */
function FailureLine({
  failure,
  label,
  causeOpen = false,
}: {
  failure: Failure;
  label: string;
  causeOpen?: boolean;
}) {
  const cause = failure.cause === undefined ? undefined : prettyJson(failure.cause);
  return (
    <div className="failure-line">
      <div>
        {label} <strong className="mono">{failure.error ?? 'an unknown error'}</strong>
      </div>
      {cause !== undefined &&
        (causeOpen ? (
          <pre className="cause">{cause}</pre>
        ) : (
          <details className="cause-details">
            <summary className="cause-summary">Cause</summary>
            <pre className="cause">{cause}</pre>
          </details>
        ))}
    </div>
  );
}

function clampPercent(ratio: number): number {
  return Math.min(100, Math.max(0, ratio * 100));
}
