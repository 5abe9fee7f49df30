import { useEffect, useRef, useState } from 'react';
import type { PartnerStats, Stats } from './types';

/** Accepted counts per partner at one instant, as the stats endpoint reported them. */
export interface StatsSample {
  at: number;
  accepted: Record<string, number>;
}

/** Rates are averaged over the samples of this window, so one quiet poll does not read as zero. */
export const RATE_WINDOW_MS = 60_000;

export function toSample(stats: Stats): StatsSample {
  const accepted: Record<string, number> = {};
  for (const partner of stats.partners) accepted[partner.partnerId] = partner.accepted;
  return { at: Date.parse(stats.generatedAt), accepted };
}

/** Accepted orders per minute for each partner between two samples; none when no time passed. */
export function ratesBetween(first: StatsSample, last: StatsSample): Record<string, number> {
  const minutes = (last.at - first.at) / 60_000;
  const rates: Record<string, number> = {};
  if (!(minutes > 0)) return rates;
  for (const [partnerId, accepted] of Object.entries(last.accepted)) {
    const before = first.accepted[partnerId];
    // A partner that appeared since the first sample started from zero.
    rates[partnerId] = Math.max(0, accepted - (before ?? 0)) / minutes;
  }
  return rates;
}

/** Adds a sample to a window, dropping samples older than the window (but always keeping one to compare). */
export function addSample(
  window: StatsSample[],
  sample: StatsSample,
  windowMs = RATE_WINDOW_MS,
): StatsSample[] {
  const last = window.at(-1);
  if (last !== undefined && sample.at <= last.at) return window;
  const kept = [...window, sample].filter((entry) => sample.at - entry.at <= windowMs);
  return kept.length >= 2 ? kept : [...window.slice(-1), sample];
}

/** Orders per minute per partner, from successive stats polls; undefined until two polls have answered. */
export function useOrderRates(stats: Stats | undefined): Record<string, number> | undefined {
  const samples = useRef<StatsSample[]>([]);
  const [rates, setRates] = useState<Record<string, number>>();
  useEffect(() => {
    if (stats === undefined) return;
    const sample = toSample(stats);
    if (Number.isNaN(sample.at)) return;
    samples.current = addSample(samples.current, sample);
    const first = samples.current[0];
    const last = samples.current.at(-1);
    if (first !== undefined && last !== undefined && first !== last) setRates(ratesBetween(first, last));
  }, [stats]);
  return rates;
}

/** Share of processed submissions that were rejected; duplicates count as processed. */
export function rejectionRate(
  stats: Pick<PartnerStats, 'accepted' | 'rejected' | 'duplicates'>,
): number | undefined {
  const processed = stats.accepted + stats.rejected + stats.duplicates;
  return processed === 0 ? undefined : stats.rejected / processed;
}
