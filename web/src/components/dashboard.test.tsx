// @vitest-environment happy-dom
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { apiError, fakeApi } from '../test/fake-api';
import { partners } from '../test/fixtures';
import { renderWithClient } from '../test/render';
import { Dashboard } from './dashboard';

const stats = (generatedAt: string, acceptedA: number) => ({
  generatedAt,
  partners: [
    {
      partnerId: 'partner-a',
      accepted: acceptedA,
      rejected: 8,
      duplicates: 2,
      lastSequenceNumber: acceptedA,
    },
    { partnerId: 'partner-b', accepted: 0, rejected: 0, duplicates: 0, lastSequenceNumber: 0 },
  ],
});

function card(partnerId: string) {
  return within(screen.getByTestId(`partner-stats-${partnerId}`));
}

describe('Dashboard', () => {
  it('shows accepted, rejected and duplicate counts and the rejection rate per partner', async () => {
    fakeApi({
      'GET /v1/partners': () => ({ items: partners }),
      'GET /v1/stats': () => stats('2025-11-20T10:00:00.000Z', 90),
    });
    renderWithClient(<Dashboard partnerId="partner-a" />);

    const a = await waitFor(() => card('partner-a'));
    expect(a.getByTestId('stat-accepted').textContent).toBe('90');
    expect(a.getByTestId('stat-rejected').textContent).toBe('8');
    expect(a.getByTestId('stat-duplicates').textContent).toBe('2');
    // 8 rejected of 100 processed submissions.
    expect(a.getByTestId('stat-rejection-rate').textContent).toBe('8%');
    expect(a.getByTestId('stat-last-sequence').textContent).toBe('#90');
    expect(await a.findByRole('heading', { name: 'Partner A' })).toBeTruthy();

    const b = card('partner-b');
    expect(b.getByTestId('stat-rejection-rate').textContent).toBe('—');
    expect(b.getByTestId('stat-last-sequence').textContent).toBe('—');
  });

  it('computes orders per minute from the accepted delta between two stats polls', async () => {
    const answers = [stats('2025-11-20T10:00:00.000Z', 10), stats('2025-11-20T10:00:30.000Z', 25)];
    fakeApi({
      'GET /v1/partners': () => ({ items: partners }),
      'GET /v1/stats': () => answers.shift() ?? stats('2025-11-20T10:00:30.000Z', 25),
    });
    renderWithClient(<Dashboard partnerId="partner-a" refreshMs={20} />);

    const a = await waitFor(() => card('partner-a'));
    // 15 more accepted orders in 30 seconds.
    await waitFor(() => expect(a.getByTestId('stat-rate').textContent).toBe('30.0/min'));
    expect(a.getByTestId('stat-accepted').textContent).toBe('25');
    expect(card('partner-b').getByTestId('stat-rate').textContent).toBe('0.0/min');
  });

  it('shows a dash for orders per minute until a second poll has answered', async () => {
    fakeApi({
      'GET /v1/partners': () => ({ items: partners }),
      'GET /v1/stats': () => stats('2025-11-20T10:00:00.000Z', 10),
    });
    renderWithClient(<Dashboard partnerId="partner-a" />);

    const a = await waitFor(() => card('partner-a'));
    expect(a.getByTestId('stat-rate').textContent).toBe('—');
  });

  it('puts the selected partner first', async () => {
    fakeApi({
      'GET /v1/partners': () => ({ items: partners }),
      'GET /v1/stats': () => stats('2025-11-20T10:00:00.000Z', 10),
    });
    renderWithClient(<Dashboard partnerId="partner-b" />);

    await screen.findByTestId('partner-stats-partner-b');
    const cards = screen.getAllByRole('article');
    expect(cards[0]?.dataset.testid).toBe('partner-stats-partner-b');
  });

  it('says why when the statistics cannot be loaded', async () => {
    fakeApi({
      'GET /v1/partners': () => ({ items: partners }),
      'GET /v1/stats': () =>
        apiError(503, 'storage_unavailable', 'storage did not answer; try again in a moment'),
    });
    renderWithClient(<Dashboard partnerId="partner-a" />);

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Could not load statistics (503 storage_unavailable)');
    expect(alert.textContent).toContain('storage did not answer; try again in a moment');
  });
});
