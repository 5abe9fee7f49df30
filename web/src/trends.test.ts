import { describe, expect, it } from 'vitest';
import { backlog, latencyPercentiles, ordersPerMinute, rejectionRates } from './trends';
import type { Timeseries } from './types';

const series: Timeseries = {
  bucket: '1m',
  from: '2025-11-20T09:58:00.000Z',
  to: '2025-11-20T10:00:00.000Z',
  points: [
    {
      start: '2025-11-20T09:58:00.000Z',
      partnerId: 'partner-a',
      accepted: 2,
      rejected: 2,
      duplicates: 0,
      latencyMs: { p50: 10, p95: 20, p99: 30 },
    },
    {
      start: '2025-11-20T09:59:00.000Z',
      partnerId: 'partner-a',
      accepted: 0,
      rejected: 0,
      duplicates: 0,
      latencyMs: null,
    },
    {
      start: '2025-11-20T09:58:00.000Z',
      partnerId: 'partner-b',
      accepted: 0,
      rejected: 0,
      duplicates: 1,
      latencyMs: null,
    },
    {
      start: '2025-11-20T09:59:00.000Z',
      partnerId: 'partner-b',
      accepted: 5,
      rejected: 0,
      duplicates: 0,
      latencyMs: { p50: 4, p95: 8, p99: 9 },
    },
  ],
  pendingNow: 0,
  pendingNowCapped: false,
  deadLettersNow: null,
  generatedAt: '2025-11-20T10:00:00.000Z',
};

const minute = Date.parse('2025-11-20T09:58:00.000Z') / 1000;

describe('the dashboard’s chart data', () => {
  it('lines up each partner’s accepted orders on the bucket starts', () => {
    const chart = ordersPerMinute(series);
    expect(chart.x).toEqual([minute, minute + 60]);
    expect(chart.series.map(({ label, values }) => [label, values])).toEqual([
      ['partner-a', [2, 0]],
      ['partner-b', [0, 5]],
    ]);
  });

  it('gives the rejection rate of settled submissions, and a gap where none were', () => {
    expect(rejectionRates(series).series.map((line) => line.values)).toEqual([
      [0.5, null],
      [0, 0],
    ]);
  });

  it('gives p50 and p95 per partner, a gap where nothing was accepted', () => {
    expect(latencyPercentiles(series).series.map(({ label, values }) => [label, values])).toEqual([
      ['partner-a p50', [10, null]],
      ['partner-a p95', [20, null]],
      ['partner-b p50', [null, 4]],
      ['partner-b p95', [null, 8]],
    ]);
  });

  it('keeps an uncounted dead-letter figure as a gap, not a zero', () => {
    const chart = backlog([{ at: 1_000, pending: 3, deadLetters: null }]);
    expect(chart).toMatchObject({ x: [1], series: [{ values: [3] }, { values: [null] }] });
  });
});
