import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { formatDateTime } from '../format';
import { submissionQuery } from '../queries/submissions';
import { href } from '../router';
import type { SubmissionAttempt } from '../types';
import { ExecutionLink } from './execution-link';
import { ErrorMessage } from './query-state';
import { ReprocessAction } from './reprocess-action';
import { StatusBadge } from './status-badge';

/** One submission, polled until the workflow has decided its fate. */
export function SubmissionStatus({
  partnerId,
  submissionId,
  externalOrderId,
}: {
  partnerId: string;
  submissionId: string;
  /** The partner's own order id, when the order carried one as a string; else the stored submission's. */
  externalOrderId: string | null;
}) {
  const submission = useQuery(submissionQuery(partnerId, submissionId));
  const data = submission.data;
  const orderId = externalOrderId ?? data?.externalOrderId ?? null;
  const settled = data !== undefined && data.status !== 'pending' ? data.status : undefined;
  const queryClient = useQueryClient();
  // Once settled, the partner's lists and counts have changed: refetch them rather than show them stale.
  useEffect(() => {
    if (settled === undefined) return;
    void queryClient.invalidateQueries({
      queryKey: settled === 'rejected' ? ['errors', partnerId] : ['orders', partnerId],
    });
    void queryClient.invalidateQueries({ queryKey: ['stats'] });
  }, [settled, partnerId, queryClient]);

  return (
    <li className="submission" data-testid="submission">
      <div className="submission-head">
        <span>
          <span className="muted">Submission</span> <code data-testid="submission-id">{submissionId}</code>
        </span>
        {orderId !== null && (
          <span className="muted">
            order <code>{orderId}</code>
          </span>
        )}
        <span data-testid="submission-status">
          {data ? <StatusBadge status={data.status} /> : <StatusBadge status="pending" label="checking…" />}
        </span>
      </div>
      {submission.isError && (
        <ErrorMessage error={submission.error} title="Could not read the submission status" />
      )}
      {data?.status === 'pending' && <p className="muted small">Waiting for the workflow…</p>}
      {(data?.status === 'accepted' || data?.status === 'duplicate') && data.sequenceNumber !== undefined && (
        <p>
          {data.status === 'duplicate' ? 'Already received as ' : 'Stored as '}
          <a href={href(`/orders/${data.sequenceNumber}`, partnerId)}>order #{data.sequenceNumber}</a>
        </p>
      )}
      {data?.status === 'rejected' && (
        <>
          {data.issues && data.issues.length > 0 && (
            <ul className="issues">
              {data.issues.map((issue, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: issues have no identity of their own
                <li key={index}>
                  <code className="issue-path">{issue.path || '(order)'}</code>
                  <span className="issue-message">{issue.message}</span>
                </li>
              ))}
            </ul>
          )}
          <p>
            <a href={href('/errors', partnerId)}>View in the error list</a>
          </p>
        </>
      )}
      {data !== undefined && (
        <ReprocessAction partnerId={partnerId} submissionId={submissionId} status={data.status} />
      )}
      {data?.history !== undefined && data.history.length > 0 && <History attempts={data.history} />}
      {data?.executionId && (
        <p className="small">
          Execution: <ExecutionLink executionId={data.executionId} partnerId={partnerId} />
        </p>
      )}
    </li>
  );
}

/** The submission's earlier attempts, oldest first: what each ended as and why. */
function History({ attempts }: { attempts: SubmissionAttempt[] }) {
  return (
    <details className="history" data-testid="submission-history">
      <summary>{attempts.length === 1 ? '1 earlier attempt' : `${attempts.length} earlier attempts`}</summary>
      <ol>
        {attempts.map((attempt) => (
          <li key={attempt.replacedAt} data-testid="submission-attempt">
            <StatusBadge status={attempt.status} />{' '}
            <time dateTime={attempt.settledAt}>{formatDateTime(attempt.settledAt)}</time>
            {attempt.issues?.map((issue, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: issues have no identity of their own
              <span key={index} className="issue-message">
                {' '}
                <code className="issue-path">{issue.path || '(order)'}</code> {issue.message}
              </span>
            ))}
          </li>
        ))}
      </ol>
    </details>
  );
}
