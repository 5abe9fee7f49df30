import * as v from 'valibot';
import type { EventEntry, EventPublisher } from './publisher';

/** An event a rule could not deliver to its target, as its dead-letter queue keeps it. */
export interface DeadLetter {
  /** What the queue needs to remove this letter once it is back on the bus. */
  receipt: string;
  /** The event as EventBridge would have delivered it (an EventBridge DLQ message's body, parsed). */
  event: unknown;
}

/**
 * A rule's dead letters: an SQS dead-letter queue on AWS, the local bus's list locally. `receive` hands out
 * letters not handed out before in this redrive, and an empty answer when there are none left.
 */
export interface DeadLetterQueue {
  receive(max: number): Promise<DeadLetter[]>;
  remove(letters: DeadLetter[]): Promise<void>;
}

export interface RedriveReport {
  /** Put back on the bus and removed from the queue. */
  redriven: number;
  /** Refused by the bus: left in the queue for another try. */
  refused: number;
  /** Not an EventBridge event: left in the queue for a person to look at. */
  unreadable: number;
}

// PutEvents takes at most 10 entries per request
// (https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutEvents.html), and an SQS receive
// returns at most 10 messages.
const lettersPerBatch = 10;

// The envelope fields an event needs to be put again; the bus gives it a new id and keeps the rest.
const DeliveredEvent = v.object({
  source: v.pipe(v.string(), v.nonEmpty()),
  'detail-type': v.pipe(v.string(), v.nonEmpty()),
  detail: v.record(v.string(), v.unknown()),
  time: v.optional(v.string()),
  resources: v.optional(v.array(v.string())),
});

/**
 * Puts every dead letter of a queue back on the bus, where the rules route it as they routed it first, and
 * removes it from the queue only once the bus has taken it. Every consumer is idempotent per submission, so
 * an event that had in fact got through once is not harmed by a second delivery.
 */
export async function redriveDeadLetters(
  queue: DeadLetterQueue,
  publisher: EventPublisher,
  busName: string,
): Promise<RedriveReport> {
  const report: RedriveReport = { redriven: 0, refused: 0, unreadable: 0 };
  let letters = await queue.receive(lettersPerBatch);
  while (letters.length > 0) {
    const readable: { letter: DeadLetter; entry: EventEntry }[] = [];
    for (const letter of letters) {
      const parsed = v.safeParse(DeliveredEvent, letter.event);
      if (parsed.success) readable.push({ letter, entry: toEntry(parsed.output, busName) });
      else report.unreadable++;
    }
    if (readable.length > 0) {
      const result = await publisher.putEvents(readable.map(({ entry }) => entry));
      const taken = readable.filter((_, index) => {
        const entry = result.Entries[index];
        return entry !== undefined && 'EventId' in entry;
      });
      await queue.remove(taken.map(({ letter }) => letter));
      report.redriven += taken.length;
      report.refused += readable.length - taken.length;
    }
    letters = await queue.receive(lettersPerBatch);
  }
  return report;
}

function toEntry(event: v.InferOutput<typeof DeliveredEvent>, busName: string): EventEntry {
  const time = event.time === undefined ? undefined : new Date(event.time);
  return {
    EventBusName: busName,
    Source: event.source,
    DetailType: event['detail-type'],
    Detail: JSON.stringify(event.detail),
    ...(time === undefined || Number.isNaN(time.getTime()) ? {} : { Time: time }),
    ...(event.resources === undefined || event.resources.length === 0 ? {} : { Resources: event.resources }),
  };
}
