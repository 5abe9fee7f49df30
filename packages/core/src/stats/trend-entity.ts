import { Entity, type EntityConfiguration } from 'electrodb';
import { idCasing } from '../order/entity';
import { type LatencyBinName, latencyBinNames } from './histogram';

/**
 * A partner's trend counters are spread over this many partition keys, each settlement on the one its
 * submission id picks. One partition key value takes about 1,000 write units a second
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/bp-partition-key-design.html) and a
 * settlement writes its minute and its hour (1 unit each: the items stay under 1 KB), so at a partner's
 * 1,000 orders a second four shards take ~500 units each, half the limit. Reads sum the four.
 */
export const trendShardCount = 4;
export const trendShards: readonly string[] = Array.from({ length: trendShardCount }, (_, shard) =>
  String(shard),
);

/** The two bucket sizes the counters keep, how long each lasts, and the code in their sort keys. */
export const trendResolutions = {
  '1m': { code: 'm', ms: 60_000, keepMs: 2 * 24 * 3_600_000 },
  '1h': { code: 'h', ms: 3_600_000, keepMs: 30 * 24 * 3_600_000 },
} as const;

export type TrendBucket = keyof typeof trendResolutions;

const latencyBins = Object.fromEntries(
  latencyBinNames.map((name) => [name, { type: 'number' } as const]),
) as Record<LatencyBinName, { type: 'number' }>;

/**
 * One shard of a partner's counts for one minute or one hour: outcomes and the latency histogram, every
 * attribute added to with ADD. Base table only: pk per partner and shard, sk by resolution and bucket start.
 */
export const createPartnerTrendEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: 'partnerTrend', version: '1', service: 'orders' },
      attributes: {
        partnerId: { type: 'string', required: true, readOnly: true },
        shard: { type: 'string', required: true, readOnly: true },
        resolution: { type: ['m', 'h'] as const, required: true, readOnly: true },
        /** The bucket's first instant, ISO. */
        start: { type: 'string', required: true, readOnly: true },
        accepted: { type: 'number' },
        rejected: { type: 'number' },
        duplicates: { type: 'number' },
        /** Epoch seconds, the table's TTL attribute. */
        expiresAt: { type: 'number' },
        ...latencyBins,
      },
      indexes: {
        byBucket: {
          // Partner ids are case-sensitive: keys keep their case, as every other entity's do.
          pk: { field: 'pk', composite: ['partnerId', 'shard'], casing: idCasing },
          sk: { field: 'sk', composite: ['resolution', 'start'], casing: idCasing },
        },
      },
    },
    config,
  );

export type PartnerTrendEntity = ReturnType<typeof createPartnerTrendEntity>;
