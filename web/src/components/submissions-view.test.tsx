// @vitest-environment happy-dom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { type ApiCall, fakeApi } from '../test/fake-api';
import { renderWithClient } from '../test/render';
import { SubmissionsView } from './submissions-view';

const path = '/v1/partners/partner-a/submissions';

function byStatus(call: ApiCall) {
  const status = call.url.searchParams.get('status') ?? '';
  const accepted = status === 'accepted';
  return {
    items: [
      {
        submissionId: `${accepted ? 'a' : 'p'}0000000-0000-4000-8000-000000000001`,
        status,
        receivedAt: '2025-05-01T12:00:00.000Z',
        externalOrderId: 'ORD-1',
        ...(accepted ? { sequenceNumber: 3 } : {}),
      },
    ],
    nextCursor: null,
  };
}

describe('SubmissionsView', () => {
  it('lists pending submissions first and another status once chosen, each linked to its page', async () => {
    const api = fakeApi({ [`GET ${path}`]: byStatus });
    renderWithClient(<SubmissionsView partnerId="partner-a" />);
    const [pending] = await screen.findAllByTestId('submission-row');
    expect(within(pending as HTMLElement).getByText('pending')).toBeTruthy();
    expect(api.callsTo(path)[0]?.url.searchParams.get('status')).toBe('pending');

    fireEvent.change(screen.getByLabelText('Status'), { target: { value: 'accepted' } });
    await waitFor(() => expect(api.callsTo(path).at(-1)?.url.searchParams.get('status')).toBe('accepted'));
    const row = within((await screen.findAllByTestId('submission-row'))[0] as HTMLElement);
    await waitFor(() => expect(row.getByText('#3')).toBeTruthy());
    expect(row.getByRole('link', { name: /^a0000000/ }).getAttribute('href')).toBe(
      '#/submissions/a0000000-0000-4000-8000-000000000001?partner=partner-a',
    );
    expect(row.getByRole('link', { name: '#3' }).getAttribute('href')).toBe('#/orders/3?partner=partner-a');
  });
});
