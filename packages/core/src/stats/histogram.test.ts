import { describe, expect, it } from 'vitest';
import { binValue, latencyBin, latencyBinError, maxLatencyBin, percentiles } from './histogram';

describe('the latency histogram', () => {
  it('reports every latency from 1 ms to 2^24 ms within the stated error of itself', () => {
    for (let ms = 1.001; ms < 2 ** 24; ms *= 1.013) {
      const reported = binValue(latencyBin(ms));
      // The tenth-of-a-millisecond rounding adds at most 0.05 ms.
      expect(Math.abs(reported - ms)).toBeLessThanOrEqual(ms * latencyBinError + 0.05);
    }
    expect(latencyBinError).toBeCloseTo(0.0905, 4);
  });

  it('puts 0 and 1 ms in the first bin and anything past 2^24 ms in the last', () => {
    expect(latencyBin(0)).toBe(0);
    expect(latencyBin(1)).toBe(0);
    expect(latencyBin(1.01)).toBe(1);
    expect(latencyBin(2)).toBe(4);
    expect(latencyBin(2 ** 30)).toBe(maxLatencyBin);
  });

  it('takes percentiles by nearest rank over the merged counts', () => {
    const counts = Array.from({ length: maxLatencyBin + 1 }, () => 0);
    // 100 samples: 90 at 10 ms, 9 at 100 ms, 1 at 1,000 ms.
    counts[latencyBin(10)] = 90;
    counts[latencyBin(100)] = 9;
    counts[latencyBin(1_000)] = 1;
    expect(percentiles(counts)).toEqual({
      p50: binValue(latencyBin(10)),
      p95: binValue(latencyBin(100)),
      p99: binValue(latencyBin(100)),
    });
    counts[latencyBin(1_000)] = 2;
    expect(percentiles(counts)?.p99).toBe(binValue(latencyBin(1_000)));
  });

  it('has no percentiles without samples', () => {
    expect(percentiles([0, 0, 0])).toBeNull();
  });
});
