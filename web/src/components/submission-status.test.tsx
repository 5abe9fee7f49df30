// @vitest-environment happy-dom
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { saveSession } from '../auth';
import { apiError, fakeApi, reply } from '../test/fake-api';
import { renderWithClient } from '../test/render';
import type { Submission } from '../types';
import { SubmissionStatus } from './submission-status';

const submissionId = 'b0000000-0000-4000-8000-000000000001';
const path = `/v1/partners/partner-a/submissions/${submissionId}`;
const issues = [{ path: 'quantity', code: 'too_big', message: 'quantity must be at most 10' }];
const rejected: Submission = {
  submissionId,
  status: 'rejected',
  issues,
  executionId: 'arn:aws:states:us-east-1:123456789012:execution:order-workflow:first',
  receivedAt: '2025-05-01T12:00:00.000Z',
  externalOrderId: 'ORD-1',
};
const attempt = {
  status: 'rejected' as const,
  executionId: rejected.executionId,
  settledAt: '2025-05-01T12:00:01.000Z',
  replacedAt: '2025-05-02T08:00:00.000Z',
  issues,
};

// A session whose access token carries these claims; the fake API does not check its signature.
function signedInWith(claims: Record<string, unknown>): void {
  const part = (value: object) => btoa(JSON.stringify(value)).replace(/=+$/, '');
  saveSession({
    accessToken: `${part({ alg: 'RS256' })}.${part(claims)}.signature`,
    expiresAt: Date.now() + 3_600_000,
    user: 'operator',
  });
}

function renderStatus() {
  return renderWithClient(
    <ul>
      <SubmissionStatus partnerId="partner-a" submissionId={submissionId} externalOrderId={null} />
    </ul>,
  );
}

describe('SubmissionStatus', () => {
  it('lets an admin reprocess a rejected submission after confirming, then follows it to its new outcome', async () => {
    signedInWith({ 'cognito:groups': ['operator', 'admin'] });
    let current: Submission = rejected;
    let polls = 0;
    const api = fakeApi({
      [`GET ${path}`]: () => {
        if (current.status === 'pending' && ++polls >= 2) {
          current = { ...current, status: 'accepted', sequenceNumber: 7, history: [attempt] };
        }
        return current;
      },
      [`POST ${path}/reprocess`]: () => {
        current = { ...rejected, status: 'pending', issues: undefined, history: [attempt] };
        return reply(202, {
          outcome: 'requeued',
          message: 'the rejected submission is pending again and queued for the workflow; poll its status',
          submission: current,
        });
      },
    });
    renderStatus();
    fireEvent.click(await screen.findByRole('button', { name: 'Reprocess' }));
    const dialog = screen.getByRole('dialog');
    expect(dialog.textContent).toContain('through the workflow again');
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(api.callsTo(`${path}/reprocess`)).toHaveLength(0);

    fireEvent.click(screen.getByRole('button', { name: 'Reprocess' }));
    const confirm = screen.getAllByRole('button', { name: 'Reprocess' }).at(-1) as HTMLElement;
    fireEvent.click(confirm);
    await waitFor(() => expect(api.callsTo(`${path}/reprocess`)).toHaveLength(1));
    expect(api.callsTo(`${path}/reprocess`)[0]?.method).toBe('POST');
    // Progress: pending while the workflow runs it again, then its outcome.
    expect(await screen.findByText('Waiting for the workflow…')).toBeTruthy();
    expect(screen.getByTestId('reprocess-result').textContent).toContain('pending again');
    expect(screen.queryByRole('button', { name: 'Reprocess' })).toBeNull();
    expect(await screen.findByText('order #7', {}, { timeout: 5_000 })).toBeTruthy();
    expect(screen.getByTestId('submission-status').textContent).toBe('accepted');
    expect(screen.getByTestId('submission-history').textContent).toContain('1 earlier attempt');
    expect(screen.getByTestId('submission-attempt').textContent).toContain('quantity must be at most 10');
    expect(screen.getByTestId('reprocess-result').textContent).toBe('Reprocessed: now accepted.');
  });

  it('says so when there was nothing to do, and shows the API’s refusal', async () => {
    signedInWith({ scope: 'orders/admin' });
    let answer = 0;
    fakeApi({
      [`GET ${path}`]: () => rejected,
      [`POST ${path}/reprocess`]: () =>
        ++answer === 1
          ? reply(200, {
              outcome: 'in_progress',
              message: 'the submission is pending: the workflow has it, so nothing was queued again',
              submission: rejected,
            })
          : apiError(403, 'forbidden', 'this route is not open to your role'),
    });
    renderStatus();
    for (const expected of ['nothing was queued again', 'this route is not open to your role']) {
      fireEvent.click(await screen.findByRole('button', { name: 'Reprocess' }));
      fireEvent.click(screen.getAllByRole('button', { name: 'Reprocess' }).at(-1) as HTMLElement);
      await waitFor(() => expect(document.body.textContent).toContain(expected));
    }
  });

  it('offers no reprocessing to an operator without the admin role, nor for an accepted submission', async () => {
    signedInWith({ 'cognito:groups': ['operator'] });
    fakeApi({ [`GET ${path}`]: () => rejected });
    const { unmount } = renderStatus();
    expect(await screen.findByText('quantity must be at most 10')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Reprocess' })).toBeNull();
    unmount();

    signedInWith({ 'cognito:groups': ['admin'] });
    fakeApi({
      [`GET ${path}`]: () => ({ ...rejected, status: 'accepted', issues: undefined, sequenceNumber: 3 }),
    });
    renderStatus();
    expect(await screen.findByText('order #3')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Reprocess' })).toBeNull();
  });
});
