import { useEffect, useId, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { ChartData } from '../trends';

// Canvas drawing needs a 2D context; a DOM without one (the component tests') still gets the legend.
function canDraw(): boolean {
  try {
    return document.createElement('canvas').getContext('2d') !== null;
  } catch {
    return false;
  }
}

const wholeSteps = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 100_000];

// With a few samples uPlot widens the time axis by its own rule (years, for one sample): the span is set.
function fixedRange(x: readonly number[], minSpanSeconds: number): Partial<uPlot.Scale> {
  const first = x[0];
  const last = x[x.length - 1];
  if (minSpanSeconds <= 0 || first === undefined || last === undefined) return {};
  return { auto: false, range: [Math.min(first, last - minSpanSeconds), last] };
}

function latest(values: readonly (number | null)[]): number | null {
  for (let i = values.length - 1; i >= 0; i--) {
    const value = values[i];
    if (value !== null && value !== undefined) return value;
  }
  return null;
}

/** A line chart over time (uPlot, on a canvas) with a legend that names each line and its latest value. */
export function Chart({
  title,
  data,
  format,
  testId,
  counts = false,
  minSpanSeconds = 0,
}: {
  title: string;
  data: ChartData;
  format: (value: number) => string;
  testId: string;
  /** Whole numbers: the axis ticks only at whole steps. */
  counts?: boolean;
  /** The narrowest time span the x axis shows, ending at the last x (a few samples still read as a time line). */
  minSpanSeconds?: number;
}) {
  const titleId = useId();
  const plotRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const element = plotRef.current;
    if (element === null || !canDraw()) return;
    const options: uPlot.Options = {
      width: Math.max(240, element.clientWidth),
      height: 180,
      legend: { show: false },
      scales: { x: { time: true, ...fixedRange(data.x, minSpanSeconds) } },
      series: [
        {},
        // Points as well as lines: a bucket between two empty ones has no segment to draw.
        ...data.series.map((line) => ({
          label: line.label,
          stroke: line.color,
          width: 2,
          spanGaps: false,
          points: { show: true, size: 5, fill: line.color, stroke: line.color },
        })),
      ],
      axes: [
        {},
        {
          size: 76,
          values: (_plot: uPlot, splits: number[]) => splits.map(format),
          ...(counts ? { incrs: wholeSteps } : {}),
        },
      ],
    };
    const plot = new uPlot(options, [data.x, ...data.series.map((line) => line.values)], element);
    const resize = new ResizeObserver(() => {
      plot.setSize({ width: Math.max(240, element.clientWidth), height: 180 });
    });
    resize.observe(element);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [data, format, counts, minSpanSeconds]);

  const summary = data.series
    .map((line) => {
      const value = latest(line.values);
      return `${line.label} ${value === null ? 'no data' : format(value)}`;
    })
    .join(', ');

  return (
    <figure className="card chart" aria-labelledby={titleId} data-testid={testId}>
      <figcaption id={titleId}>{title}</figcaption>
      <div className="chart-plot" ref={plotRef} role="img" aria-label={`${title}, latest: ${summary}`} />
      <ul className="chart-legend" aria-label={`${title} legend`}>
        {data.series.map((line) => {
          const value = latest(line.values);
          return (
            <li key={line.label} data-testid="legend-item">
              <span className="chart-swatch" style={{ background: line.color }} aria-hidden="true" />
              <span className="chart-label">{line.label}</span>{' '}
              <span className="chart-value">{value === null ? '—' : format(value)}</span>
            </li>
          );
        })}
      </ul>
    </figure>
  );
}
