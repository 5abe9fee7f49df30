import { describe, expect, it } from 'vitest';
import { maxOrderBytes, orderStateBytes, parseStoredPayload, toStoredPayload } from './payload';

describe('stored payloads', () => {
  it('keep an order up to the per-order bound whole', () => {
    const payload = { orderId: 'A-1', note: 'n'.repeat(maxOrderBytes - 40) };
    expect(orderStateBytes(payload)).toBeLessThanOrEqual(maxOrderBytes);
    const stored = toStoredPayload(payload);
    expect(stored.truncated).toBe(false);
    expect(parseStoredPayload(stored.text)).toEqual({ ok: true, payload });
  });

  it('give back exactly what was sent, a string payload too', () => {
    for (const payload of ['123', 'text', 42, null, ['a']]) {
      expect(parseStoredPayload(toStoredPayload(payload).text)).toEqual({ ok: true, payload });
    }
  });

  it('say so when a text is not a whole payload, rather than hand it back as text', () => {
    expect(parseStoredPayload('{"orderId":"A-1","no')).toEqual({ ok: false });
  });
});
