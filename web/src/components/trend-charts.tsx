import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { formatCount, formatPercent } from '../format';
import { TRENDS_REFRESH_MS, timeseriesQuery } from '../queries/trends';
import { type BacklogSample, backlog, latencyPercentiles, ordersPerMinute, rejectionRates } from '../trends';
import { Chart } from './chart';
import { ErrorMessage, Loading } from './query-state';

const formatMs = (value: number) => `${value >= 100 ? Math.round(value) : value.toFixed(1)} ms`;
const formatRatio = (value: number) => formatPercent(value);
const formatWhole = (value: number) => formatCount(Math.round(value));

// What waits now is one figure per answer: the samples taken while the page is open make its line.
const keptSamples = 120;

/** The last hour per minute: orders, rejection rate and latency per partner; pending and dead letters now. */
export function TrendCharts({ refreshMs = TRENDS_REFRESH_MS }: { refreshMs?: number }) {
  const series = useQuery(timeseriesQuery(refreshMs));
  const [samples, setSamples] = useState<BacklogSample[]>([]);
  const data = series.data;

  useEffect(() => {
    if (data === undefined) return;
    const sample = {
      at: Date.parse(data.generatedAt),
      pending: data.pendingNow,
      deadLetters: data.deadLettersNow,
    };
    setSamples((kept) => (kept.at(-1)?.at === sample.at ? kept : [...kept, sample].slice(-keptSamples)));
  }, [data]);

  const charts = useMemo(
    () =>
      data === undefined
        ? undefined
        : {
            orders: ordersPerMinute(data),
            rejections: rejectionRates(data),
            latency: latencyPercentiles(data),
          },
    [data],
  );
  const waiting = useMemo(() => backlog(samples), [samples]);

  if (series.isPending) return <Loading label="Loading trends…" />;
  if (series.isError) return <ErrorMessage error={series.error} title="Could not load trends" />;

  return (
    <section aria-labelledby="trends-title" className="trends">
      <h3 id="trends-title">Last hour, per minute</h3>
      <p className="muted small" data-testid="backlog-now">
        Now: {formatCount(series.data.pendingNow)}
        {series.data.pendingNowCapped ? '+' : ''} pending ·{' '}
        {series.data.deadLettersNow === null
          ? 'dead letters not counted here'
          : `${formatCount(series.data.deadLettersNow)} dead letters`}
      </p>
      {charts !== undefined && (
        <div className="chart-grid">
          <Chart
            title="Orders per minute"
            data={charts.orders}
            format={formatWhole}
            testId="chart-orders"
            counts
          />
          <Chart
            title="Rejection rate"
            data={charts.rejections}
            format={formatRatio}
            testId="chart-rejections"
          />
          <Chart
            title="Latency, receipt to stored"
            data={charts.latency}
            format={formatMs}
            testId="chart-latency"
          />
          <Chart
            title="Pending and dead letters"
            data={waiting}
            format={formatWhole}
            testId="chart-backlog"
            counts
            minSpanSeconds={300}
          />
        </div>
      )}
    </section>
  );
}
