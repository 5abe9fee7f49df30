import type * as v from 'valibot';
import {
  AnySubmittedEvent,
  DirectOrderSubmitted,
  Failure,
  OrderAccepted,
  OrderAcceptedEvent,
  OrderRejected,
  OrderRejectedEvent,
  OrderSubmitted,
} from '../events/contracts';
import { detailTypes } from '../events/sources';
import { Issue } from '../order/issue';
import { type JsonSchema, toJsonSchemas } from './json-schema';

const events = {
  [detailTypes.orderSubmitted]: {
    event: AnySubmittedEvent,
    detail: OrderSubmitted,
    others: { DirectOrderSubmitted },
    description:
      'A partner order as received, before validation: `source` is `orders.<partnerId>`, `detail-type` `OrderSubmitted`. The workflow validates, numbers and stores it. Two forms: a partner publishing from its own AWS account puts `DirectOrderSubmitted`, `{ "order": <the order in the partner’s format> }`, whose submission id is the event `id` and whose received time is the event `time` (the execution’s start instead when that time is later, or more than 24 hours earlier); the HTTP feed puts `OrderSubmitted`, the submission it has recorded.',
  },
  [detailTypes.orderAccepted]: {
    event: OrderAcceptedEvent,
    detail: OrderAccepted,
    description:
      'An order the workflow accepted and stored, published after the write committed: `source` is `orders.workflow`. Delivered at least once: deduplicate on `detail.deduplicationId` (`<partnerId>/<sequenceNumber>`).',
  },
  [detailTypes.orderRejected]: {
    event: OrderRejectedEvent,
    detail: OrderRejected,
    description:
      'A submission the workflow rejected, with every issue found: `source` is `orders.workflow`. `category` is `validation`, `conflict` (the external id was reused with other content) or `processing`.',
  },
} as const;

/** The event detail types published as JSON Schema. */
export const publishedEvents = Object.keys(events) as (keyof typeof events)[];

/**
 * The JSON Schema (draft 2020-12) of an event on the orders bus, as consumers receive it: the EventBridge
 * envelope with its detail, generated from the valibot schemas every consumer parses with.
 */
export function eventJsonSchema(detailType: keyof typeof events): JsonSchema {
  const entry = events[detailType];
  const { event, detail, description } = entry;
  const others = 'others' in entry ? entry.others : {};
  const { Event, ...defs } = toJsonSchemas(
    { Event: event as v.GenericSchema, [detailType]: detail, ...others, Issue, Failure } as Record<
      string,
      v.GenericSchema
    >,
    // The envelope's `source` check (`orders.` prefix) becomes the pattern below.
    { refBase: '#/$defs/', ignoreActions: ['starts_with'] },
  );
  const envelope = Event as JsonSchema & { properties: Record<string, JsonSchema> };
  const schema = {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: detailType,
    description,
    ...envelope,
    properties: {
      ...envelope.properties,
      source: { type: 'string' as const, pattern: '^orders\\.' },
    },
  };
  // Only the definitions this event refers to (OrderSubmitted has no issues, for one).
  const text = JSON.stringify([schema, defs]);
  return {
    ...schema,
    $defs: Object.fromEntries(Object.entries(defs).filter(([name]) => text.includes(`"#/$defs/${name}"`))),
  };
}
