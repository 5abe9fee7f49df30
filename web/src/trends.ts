import type { Timeseries } from './types';

/** One line of a chart: its label, colour, and a value (or a gap) per x. */
export interface ChartSeries {
  label: string;
  color: string;
  values: (number | null)[];
}

/** A chart's data: x in Unix seconds, one or more series over it. */
export interface ChartData {
  x: number[];
  series: ChartSeries[];
}

const palette = ['#2563eb', '#db2777', '#059669', '#d97706', '#7c3aed', '#0891b2'];

function colorOf(index: number): string {
  return palette[index % palette.length] as string;
}

// The series' x: every bucket start, in order (the API answers every bucket of every partner).
function bucketsOf(series: Timeseries): { x: number[]; partners: string[] } {
  const starts = [...new Set(series.points.map((point) => point.start))].sort();
  const partners = [...new Set(series.points.map((point) => point.partnerId))];
  return { x: starts.map((start) => Date.parse(start) / 1000), partners };
}

function perPartner(
  series: Timeseries,
  value: (point: Timeseries['points'][number]) => number | null,
): ChartData {
  const { x, partners } = bucketsOf(series);
  return {
    x,
    series: partners.map((partnerId, index) => {
      const byStart = new Map(
        series.points.filter((point) => point.partnerId === partnerId).map((point) => [point.start, point]),
      );
      return {
        label: partnerId,
        color: colorOf(index),
        values: x.map((seconds) => {
          const point = byStart.get(new Date(seconds * 1000).toISOString());
          return point === undefined ? null : value(point);
        }),
      };
    }),
  };
}

/** Accepted orders per minute, one line per partner. */
export function ordersPerMinute(series: Timeseries): ChartData {
  return perPartner(series, (point) => point.accepted);
}

/** Rejected ÷ settled per bucket, one line per partner; a gap where nothing was settled. */
export function rejectionRates(series: Timeseries): ChartData {
  return perPartner(series, (point) => {
    const settled = point.accepted + point.rejected + point.duplicates;
    return settled === 0 ? null : point.rejected / settled;
  });
}

/** p50 and p95 of receipt-to-stored latency per partner; a gap where nothing was accepted. */
export function latencyPercentiles(series: Timeseries): ChartData {
  const p50 = perPartner(series, (point) => point.latencyMs?.p50 ?? null);
  const p95 = perPartner(series, (point) => point.latencyMs?.p95 ?? null);
  return {
    x: p50.x,
    series: p50.series.flatMap((line, index) => [
      { ...line, label: `${line.label} p50` },
      { ...(p95.series[index] as ChartSeries), label: `${line.label} p95`, color: colorOf(index + 3) },
    ]),
  };
}

/** One sample of what waits now, taken at each refresh. */
export interface BacklogSample {
  at: number;
  pending: number;
  deadLetters: number | null;
}

/** Pending submissions and dead letters over the samples the dashboard has taken since it opened. */
export function backlog(samples: readonly BacklogSample[]): ChartData {
  return {
    x: samples.map((sample) => sample.at / 1000),
    series: [
      { label: 'pending', color: colorOf(0), values: samples.map((sample) => sample.pending) },
      { label: 'dead letters', color: colorOf(1), values: samples.map((sample) => sample.deadLetters) },
    ],
  };
}
