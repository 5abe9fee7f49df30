/**
 * The largest order the product takes, in bytes of its JSON text with every character outside ASCII counted
 * as a six-byte `\uXXXX` escape (the most a serializer may spend on one). It is derived from the Step
 * Functions limit of 262,144 bytes per state input or output
 * (https://docs.aws.amazon.com/step-functions/latest/dg/limits.html), counting every copy of the order the
 * workflow keeps: the state holds the payload once (in the submitted event: rejections carry none, and
 * EmitRejected merges it in only for the event), next to the normalized order (`$.validation.order`, four
 * ids of at most 128 characters, ≤ 4 KiB escaped), the accepted order (`$.sequencing`, ≤ 4 KiB), a
 * rejection's issues (≤ 8 KiB), a caught error with its cause (≤ 32 KiB) and the event envelope (≤ 1 KiB):
 * about 49 KiB beside the payload. 256 KiB − 64 KiB leaves margin for all of it: 192 KiB. The same bound
 * fits the other hops: a PutEvents entry (256 KB,
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/calculate-putevents-entry-size.html) and a
 * DynamoDB item (400 KB, https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Constraints.html)
 * that stores the payload once beside a few short attributes.
 */
export const maxOrderBytes = 192 * 1024;

// A guard, not a bound anyone meets: whatever passes the workflow's 256 KiB state limit is stored whole,
// and this keeps a submission or error item under DynamoDB's 400 KB whatever reaches it.
export const maxStoredPayloadBytes = 320 * 1024;

/** An order's size as the bound counts it (see `maxOrderBytes`). */
export function orderStateBytes(payload: unknown): number {
  const text = JSON.stringify(payload) ?? 'null';
  let bytes = 0;
  for (let i = 0; i < text.length; i++) bytes += text.charCodeAt(i) < 0x80 ? 1 : 6;
  return bytes;
}

/**
 * A raw payload as JSON text for storage, always JSON (a string payload too, so `"123"` stays a string).
 * Only a payload over the guard is cut, and then marked as truncated: it is never handed back as if whole.
 */
export function toStoredPayload(payload: unknown): { text: string; truncated: boolean } {
  const text = JSON.stringify(payload) ?? 'null';
  if (Buffer.byteLength(text, 'utf8') <= maxStoredPayloadBytes) return { text, truncated: false };
  return {
    text: Buffer.from(text, 'utf8').subarray(0, maxStoredPayloadBytes).toString('utf8'),
    truncated: true,
  };
}

/** A stored payload back as sent, or `ok: false` when the text is not a whole payload (cut to size). */
export function parseStoredPayload(text: string): { ok: true; payload: unknown } | { ok: false } {
  try {
    return { ok: true, payload: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}
