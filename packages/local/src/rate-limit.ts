import { createHash } from 'node:crypto';

/**
 * Counts requests per API key in fixed windows, as the stack's WAF rule does per evaluation window;
 * `take` answers how many seconds to wait once a key is past its limit.
 */
export function createRateLimiter({
  limit,
  evaluationWindowSeconds,
}: {
  limit: number;
  evaluationWindowSeconds: number;
}) {
  const windowMs = evaluationWindowSeconds * 1000;
  let windowStart = 0;
  let counts = new Map<string, number>();
  return {
    /** Counts one request of `key`; `undefined` when it is within the limit, else the seconds to wait. */
    take(key: string, now = Date.now()): number | undefined {
      if (now - windowStart >= windowMs) {
        windowStart = now - (now % windowMs);
        counts = new Map();
      }
      // Keys are held as digests, never as the secrets themselves.
      const id = createHash('sha256').update(key).digest('base64url');
      const count = (counts.get(id) ?? 0) + 1;
      counts.set(id, count);
      return count > limit ? Math.max(1, Math.ceil((windowStart + windowMs - now) / 1000)) : undefined;
    },
  };
}
