import type { Events } from '@orders/core';
import { eventBridge } from '@orders/core/aws/limits';
import { describe, expect, it } from 'vitest';
import { type BusEvent, entrySize, LocalBus } from './bus';

const entry = (
  detail: Record<string, unknown>,
  extra: Partial<Events.EventEntry> = {},
): Events.EventEntry => ({
  Source: 'orders.test',
  DetailType: 'Probe',
  Detail: JSON.stringify(detail),
  ...extra,
});

async function refusal(bus: LocalBus, entries: Events.EventEntry[]): Promise<Error | undefined> {
  return bus.putEvents(entries).then(
    () => undefined,
    (error: Error) => error,
  );
}

describe('PutEvents on the local bus', () => {
  it('computes entry size as EventBridge documents it', () => {
    const time = new Date();
    const sized = entry({ a: '€' }, { Time: time, Resources: ['r1', 'r22'] });
    // Time 14, Source 11, DetailType 5, Detail {"a":"€"} 11 bytes, Resources 2 + 3.
    expect(entrySize(sized)).toBe(14 + 11 + 5 + 11 + 5);
    expect(entrySize(entry({}))).toBe(11 + 5 + 2);
  });

  it('refuses more than 10 entries, whole, with ValidationException, putting none', async () => {
    const bus = new LocalBus();
    const delivered: BusEvent[] = [];
    bus.addRule('All', { source: ['orders.test'] }, async (event) => {
      delivered.push(event);
    });
    const entries = Array.from({ length: eventBridge.maxEntriesPerRequest + 1 }, (_, n) => entry({ n }));
    expect((await refusal(bus, entries))?.name).toBe('ValidationException');
    expect((await refusal(bus, []))?.name).toBe('ValidationException');
    await bus.idle();
    expect(delivered).toEqual([]);
    const result = await bus.putEvents(entries.slice(0, eventBridge.maxEntriesPerRequest));
    expect(result.FailedEntryCount).toBe(0);
  });

  it('refuses a request over 256 KB, whole, with ValidationException', async () => {
    const bus = new LocalBus();
    const base = entrySize(entry({ text: '' }));
    const exactly = entry({ text: 'x'.repeat(eventBridge.maxRequestBytes - base) });
    expect(entrySize(exactly)).toBe(eventBridge.maxRequestBytes);
    expect((await bus.putEvents([exactly])).FailedEntryCount).toBe(0);

    const half = entry({ text: 'x'.repeat(eventBridge.maxRequestBytes / 2) });
    const error = await refusal(bus, [half, half]);
    expect(error?.name).toBe('ValidationException');
    expect(error?.message).toContain(eventBridge.requestTooLargeMessage);
  });

  it('still fails entries one by one within a valid request', async () => {
    const bus = new LocalBus();
    const result = await bus.putEvents([entry({ ok: true }), { ...entry({}), Detail: 'not json' }]);
    expect(result.FailedEntryCount).toBe(1);
    expect(result.Entries[1]).toMatchObject({ ErrorCode: 'MalformedDetail' });
  });
});
