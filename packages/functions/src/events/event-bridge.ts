import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import type { Events } from '@orders/core';

/** Publishes through EventBridge PutEvents; per-entry failures are reported, not thrown, as AWS does. */
export class EventBridgePublisher implements Events.EventPublisher {
  constructor(private readonly client: EventBridgeClient = new EventBridgeClient({})) {}

  async putEvents(entries: Events.EventEntry[]): Promise<Events.PutEventsResult> {
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
