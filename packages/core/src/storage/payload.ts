// An item is at most 400 KB and a request body may be 1 MB, so raw payloads are kept whole up to this size.
export const maxStoredPayloadChars = 64 * 1024;

/** A raw payload as JSON text for storage, cut to `maxStoredPayloadChars` (and saying so). */
export function toStoredPayload(payload: unknown): { text: string; truncated: boolean } {
  const text = typeof payload === 'string' ? payload : (JSON.stringify(payload) ?? 'null');
  const truncated = text.length > maxStoredPayloadChars;
  return { text: truncated ? text.slice(0, maxStoredPayloadChars) : text, truncated };
}
