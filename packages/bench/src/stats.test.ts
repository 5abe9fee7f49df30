import { describe, expect, it } from 'vitest';
import { median, percentile, summarize } from './stats';

describe('percentile', () => {
  const oneToTen = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

  it('interpolates between the two nearest ranks', () => {
    expect(percentile(oneToTen, 50)).toBeCloseTo(5.5);
    expect(percentile(oneToTen, 95)).toBeCloseTo(9.55);
    expect(percentile(oneToTen, 99)).toBeCloseTo(9.91);
  });

  it('answers the extremes at 0 and 100 and the only value of a single-value list', () => {
    expect(percentile(oneToTen, 0)).toBe(1);
    expect(percentile(oneToTen, 100)).toBe(10);
    expect(percentile([7], 99)).toBe(7);
  });

  it('answers NaN for no values rather than inventing one', () => {
    expect(percentile([], 50)).toBeNaN();
  });
});

describe('summarize', () => {
  it('sorts the values itself and leaves out what is not a finite number', () => {
    const summary = summarize([10, 1, Number.NaN, 4, 7, Number.POSITIVE_INFINITY]);
    expect(summary).toEqual({
      count: 4,
      mean: 5.5,
      p50: 5.5,
      p95: expect.any(Number),
      p99: expect.any(Number),
      max: 10,
    });
    expect(summary.p95).toBeCloseTo(9.55);
  });

  it('gives NaN figures and a zero count for an empty run', () => {
    const summary = summarize([]);
    expect(summary.count).toBe(0);
    expect(summary.mean).toBeNaN();
    expect(summary.p99).toBeNaN();
  });

  it('takes the median of an unsorted list', () => {
    expect(median([5, 1, 3])).toBe(3);
  });
});
