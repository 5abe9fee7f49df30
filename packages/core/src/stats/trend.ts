import { createHash } from 'node:crypto';
import type { Store } from '../storage/store';
import { latencyBin, latencyBinName, latencyBinNames, type Percentiles, percentiles } from './histogram';
import { type TrendBucket, trendResolutions, trendShardCount, trendShards } from './trend-entity';

export type TrendOutcome = 'accepted' | 'rejected' | 'duplicate';

export interface TrendSettlement {
  partnerId: string;
  submissionId: string;
  outcome: TrendOutcome;
  /** When the submission was settled: the minute and hour it is counted in. */
  at: Date;
  /** Receipt to stored, for an accepted order. */
  latencyMs?: number;
}

const counterOf = { accepted: 'accepted', rejected: 'rejected', duplicate: 'duplicates' } as const;

/** The shard a submission's counts go to, from its id, so every retry of it picks the same one. */
export function trendShardOf(submissionId: string): string {
  const shard = createHash('sha256').update(submissionId).digest().readUInt32BE(0) % trendShardCount;
  return trendShards[shard] as string;
}

/** The first instant of the bucket that holds `time`. */
export function bucketStart(time: number, bucket: TrendBucket): number {
  const { ms } = trendResolutions[bucket];
  return Math.floor(time / ms) * ms;
}

/**
 * Adds one settled submission to its partner's minute and hour counters (ADD, one UpdateItem each). Best
 * effort: the settlement already committed and is the truth, so a counter that cannot be written is
 * logged and left behind, never thrown.
 */
export async function recordTrend(store: Store, settlement: TrendSettlement): Promise<void> {
  const { partnerId, submissionId, outcome, at, latencyMs } = settlement;
  const shard = trendShardOf(submissionId);
  const added: Record<string, number> = { [counterOf[outcome]]: 1 };
  if (latencyMs !== undefined && Number.isFinite(latencyMs)) {
    added[latencyBinName(latencyBin(Math.max(0, latencyMs)))] = 1;
  }
  const writes = (Object.keys(trendResolutions) as TrendBucket[]).map(async (bucket) => {
    const { code, keepMs } = trendResolutions[bucket];
    const start = bucketStart(at.getTime(), bucket);
    try {
      await store.entities.partnerTrend
        .upsert({ partnerId, shard, resolution: code, start: new Date(start).toISOString() })
        .add(added)
        .set({ expiresAt: Math.ceil((start + keepMs) / 1000) })
        .go({ response: 'none' });
    } catch (error) {
      // Only names: a counter's failure says nothing about the order, and payloads stay out of logs.
      console.warn(
        JSON.stringify({
          level: 'WARN',
          message: 'trend counter not updated; the settlement stands',
          partnerId,
          bucket,
          error: error instanceof Error ? error.name : 'unknown',
        }),
      );
    }
  });
  await Promise.all(writes);
}

export interface TrendQuery {
  /** First instant, inclusive: the bucket that holds it is the first one answered. */
  from: Date;
  /** Last instant, exclusive. */
  to: Date;
  bucket: TrendBucket;
  partnerIds: readonly string[];
  now?: Date;
}

export interface TrendPoint {
  start: string;
  partnerId: string;
  accepted: number;
  rejected: number;
  duplicates: number;
  latencyMs: Percentiles | null;
}

interface Sum {
  accepted: number;
  rejected: number;
  duplicates: number;
  bins: number[];
}

/**
 * Per partner and bucket, from `from`'s bucket up to `to`: the counts and latency percentiles, summed over
 * the shards, zeros where nothing was settled. One Query per partner and shard on the base table's
 * partition, a key condition on the bucket start; no scan, no index.
 */
export async function readTrend(store: Store, query: TrendQuery): Promise<TrendPoint[]> {
  const { code, ms } = trendResolutions[query.bucket];
  const first = bucketStart(query.from.getTime(), query.bucket);
  const starts: number[] = [];
  for (let start = first; start < query.to.getTime(); start += ms) starts.push(start);
  const last = starts[starts.length - 1];
  if (last === undefined) return [];
  const nowSeconds = (query.now ?? new Date()).getTime() / 1000;
  const perPartner = await Promise.all(
    query.partnerIds.map(async (partnerId) => {
      const sums = new Map<string, Sum>();
      const shards = await Promise.all(
        trendShards.map((shard) =>
          store.entities.partnerTrend.query
            .byBucket({ partnerId, shard })
            .between(
              { resolution: code, start: new Date(first).toISOString() },
              { resolution: code, start: new Date(last).toISOString() },
            )
            .go({ pages: 'all' }),
        ),
      );
      for (const item of shards.flatMap((page) => page.data)) {
        // DynamoDB removes expired items only eventually.
        if (item.expiresAt !== undefined && item.expiresAt <= nowSeconds) continue;
        const sum = sums.get(item.start) ?? emptySum();
        sum.accepted += item.accepted ?? 0;
        sum.rejected += item.rejected ?? 0;
        sum.duplicates += item.duplicates ?? 0;
        latencyBinNames.forEach((name, bin) => {
          const count = Reflect.get(item, name);
          if (typeof count === 'number') sum.bins[bin] = (sum.bins[bin] ?? 0) + count;
        });
        sums.set(item.start, sum);
      }
      return starts.map((start): TrendPoint => {
        const iso = new Date(start).toISOString();
        const sum = sums.get(iso) ?? emptySum();
        return {
          start: iso,
          partnerId,
          accepted: sum.accepted,
          rejected: sum.rejected,
          duplicates: sum.duplicates,
          latencyMs: percentiles(sum.bins),
        };
      });
    }),
  );
  return perPartner.flat();
}

function emptySum(): Sum {
  return { accepted: 0, rejected: 0, duplicates: 0, bins: latencyBinNames.map(() => 0) };
}
