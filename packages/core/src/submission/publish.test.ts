import { describe, expect, it } from 'vitest';
import { eventBridge } from '../aws/limits';
import { type EventEntry, entrySize } from '../events/publisher';

const { maxEntriesPerRequest, maxRequestBytes } = eventBridge;

import { publishEntries } from './submit';

function entry(detailBytes: number): EventEntry {
  return {
    Source: 'orders.partner-a',
    DetailType: 'OrderSubmitted',
    Detail: JSON.stringify({ note: 'n'.repeat(detailBytes) }),
  };
}

/** A publisher that keeps each request and answers every entry as put. */
function recording() {
  const requests: EventEntry[][] = [];
  return {
    requests,
    publisher: {
      putEvents: async (entries: EventEntry[]) => {
        requests.push(entries);
        return { FailedEntryCount: 0, Entries: entries.map((_, i) => ({ EventId: `e-${i}` })) };
      },
    },
  };
}

const requestBytes = (entries: EventEntry[]) => entries.reduce((sum, e) => sum + entrySize(e), 0);

describe('publishing entries', () => {
  it('splits requests by bytes as well as by count, in order, losing none', async () => {
    const entries = [
      ...Array.from({ length: 12 }, () => entry(100_000)),
      ...Array.from({ length: 25 }, () => entry(10)),
    ];
    const { requests, publisher } = recording();
    await publishEntries({ publisher }, entries);
    expect(requests.flat()).toEqual(entries);
    for (const request of requests) {
      expect(request.length).toBeLessThanOrEqual(maxEntriesPerRequest);
      expect(requestBytes(request)).toBeLessThan(maxRequestBytes);
    }
    expect(requests.length).toBeGreaterThan(Math.ceil(entries.length / maxEntriesPerRequest));
  });

  it('measures an entry as EventBridge does: UTF-8 bytes of Source, DetailType, Detail and Resources, 14 for a Time', () => {
    const sized: EventEntry = {
      Source: 'orders.x',
      DetailType: 'T',
      Detail: '{"a":"€"}',
      Resources: ['r1', 'r22'],
      Time: new Date(),
    };
    expect(entrySize(sized)).toBe(8 + 1 + 11 + 2 + 3 + 14);
  });
});
