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
