import { PartnerKeys } from './keys';

/** A partner may hold two active keys at once, so a key is rotated without downtime or a redeploy. */
export const maxKeysPerPartner = 2;

/** Where the handlers get the partner keys from, read again whenever it sees fit. */
export interface KeySource {
  current(): Promise<PartnerKeys>;
}

/** Reads one partner's secret: its active keys, at most `maxKeysPerPartner`. */
export type SecretReader = (partnerId: string) => Promise<string[]>;

/**
 * Each partner's keys from their own secret, kept for `ttlMs` so a rotation is seen within that time
 * without a read on every request; a failed refresh keeps answering with the keys last read.
 */
export function cachedSecretKeys(
  partnerIds: readonly string[],
  read: SecretReader,
  ttlMs = 60_000,
): KeySource {
  let cached: { keys: PartnerKeys; readAt: number } | undefined;
  let refreshing: Promise<PartnerKeys> | undefined;
  const refresh = async (): Promise<PartnerKeys> => {
    const pairs = await Promise.all(
      partnerIds.map(async (partnerId) => {
        const keys = await read(partnerId);
        if (keys.length > maxKeysPerPartner) {
          throw new Error(
            `partner ${partnerId} holds ${keys.length} keys; at most ${maxKeysPerPartner} may be active`,
          );
        }
        return keys.map((key): [string, string] => [partnerId, key]);
      }),
    );
    const keys = new PartnerKeys(pairs.flat());
    cached = { keys, readAt: Date.now() };
    return keys;
  };
  return {
    current: async () => {
      if (cached !== undefined && Date.now() - cached.readAt < ttlMs) return cached.keys;
      refreshing ??= refresh().finally(() => {
        refreshing = undefined;
      });
      try {
        return await refreshing;
      } catch (error) {
        if (cached !== undefined) return cached.keys;
        throw error;
      }
    },
  };
}

/** The keys in a partner's secret: `{ "keys": ["<key>", …] }`. */
export function parseSecret(partnerId: string, text: string | undefined): string[] {
  try {
    const value = JSON.parse(text ?? '') as { keys?: unknown };
    if (Array.isArray(value.keys) && value.keys.every((key) => typeof key === 'string' && key.length >= 16)) {
      return value.keys as string[];
    }
  } catch {
    // Falls through to the error below, which names the partner but never the content.
  }
  throw new Error(`the secret of partner ${partnerId} is not {"keys": ["<key of 16+ characters>", …]}`);
}
