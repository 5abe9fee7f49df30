import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { formatDateTime, formatRelative, prettyJsonText } from '../format';
import { errorsQuery } from '../queries/errors';
import { href, submissionHref } from '../router';
import type { OrderError } from '../types';
import { useCursorPager } from '../use-cursor-pager';
import { ExecutionLink } from './execution-link';
import { Pager } from './pager';
import { Empty, ErrorMessage, Loading } from './query-state';
import { ReplayPanel } from './replay-panel';
import { StatusBadge } from './status-badge';
import { type TimeRange, TimeRangeFilter } from './time-range-filter';

const PAGE_SIZE = 20;

export function ErrorsView({ partnerId }: { partnerId: string }) {
  const [range, setRange] = useState<TimeRange>({});
  const pager = useCursorPager();
  const errors = useQuery({
    ...errorsQuery(partnerId, { limit: PAGE_SIZE, cursor: pager.cursor, ...range }),
  });

  return (
    <section aria-labelledby="errors-title">
      <div className="view-header">
        <h2 id="errors-title">Errors</h2>
        <p className="muted">Rejected submissions, newest first. Each is kept for 30 days.</p>
      </div>
      <ReplayPanel partnerId={partnerId} />
      <div className="toolbar">
        <TimeRangeFilter
          legend="Received"
          value={range}
          onChange={(next) => {
            setRange(next);
            pager.reset();
          }}
        />
      </div>
      {errors.isPending ? (
        <Loading label="Loading errors…" />
      ) : errors.isError ? (
        <ErrorMessage error={errors.error} title="Could not load errors" onRetry={() => errors.refetch()} />
      ) : errors.data.items.length === 0 ? (
        <Empty>{range.from || range.to ? 'No errors in this time range.' : 'No rejected orders. 🎉'}</Empty>
      ) : (
        <ul className={`error-list${errors.isPlaceholderData ? ' is-stale' : ''}`} aria-label="Errors">
          {errors.data.items.map((error) => (
            <ErrorItem key={error.submissionId} error={error} partnerId={partnerId} />
          ))}
        </ul>
      )}
      {errors.data && (
        <Pager
          page={pager.page}
          hasPrevious={pager.hasPrevious}
          nextCursor={errors.data.nextCursor}
          busy={errors.isPlaceholderData}
          onPrevious={pager.previous}
          onNext={pager.next}
        />
      )}
    </section>
  );
}

function ErrorItem({ error, partnerId }: { error: OrderError; partnerId: string }) {
  const payload = prettyJsonText(error.payload);
  const expires = error.expiresAt * 1000;
  return (
    <li className="card error-item" data-testid="error-item">
      <header className="error-header">
        <StatusBadge status={error.category} />
        <time dateTime={error.receivedAt} title={error.receivedAt}>
          {formatDateTime(error.receivedAt)}
        </time>
        <span className="muted">
          submission{' '}
          <a href={submissionHref(error.submissionId, partnerId)}>
            <code>{error.submissionId}</code>
          </a>
        </span>
        {error.supersededBy !== undefined && (
          <span data-testid="error-superseded" title={error.supersededAt}>
            <StatusBadge status="accepted" label="superseded" />{' '}
            {error.supersededBy.status === 'duplicate' ? 'a duplicate of ' : 'accepted later as '}
            <a href={href(`/orders/${error.supersededBy.sequenceNumber}`, partnerId)}>
              order #{error.supersededBy.sequenceNumber}
            </a>
          </span>
        )}
        <span className="muted error-expires" data-testid="error-expires">
          expires {formatDateTime(expires)} ({formatRelative(expires)})
        </span>
      </header>
      {error.issues.length > 0 ? (
        <ul className="issues" aria-label="Issues">
          {error.issues.map((issue, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: two issues may share a path and a code
            <li key={index} data-testid="error-issue">
              <code className="issue-path">{issue.path || '(order)'}</code>
              <span className="issue-message">{issue.message}</span>
              <span className="issue-code muted">{issue.code}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">No issue details were recorded.</p>
      )}
      <details className="json">
        <summary>
          Payload
          {!payload.parsed && ' (not valid JSON, shown as received)'}
          {error.payloadTruncated && ' (truncated)'}
        </summary>
        <pre data-testid="error-payload">{payload.text}</pre>
      </details>
      {error.executionId && (
        <p className="small">
          Execution: <ExecutionLink executionId={error.executionId} partnerId={partnerId} />
        </p>
      )}
    </li>
  );
}
