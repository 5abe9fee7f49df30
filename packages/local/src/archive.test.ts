import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Events } from '@orders/core';
import { afterAll, describe, expect, it } from 'vitest';
import { type BusEvent, LocalBus } from './bus';

const dir = mkdtempSync(join(tmpdir(), 'orders-archive-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const submitted = (partnerId: string, n: number, time: Date): Events.EventEntry => ({
  Source: Events.partnerSource(partnerId),
  DetailType: Events.detailTypes.orderSubmitted,
  Detail: JSON.stringify({ n }),
  Time: time,
});

function busWithRules(archiveFile?: string) {
  const bus = new LocalBus({ archive: { ...(archiveFile === undefined ? {} : { file: archiveFile }) } });
  const delivered: Record<string, BusEvent[]> = { OrderSubmitted: [], OrderRejected: [] };
  bus.addRule('OrderSubmitted', Events.rules.orderSubmitted.pattern, async (event) => {
    delivered.OrderSubmitted?.push(event);
  });
  bus.addRule('OrderRejected', Events.rules.orderRejected.pattern, async (event) => {
    delivered.OrderRejected?.push(event);
  });
  return { bus, delivered };
}

async function finished(bus: LocalBus, name: string): Promise<Events.Replay | undefined> {
  await bus.idle();
  return bus.describeReplay(name);
}

describe('the local bus’s archive', () => {
  it('replays the events of a time range to the named rules only, each with replay-name and its own id', async () => {
    const { bus, delivered } = busWithRules();
    const t = Date.now();
    await bus.putEvents([
      submitted('partner-a', 1, new Date(t - 60_000)),
      submitted('partner-a', 2, new Date(t - 30_000)),
      submitted('partner-b', 3, new Date(t - 30_000)),
      submitted('partner-a', 4, new Date(t - 5_000)),
      {
        Source: Events.workflowSource,
        DetailType: Events.detailTypes.orderRejected,
        Detail: '{"n":5}',
        Time: new Date(t - 30_000),
      },
    ]);
    await bus.idle();
    const originals = new Map(delivered.OrderSubmitted?.map((event) => [event.detail.n, event.id]));
    delivered.OrderSubmitted = [];
    delivered.OrderRejected = [];

    const started = bus.startReplay({
      name: 'r-1',
      from: new Date(t - 40_000),
      to: new Date(t - 10_000),
      rules: ['OrderSubmitted'],
    });
    expect(started).toMatchObject({ name: 'r-1', state: 'STARTING' });
    const replay = await finished(bus, 'r-1');
    expect(replay).toMatchObject({ state: 'COMPLETED', endedAt: expect.any(String) });
    expect(Date.parse(replay?.lastReplayedAt ?? '')).toBeLessThan(t - 10_000);
    expect(delivered.OrderSubmitted?.map((event) => event.detail.n).sort()).toEqual([2, 3]);
    for (const event of delivered.OrderSubmitted ?? []) {
      expect(event['replay-name']).toBe('r-1');
      expect(event.id).toBe(originals.get(event.detail.n));
    }
    // The rejection was archived too, but replays go to the named rules only.
    expect(delivered.OrderRejected).toEqual([]);
  });

  it('replays one partner’s submissions when asked, and refuses a name used before', async () => {
    const { bus, delivered } = busWithRules();
    const t = Date.now();
    await bus.putEvents([
      submitted('partner-a', 1, new Date(t - 20_000)),
      submitted('partner-b', 2, new Date(t - 20_000)),
    ]);
    await bus.idle();
    delivered.OrderSubmitted = [];
    const request = {
      name: 'only-b',
      from: new Date(t - 60_000),
      to: new Date(t),
      partnerId: 'partner-b',
      rules: ['OrderSubmitted'],
    };
    bus.startReplay(request);
    expect(await finished(bus, 'only-b')).toMatchObject({ state: 'COMPLETED', partnerId: 'partner-b' });
    expect(delivered.OrderSubmitted?.map((event) => event.source)).toEqual(['orders.partner-b']);
    expect(() => bus.startReplay(request)).toThrow(Events.ReplayExistsError);
    expect(bus.describeReplay('never-started')).toBeUndefined();
  });

  it('is kept on disk across restarts, and drops what is past its 30 days or over its bound', async () => {
    const file = join(dir, 'archive.jsonl');
    const t = Date.now();
    const first = busWithRules(file);
    await first.bus.putEvents([
      submitted('partner-a', 1, new Date(t - 31 * 24 * 60 * 60 * 1000)),
      submitted('partner-a', 2, new Date(t - 1_000)),
    ]);
    await first.bus.idle();
    expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(1);

    const second = busWithRules(file);
    expect(second.bus.archive.size).toBe(1);
    second.bus.startReplay({
      name: 'after-restart',
      from: new Date(t - 60_000),
      to: new Date(t),
      rules: ['OrderSubmitted'],
    });
    await second.bus.idle();
    expect(second.delivered.OrderSubmitted?.map((event) => event.detail.n)).toEqual([2]);

    const bounded = new LocalBus({ archive: { maxEvents: 10 } });
    for (let i = 0; i < 3; i++) {
      await bounded.putEvents(
        Array.from({ length: 10 }, (_, n) => submitted('partner-a', i * 10 + n, new Date(t))),
      );
    }
    expect(bounded.archive.size).toBeLessThanOrEqual(10);
    expect(bounded.archive.size).toBeGreaterThan(0);
  });
});
