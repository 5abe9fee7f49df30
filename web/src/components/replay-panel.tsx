import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { isAdmin } from '../auth';
import { formatDateTime } from '../format';
import { replayQuery, startReplayMutation } from '../queries/replays';
import { ConfirmDialog } from './confirm-dialog';
import { ErrorMessage } from './query-state';
import { StatusBadge } from './status-badge';

const hourMs = 60 * 60 * 1000;

// A datetime-local input's value for an instant, in the browser's zone.
function localValue(ms: number): string {
  const date = new Date(ms - new Date(ms).getTimezoneOffset() * 60_000);
  return date.toISOString().slice(0, 16);
}

/**
 * The admin's replay of the event archive: a time range, this partner or all, a confirmation, then the
 * replay's progress until it completes. Rejections that are valid now are accepted by the workflow.
 */
export function ReplayPanel({ partnerId }: { partnerId: string }) {
  const [from, setFrom] = useState(() => localValue(Date.now() - hourMs));
  const [to, setTo] = useState(() => localValue(Date.now()));
  const [onlyThisPartner, setOnlyThisPartner] = useState(true);
  const [confirming, setConfirming] = useState(false);
  const start = useMutation(startReplayMutation());
  if (!isAdmin()) return null;
  const range = { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
  return (
    <details className="card replay-panel">
      <summary>Replay the archive</summary>
      <div className="toolbar">
        <label>
          From <input type="datetime-local" value={from} onChange={(event) => setFrom(event.target.value)} />
        </label>
        <label>
          To <input type="datetime-local" value={to} onChange={(event) => setTo(event.target.value)} />
        </label>
        <label>
          <input
            type="checkbox"
            checked={onlyThisPartner}
            onChange={(event) => setOnlyThisPartner(event.target.checked)}
          />{' '}
          only {partnerId}
        </label>
        <button type="button" disabled={start.isPending} onClick={() => setConfirming(true)}>
          Replay
        </button>
      </div>
      {confirming && (
        <ConfirmDialog
          titleId="replay-confirm"
          confirmLabel="Start replay"
          onConfirm={() => {
            setConfirming(false);
            start.mutate({ ...range, ...(onlyThisPartner ? { partnerId } : {}) });
          }}
          onCancel={() => setConfirming(false)}
        >
          Send every submission received from {formatDateTime(range.from)} to {formatDateTime(range.to)}
          {onlyThisPartner ? ` by ${partnerId}` : ' by any partner'} through the workflow again? Accepted ones
          keep their numbers; rejections that are valid now are accepted.
        </ConfirmDialog>
      )}
      {start.isError && <ErrorMessage error={start.error} title="Could not start the replay" />}
      {start.data !== undefined && <ReplayProgress name={start.data.name} partnerId={partnerId} />}
    </details>
  );
}

function ReplayProgress({ name, partnerId }: { name: string; partnerId: string }) {
  const replay = useQuery(replayQuery(name));
  const queryClient = useQueryClient();
  const state = replay.data?.state;
  // Once it has completed, rejections may have been accepted: the lists are read again.
  useEffect(() => {
    if (state !== 'COMPLETED') return;
    void queryClient.invalidateQueries({ queryKey: ['errors', partnerId] });
    void queryClient.invalidateQueries({ queryKey: ['submissions', partnerId] });
    void queryClient.invalidateQueries({ queryKey: ['stats'] });
  }, [state, partnerId, queryClient]);
  if (replay.isError) return <ErrorMessage error={replay.error} title="Could not read the replay" />;
  return (
    <p className="small" data-testid="replay-progress" role="status">
      Replay <code>{name}</code>:{' '}
      <StatusBadge status={state ?? 'pending'} label={(state ?? 'starting').toLowerCase()} />
      {replay.data?.lastReplayedAt !== undefined && ` up to ${formatDateTime(replay.data.lastReplayedAt)}`}
    </p>
  );
}
