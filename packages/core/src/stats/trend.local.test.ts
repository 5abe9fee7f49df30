import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type SubmissionSettlement, settleSubmission } from '../submission/submission';
import { useTestStore } from '../testing/dynamo';
import { latencyBinError } from './histogram';
import { readTrend, trendShardOf } from './trend';
import { trendShards } from './trend-entity';

const db = useTestStore();

// Settled at 12:03:30 of a day of its own per test, so that tests do not see each other's counts.
function minuteOf(day: number): Date {
  return new Date(Date.UTC(2030, 0, day, 12, 3, 30));
}

function settlement(
  partnerId: string,
  status: SubmissionSettlement['status'],
  now: Date,
  overrides: Partial<SubmissionSettlement> = {},
): SubmissionSettlement {
  return {
    partnerId,
    submissionId: randomUUID(),
    status,
    receivedAt: new Date(now.getTime() - 1_000).toISOString(),
    payload: { orderId: 'A-1' },
    executionId: 'exec-1',
    now,
    ...overrides,
  };
}

afterEach(() => {
  db.engine.faults.clear();
  vi.restoreAllMocks();
});

describe('the trend counters', () => {
  it('count 3 accepted, 2 rejected and 1 duplicate settled in one minute, and zeros around it', async () => {
    const now = minuteOf(1);
    const statuses = ['accepted', 'accepted', 'accepted', 'rejected', 'rejected', 'duplicate'] as const;
    for (const status of statuses) {
      expect(await settleSubmission(db.store, settlement('partner-a', status, now))).toBe(true);
    }
    const points = await readTrend(db.store, {
      from: new Date(Date.UTC(2030, 0, 1, 12, 2)),
      to: new Date(Date.UTC(2030, 0, 1, 12, 5)),
      bucket: '1m',
      partnerIds: ['partner-a', 'partner-b'],
      now,
    });
    expect(points.map(({ latencyMs: _, ...counts }) => counts)).toEqual([
      { start: '2030-01-01T12:02:00.000Z', partnerId: 'partner-a', accepted: 0, rejected: 0, duplicates: 0 },
      { start: '2030-01-01T12:03:00.000Z', partnerId: 'partner-a', accepted: 3, rejected: 2, duplicates: 1 },
      { start: '2030-01-01T12:04:00.000Z', partnerId: 'partner-a', accepted: 0, rejected: 0, duplicates: 0 },
      { start: '2030-01-01T12:02:00.000Z', partnerId: 'partner-b', accepted: 0, rejected: 0, duplicates: 0 },
      { start: '2030-01-01T12:03:00.000Z', partnerId: 'partner-b', accepted: 0, rejected: 0, duplicates: 0 },
      { start: '2030-01-01T12:04:00.000Z', partnerId: 'partner-b', accepted: 0, rejected: 0, duplicates: 0 },
    ]);
    const hours = await readTrend(db.store, {
      from: new Date(Date.UTC(2030, 0, 1, 11)),
      to: new Date(Date.UTC(2030, 0, 1, 13)),
      bucket: '1h',
      partnerIds: ['partner-a'],
      now,
    });
    expect(hours.map((point) => [point.start, point.accepted, point.rejected, point.duplicates])).toEqual([
      ['2030-01-01T11:00:00.000Z', 0, 0, 0],
      ['2030-01-01T12:00:00.000Z', 3, 2, 1],
    ]);
  });

  it('does not count a redelivered settlement twice', async () => {
    const now = minuteOf(2);
    const rejected = settlement('partner-a', 'rejected', now);
    const accepted = settlement('partner-a', 'accepted', now, { storedAt: now.toISOString() });
    expect(await settleSubmission(db.store, rejected)).toBe(true);
    expect(await settleSubmission(db.store, accepted)).toBe(true);
    expect(await settleSubmission(db.store, rejected)).toBe(false);
    expect(await settleSubmission(db.store, accepted)).toBe(false);
    const [point] = await readTrend(db.store, {
      from: now,
      to: new Date(now.getTime() + 1),
      bucket: '1m',
      partnerIds: ['partner-a'],
      now,
    });
    expect(point).toMatchObject({ accepted: 1, rejected: 1, duplicates: 0 });
    expect(point?.latencyMs).not.toBeNull();
  });

  it('gives latency percentiles from receipt to stored within the bins’ error', async () => {
    const now = minuteOf(3);
    // 100 accepted orders: 1 … 100 ms apart from 10 ms, so p50 = 59 ms, p95 = 104 ms, p99 = 108 ms.
    const latencies = Array.from({ length: 100 }, (_, i) => 10 + i);
    await Promise.all(
      latencies.map((ms) =>
        settleSubmission(
          db.store,
          settlement('partner-b', 'accepted', now, {
            receivedAt: new Date(now.getTime() - ms).toISOString(),
            storedAt: now.toISOString(),
          }),
        ),
      ),
    );
    const [point] = await readTrend(db.store, {
      from: now,
      to: new Date(now.getTime() + 1),
      bucket: '1m',
      partnerIds: ['partner-b'],
      now,
    });
    expect(point?.accepted).toBe(100);
    const within = (reported: number | undefined, exact: number) =>
      expect(Math.abs((reported ?? 0) - exact)).toBeLessThanOrEqual(exact * latencyBinError + 0.05);
    within(point?.latencyMs?.p50, 59);
    within(point?.latencyMs?.p95, 104);
    within(point?.latencyMs?.p99, 108);
  });

  it('spreads a partner’s counts over its shards and sums them on read', async () => {
    const now = minuteOf(4);
    const items = Array.from({ length: 40 }, () => settlement('partner-a', 'rejected', now));
    await Promise.all(items.map((item) => settleSubmission(db.store, item)));
    const perShard = await Promise.all(
      trendShards.map(async (shard) => {
        const { data } = await db.store.entities.partnerTrend.query
          .byBucket({ partnerId: 'partner-a', shard })
          .begins({ resolution: 'm', start: '2030-01-04' })
          .go();
        return data.reduce((sum, item) => sum + (item.rejected ?? 0), 0);
      }),
    );
    const expected = trendShards.map(
      (shard) => items.filter((item) => trendShardOf(item.submissionId) === shard).length,
    );
    expect(perShard).toEqual(expected);
    expect(perShard.filter((count) => count > 0).length).toBeGreaterThan(1);
    const [point] = await readTrend(db.store, {
      from: now,
      to: new Date(now.getTime() + 1),
      bucket: '1m',
      partnerIds: ['partner-a'],
      now,
    });
    expect(point?.rejected).toBe(40);
  });

  it('keeps the minutes two days and the hours thirty, and hides what has expired', async () => {
    const now = minuteOf(5);
    await settleSubmission(db.store, settlement('partner-a', 'duplicate', now));
    const all = (
      await Promise.all(
        trendShards.map((shard) =>
          db.store.entities.partnerTrend.query
            .byBucket({ partnerId: 'partner-a', shard })
            .begins({ resolution: 'h', start: '2030-01-05' })
            .go(),
        ),
      )
    ).flatMap((page) => page.data);
    expect(all.map((item) => item.expiresAt)).toEqual([Date.UTC(2030, 0, 5, 12) / 1000 + 30 * 86_400]);
    const later = new Date(now.getTime() + 2 * 86_400_000);
    const [minute] = await readTrend(db.store, {
      from: now,
      to: new Date(now.getTime() + 1),
      bucket: '1m',
      partnerIds: ['partner-a'],
      now: later,
    });
    expect(minute?.duplicates).toBe(0);
    const [hour] = await readTrend(db.store, {
      from: now,
      to: new Date(now.getTime() + 1),
      bucket: '1h',
      partnerIds: ['partner-a'],
      now: later,
    });
    expect(hour?.duplicates).toBe(1);
  });

  it('settles the submission when its counters cannot be written, and says so in a warning', async () => {
    const now = minuteOf(6);
    const keys = trendShards.map(
      (shard) =>
        db.store.entities.partnerTrend
          .get({ partnerId: 'partner-c', shard, resolution: 'm', start: 'x' })
          .params<{ Key: { pk: string } }>().Key.pk,
    );
    for (const key of keys) db.engine.faults.throttle({ key, error: 'ThrottlingException' });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const before = db.engine.faults.injected;
    const item = settlement('partner-c', 'rejected', now);
    expect(await settleSubmission(db.store, item)).toBe(true);
    expect(db.engine.faults.injected - before).toBeGreaterThanOrEqual(2);
    expect(warn).toHaveBeenCalledTimes(2);
    expect(String(warn.mock.calls[0]?.[0])).toContain('trend counter not updated');
    expect(String(warn.mock.calls[0]?.[0])).not.toContain(item.submissionId);
    db.engine.faults.clear();
    const [point] = await readTrend(db.store, {
      from: now,
      to: new Date(now.getTime() + 1),
      bucket: '1m',
      partnerIds: ['partner-c'],
      now,
    });
    expect(point?.rejected).toBe(0);
    const stored = await db.store.entities.submission
      .get({ partnerId: 'partner-c', submissionId: item.submissionId })
      .go();
    expect(stored.data?.status).toBe('rejected');
  });
});
