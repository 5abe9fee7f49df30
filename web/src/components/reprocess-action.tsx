import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { isAdmin } from '../auth';
import { reprocessSubmissionMutation, submissionQuery } from '../queries/submissions';
import { ConfirmDialog } from './confirm-dialog';
import { ErrorMessage } from './query-state';

/**
 * The admin's "Reprocess" for a rejected submission: asks for confirmation, then runs the stored order
 * through the workflow again. The submission's status then shows the progress (pending, then its outcome).
 */
export function ReprocessAction({
  partnerId,
  submissionId,
  status,
}: {
  partnerId: string;
  submissionId: string;
  /** Only a rejection is offered again; the last answer stays shown while the status moves on. */
  status: string;
}) {
  const [confirming, setConfirming] = useState(false);
  const queryClient = useQueryClient();
  const reprocess = useMutation({
    ...reprocessSubmissionMutation(),
    onSuccess: (result) => {
      // The answer is the submission as it now stands (pending when queued): the status polls from there.
      queryClient.setQueryData(submissionQuery(partnerId, submissionId).queryKey, result.submission);
      void queryClient.invalidateQueries({ queryKey: ['errors', partnerId] });
      void queryClient.invalidateQueries({ queryKey: ['submissions', partnerId, 'list'] });
    },
  });
  if (!isAdmin()) return null;
  const titleId = `reprocess-title-${submissionId}`;
  return (
    <div className="reprocess">
      {status === 'rejected' && (
        <button
          type="button"
          className="button-secondary"
          disabled={reprocess.isPending}
          onClick={() => setConfirming(true)}
        >
          {reprocess.isPending ? 'Reprocessing…' : 'Reprocess'}
        </button>
      )}
      {confirming && status === 'rejected' && (
        <ConfirmDialog
          titleId={titleId}
          confirmLabel="Reprocess"
          onConfirm={() => {
            setConfirming(false);
            reprocess.mutate({ partnerId, submissionId });
          }}
          onCancel={() => setConfirming(false)}
        >
          Run this submission’s stored order through the workflow again? Its rejection is kept in its history;
          if the order is valid now it is accepted and takes the next number.
        </ConfirmDialog>
      )}
      {reprocess.data !== undefined && (
        <p className="small muted" data-testid="reprocess-result" role="status">
          {reprocess.data.outcome === 'requeued' && status !== 'pending'
            ? `Reprocessed: now ${status}.`
            : reprocess.data.message}
        </p>
      )}
      {reprocess.isError && <ErrorMessage error={reprocess.error} title="Could not reprocess" />}
    </div>
  );
}
