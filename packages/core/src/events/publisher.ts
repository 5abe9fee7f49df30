import { eventBridge } from '../aws/limits';

/** One entry of a PutEvents request, shaped as EventBridge takes it. */
export interface EventEntry {
  Source: string;
  DetailType: string;
  /** JSON text of an object. */
  Detail: string;
  EventBusName?: string;
  Time?: Date;
  Resources?: string[];
}

export type EventEntryResult = { EventId: string } | { ErrorCode: string; ErrorMessage: string };

export interface PutEventsResult {
  FailedEntryCount: number;
  Entries: EventEntryResult[];
}

/** Publishes events: the local bus, or EventBridge on AWS. */
export interface EventPublisher {
  putEvents(entries: EventEntry[]): Promise<PutEventsResult>;
}

const { maxEntriesPerRequest } = eventBridge;
// "The total entry size must be less than 256KB": a batch stays strictly below the limit.
const maxRequestBytes = eventBridge.maxRequestBytes - 1;

/**
 * An entry's size as EventBridge counts it: UTF-8 bytes of Source, DetailType, Detail and each Resources
 * entry, and 14 bytes for a Time (https://docs.aws.amazon.com/eventbridge/latest/userguide/calculate-putevents-entry-size.html).
 */
export function entrySize(entry: EventEntry): number {
  const bytes = (text: string | undefined) => Buffer.byteLength(text ?? '', 'utf8');
  return (
    (entry.Time === undefined ? 0 : eventBridge.timeEntryBytes) +
    bytes(entry.Source) +
    bytes(entry.DetailType) +
    bytes(entry.Detail) +
    (entry.Resources ?? []).reduce((sum, resource) => sum + bytes(resource), 0)
  );
}

/** Splits entries, in order, into requests within both the count and the size limit. */
export function batchEntries(entries: EventEntry[]): EventEntry[][] {
  const batches: EventEntry[][] = [];
  let batch: EventEntry[] = [];
  let size = 0;
  for (const entry of entries) {
    const bytes = entrySize(entry);
    if (batch.length > 0 && (batch.length === maxEntriesPerRequest || size + bytes > maxRequestBytes)) {
      batches.push(batch);
      batch = [];
      size = 0;
    }
    batch.push(entry);
    size += bytes;
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}
