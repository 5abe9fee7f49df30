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

  it('draws the trends from the time series: orders, rejection rate, latency, and what waits now', async () => {
    const point = (start: string, partnerId: string, accepted: number, rejected: number, p50?: number) => ({
      start,
      partnerId,
      accepted,
      rejected,
      duplicates: 0,
      latencyMs: p50 === undefined ? null : { p50, p95: p50 * 2, p99: p50 * 3 },
    });
    const api = fakeApi({
      'GET /v1/partners': () => ({ items: partners }),
      'GET /v1/stats': () => stats('2025-11-20T10:00:00.000Z', 10),
      'GET /v1/stats/timeseries': () => ({
        bucket: '1m',
        from: '2025-11-20T09:58:00.000Z',
        to: '2025-11-20T10:00:00.000Z',
        points: [
          point('2025-11-20T09:58:00.000Z', 'partner-a', 4, 0, 12.5),
          point('2025-11-20T09:59:00.000Z', 'partner-a', 3, 1, 30),
          point('2025-11-20T09:58:00.000Z', 'partner-b', 0, 0),
          point('2025-11-20T09:59:00.000Z', 'partner-b', 0, 2),
        ],
        pendingNow: 7,
        pendingNowCapped: false,
        deadLettersNow: 2,
        generatedAt: '2025-11-20T10:00:00.000Z',
      }),
    });
    renderWithClient(<Dashboard partnerId="partner-a" />);

    const legend = async (testId: string) =>
      within(await screen.findByTestId(testId))
        .getAllByTestId('legend-item')
        .map((item) => item.textContent);
    expect(await legend('chart-orders')).toEqual(['partner-a 3', 'partner-b 0']);
    // partner-a: 1 rejected of 4 in its last minute; partner-b: 2 of 2.
    expect(await legend('chart-rejections')).toEqual(['partner-a 25%', 'partner-b 100%']);
    expect(await legend('chart-latency')).toEqual([
      'partner-a p50 30.0 ms',
      'partner-a p95 60.0 ms',
      'partner-b p50 —',
      'partner-b p95 —',
    ]);
    expect(await legend('chart-backlog')).toEqual(['pending 7', 'dead letters 2']);
    expect(screen.getByTestId('backlog-now').textContent).toBe('Now: 7 pending · 2 dead letters');
    expect(
      screen.getByRole('img', { name: /^Orders per minute, latest: partner-a 3, partner-b 0$/ }),
    ).toBeTruthy();
    expect(screen.getByRole('figure', { name: 'Latency, receipt to stored' })).toBeTruthy();
    const [asked] = api.callsTo('/v1/stats/timeseries');
    expect(asked?.url.searchParams.get('bucket')).toBe('1m');
  });
});
