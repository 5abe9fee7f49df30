import type { PartnerFormat } from '../partner/partner';

// Apart from the formats' schemas, so that the feed, which reads the id of an order it has not validated,
// does not load the validation code.

/** The partner's own id of a raw, not yet validated order, when it has one that is a string. */
export function peekExternalOrderId(format: PartnerFormat, payload: unknown): string | null {
  if (typeof payload !== 'object' || payload === null) return null;
  const value: unknown = Object.getOwnPropertyDescriptor(payload, format.fields.externalOrderId)?.value;
  return typeof value === 'string' ? value.trim() : null;
}
