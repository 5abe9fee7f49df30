import { describe, expect, it } from 'vitest';
import { addSample, ratesBetween, rejectionRate, type StatsSample, toSample } from './rates';

const sample = (seconds: number, accepted: Record<string, number>): StatsSample => ({
  at: seconds * 1000,
  accepted,
});

describe('rates', () => {
  it('divides the accepted delta by the minutes between two samples', () => {
    expect(ratesBetween(sample(0, { a: 10, b: 4 }), sample(30, { a: 25, b: 4 }))).toEqual({ a: 30, b: 0 });
  });

  it('counts a partner that appeared between samples from zero', () => {
    expect(ratesBetween(sample(0, {}), sample(60, { c: 6 }))).toEqual({ c: 6 });
  });

  it('gives no rate when no time passed', () => {
    expect(ratesBetween(sample(5, { a: 1 }), sample(5, { a: 2 }))).toEqual({});
  });

  it('keeps only the samples of the last minute but always one to compare with', () => {
    let window: StatsSample[] = [];
    for (const seconds of [0, 5, 30, 70]) window = addSample(window, sample(seconds, { a: seconds }));
    expect(window.map((entry) => entry.at / 1000)).toEqual([30, 70]);
    window = addSample(window, sample(200, { a: 200 }));
    expect(window.map((entry) => entry.at / 1000)).toEqual([70, 200]);
  });

  it('ignores a sample that is not newer than the last one', () => {
    const window = [sample(10, { a: 1 })];
    expect(addSample(window, sample(10, { a: 1 }))).toBe(window);
  });

  it('reads a sample from a stats answer', () => {
    expect(
      toSample({
        generatedAt: '1970-01-01T00:00:02.000Z',
        partners: [{ partnerId: 'a', accepted: 3, rejected: 0, duplicates: 0, lastSequenceNumber: 3 }],
      }),
    ).toEqual({ at: 2000, accepted: { a: 3 } });
  });

  it('computes the rejection rate over every processed submission', () => {
    expect(rejectionRate({ accepted: 90, rejected: 8, duplicates: 2 })).toBe(0.08);
    expect(rejectionRate({ accepted: 0, rejected: 0, duplicates: 0 })).toBeUndefined();
  });
});
