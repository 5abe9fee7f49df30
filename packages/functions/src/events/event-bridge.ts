import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import type { EventEntry, EventPublisher, PutEventsResult } from '@orders/core/events/publisher';

/** Publishes through EventBridge PutEvents; per-entry failures are reported, not thrown, as AWS does. */
export class EventBridgePublisher implements EventPublisher {
  constructor(private readonly client: EventBridgeClient = new EventBridgeClient({})) {}

  async putEvents(entries: EventEntry[]): Promise<PutEventsResult> {
    const result = await this.client.send(new PutEventsCommand({ Entries: entries }));
    return {
      FailedEntryCount: result.FailedEntryCount ?? 0,
      Entries: (result.Entries ?? []).map((entry) =>
        entry.EventId !== undefined
          ? { EventId: entry.EventId }
          : { ErrorCode: entry.ErrorCode ?? 'Unknown', ErrorMessage: entry.ErrorMessage ?? '' },
      ),
    };
  }
}
