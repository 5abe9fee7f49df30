import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { formatDateTime } from '../format';
import { type SubmissionStatusName, submissionStatusNames, submissionsQuery } from '../queries/submissions';
import { href, submissionHref } from '../router';
import { useCursorPager } from '../use-cursor-pager';
import { Pager } from './pager';
import { Empty, ErrorMessage, Loading } from './query-state';
import { StatusBadge } from './status-badge';
import { type TimeRange, TimeRangeFilter } from './time-range-filter';

const PAGE_SIZE = 25;

/** A partner's submissions in one status, newest first. */
export function SubmissionsView({
  partnerId,
  initialStatus = 'pending',
}: {
  partnerId: string;
  initialStatus?: SubmissionStatusName;
}) {
  const [status, setStatus] = useState<SubmissionStatusName>(initialStatus);
  const [range, setRange] = useState<TimeRange>({});
  const pager = useCursorPager();
  const submissions = useQuery(
    submissionsQuery(partnerId, status, { limit: PAGE_SIZE, cursor: pager.cursor, ...range }),
  );

  return (
    <section aria-labelledby="submissions-title">
      <div className="view-header">
        <h2 id="submissions-title">Submissions</h2>
        <p className="muted">Newest first, by the time the API received them.</p>
      </div>
      <div className="toolbar">
        <label className="inline-field">
          Status
          <select
            value={status}
            onChange={(event) => {
              setStatus(event.target.value as SubmissionStatusName);
              pager.reset();
            }}
          >
            {submissionStatusNames.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <TimeRangeFilter
          legend="Received"
          value={range}
          onChange={(next) => {
            setRange(next);
            pager.reset();
          }}
        />
      </div>
      {submissions.isPending ? (
        <Loading label="Loading submissions…" />
      ) : submissions.isError ? (
        <ErrorMessage
          error={submissions.error}
          title="Could not load submissions"
          onRetry={() => submissions.refetch()}
        />
      ) : submissions.data.items.length === 0 ? (
        <Empty>
          No {status} submissions{range.from || range.to ? ' in this time range' : ''}.
        </Empty>
      ) : (
        <div className={`table-wrap${submissions.isPlaceholderData ? ' is-stale' : ''}`}>
          <table className="table" data-testid="submissions-table">
            <thead>
              <tr>
                <th scope="col">Submission</th>
                <th scope="col">Status</th>
                <th scope="col">External id</th>
                <th scope="col" className="num">
                  Order
                </th>
                <th scope="col">Received</th>
              </tr>
            </thead>
            <tbody>
              {submissions.data.items.map((submission) => (
                <tr key={submission.submissionId} data-testid="submission-row">
                  <td className="mono">
                    <a href={submissionHref(submission.submissionId, partnerId)}>{submission.submissionId}</a>
                  </td>
                  <td>
                    <StatusBadge status={submission.status} />
                  </td>
                  <td className="mono">{submission.externalOrderId ?? '—'}</td>
                  <td className="num">
                    {submission.sequenceNumber === undefined ? (
                      '—'
                    ) : (
                      <a href={href(`/orders/${submission.sequenceNumber}`, partnerId)}>
                        #{submission.sequenceNumber}
                      </a>
                    )}
                  </td>
                  <td title={submission.receivedAt}>{formatDateTime(submission.receivedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {submissions.data && (
        <Pager
          page={pager.page}
          hasPrevious={pager.hasPrevious}
          nextCursor={submissions.data.nextCursor}
          busy={submissions.isPlaceholderData}
          onPrevious={pager.previous}
          onNext={pager.next}
        />
      )}
    </section>
  );
}
