import { describe, expect, it } from 'vitest';
import type { EventEntry, EventPublisher, PutEventsResult } from './publisher';
import { type DeadLetter, type DeadLetterQueue, redriveDeadLetters } from './redrive';

/** A queue over a list, as the contract asks: each letter handed out once, removed only when told. */
function listQueue(events: unknown[]): DeadLetterQueue & { left: () => unknown[] } {
  const kept = events.map((event, index) => ({ receipt: `r-${index}`, event }));
  let next = 0;
  return {
    receive: async (max) => {
      const batch = kept.slice(next, next + max);
      next += batch.length;
      return batch;
    },
    remove: async (letters: DeadLetter[]) => {
      for (const letter of letters) {
        const at = kept.indexOf(letter);
        if (at < 0) continue;
        kept.splice(at, 1);
        // Letters before `next` were handed out already; the cursor moves with them.
        if (at < next) next--;
      }
    },
    left: () => kept.map((letter) => letter.event),
  };
}

/** A bus that takes every entry but those whose source it was told to refuse, and keeps what it took. */
function bus(refusedSource?: string): EventPublisher & { taken: EventEntry[] } {
  const taken: EventEntry[] = [];
  return {
    taken,
    putEvents: async (entries): Promise<PutEventsResult> => {
      const results = entries.map((entry) => {
        if (entry.Source === refusedSource) return { ErrorCode: 'InternalFailure', ErrorMessage: 'refused' };
        taken.push(entry);
        return { EventId: `e-${taken.length}` };
      });
      return { FailedEntryCount: results.filter((result) => 'ErrorCode' in result).length, Entries: results };
    },
  };
}

function delivered(n: number, source = 'orders.partner-a') {
  return {
    version: '0',
    id: `original-${n}`,
    'detail-type': 'OrderSubmitted',
    source,
    account: '123456789012',
    time: '2024-05-01T12:00:00Z',
    region: 'us-east-1',
    resources: [],
    detail: { submissionId: `s-${n}`, partnerId: 'partner-a' },
  };
}

describe('redriving dead letters', () => {
  it('puts every letter back on the bus as it was, in batches of 10, and empties the queue', async () => {
    const letters = Array.from({ length: 23 }, (_, n) => delivered(n));
    const queue = listQueue(letters);
    const target = bus();
    expect(await redriveDeadLetters(queue, target, 'staging-orders')).toEqual({
      redriven: 23,
      refused: 0,
      unreadable: 0,
    });
    expect(queue.left()).toEqual([]);
    expect(target.taken).toHaveLength(23);
    expect(target.taken[0]).toEqual({
      EventBusName: 'staging-orders',
      Source: 'orders.partner-a',
      DetailType: 'OrderSubmitted',
      Detail: JSON.stringify({ submissionId: 's-0', partnerId: 'partner-a' }),
      Time: new Date('2024-05-01T12:00:00Z'),
    });
  });

  it('keeps letters the bus refuses and letters that are no EventBridge event', async () => {
    const refused = delivered(1, 'orders.partner-b');
    const unreadable = { not: 'an event' };
    const queue = listQueue([delivered(0), refused, unreadable, delivered(2)]);
    expect(await redriveDeadLetters(queue, bus('orders.partner-b'), 'orders')).toEqual({
      redriven: 2,
      refused: 1,
      unreadable: 1,
    });
    expect(queue.left()).toEqual([refused, unreadable]);
  });
});
