/**
 * A fixed latency histogram: bin 0 holds 0–1 ms, bin i (1 … `maxLatencyBin`) holds
 * (2^((i−1)/4), 2^(i/4)] ms, four bins to an octave, and the last bin also holds everything longer
 * (2^24 ms is about 4.7 hours). A bin is reported as its geometric middle, 2^((i−½)/4) ms, which is within
 * a factor 2^(1/8) of every value in it: a reported percentile is at most 9.1% from the sample it stands
 * for (bin 0 is reported as 1 ms, at most 1 ms off). The bins are fixed, so histograms of any minutes, hours
 * or shards merge by adding counts.
 */
export const binsPerOctave = 4;
export const maxLatencyBin = 24 * binsPerOctave;
/** The largest relative error of a reported percentile above 1 ms: 2^(1/8) − 1. */
export const latencyBinError = 2 ** (1 / (2 * binsPerOctave)) - 1;

export type LatencyBinName = `l${number}`;

/** The bin a latency in milliseconds falls in. */
export function latencyBin(ms: number): number {
  if (!(ms > 1)) return 0;
  return Math.min(maxLatencyBin, Math.ceil(binsPerOctave * Math.log2(ms) - 1e-9));
}

/** The attribute that counts bin `bin` on a trend item. */
export function latencyBinName(bin: number): LatencyBinName {
  return `l${bin}`;
}

/** Every bin's attribute name, in order. */
export const latencyBinNames: readonly LatencyBinName[] = Array.from(
  { length: maxLatencyBin + 1 },
  (_, bin) => latencyBinName(bin),
);

/** The value a bin is reported as, in milliseconds, to a tenth. */
export function binValue(bin: number): number {
  if (bin === 0) return 1;
  return Math.round(10 * 2 ** ((bin - 0.5) / binsPerOctave)) / 10;
}

export interface Percentiles {
  p50: number;
  p95: number;
  p99: number;
}

/**
 * p50, p95 and p99 of a histogram (counts indexed by bin) by nearest rank: the q-th percentile is the bin of
 * the ⌈q·n⌉-th smallest sample. Null when it holds no sample.
 */
export function percentiles(counts: readonly number[]): Percentiles | null {
  const total = counts.reduce((sum, count) => sum + count, 0);
  if (total === 0) return null;
  const at = (q: number): number => {
    const rank = Math.max(1, Math.ceil(q * total));
    let seen = 0;
    for (let bin = 0; bin < counts.length; bin++) {
      seen += counts[bin] ?? 0;
      if (seen >= rank) return binValue(bin);
    }
    return binValue(counts.length - 1);
  };
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99) };
}
