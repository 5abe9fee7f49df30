import { parsePartnersJson } from './load';
import { type PartnerRegistry, usePartners } from './registry';

/** Reads the text of the partner registry from wherever a deployment keeps it; `source` names it. */
export interface PartnerReader {
  source: string;
  read(): Promise<string>;
}

/**
 * Keeps the registry in force fresh from `reader`: read on first use and again once `ttlMs` has passed, so a
 * changed partner is seen within that time without a read per request. A failed or invalid read keeps the
 * partners last read in force (and is thrown only when nothing was ever read).
 */
export function cachedPartners(reader: PartnerReader, ttlMs = 60_000): () => Promise<PartnerRegistry> {
  let cached: { registry: PartnerRegistry; readAt: number } | undefined;
  let refreshing: Promise<PartnerRegistry> | undefined;
  const refresh = async (): Promise<PartnerRegistry> => {
    const registry = {
      partners: parsePartnersJson(await reader.read(), reader.source),
      source: reader.source,
    };
    cached = { registry, readAt: Date.now() };
    usePartners(registry);
    return registry;
  };
  return async () => {
    if (cached !== undefined && Date.now() - cached.readAt < ttlMs) return cached.registry;
    refreshing ??= refresh().finally(() => {
      refreshing = undefined;
    });
    try {
      return await refreshing;
    } catch (error) {
      if (cached !== undefined) return cached.registry;
      throw error;
    }
  };
}
