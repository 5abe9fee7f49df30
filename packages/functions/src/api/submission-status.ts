import type * as Http from '@orders/core/contract/http';
import type { Submission } from '@orders/core/submission/submission';

/** A stored submission as the API answers it: its status, number or issues, and earlier attempts. */
export function toSubmissionStatus(submission: Submission): Http.SubmissionStatus {
  const { submissionId, status, sequenceNumber, issues, executionId, receivedAt, externalOrderId, history } =
    submission;
  return {
    submissionId,
    status,
    sequenceNumber,
    issues,
    executionId,
    receivedAt,
    externalOrderId,
    ...(history === undefined || history.length === 0 ? {} : { history }),
  };
}
