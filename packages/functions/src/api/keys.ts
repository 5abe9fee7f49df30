import { createHash, timingSafeEqual } from 'node:crypto';

/** Partner API keys, held only as SHA-256 digests and compared in constant time. */
export class PartnerKeys {
  private readonly digests: { partnerId: string; digest: Buffer }[];

  /**
   * Refuses a key held by two partners: it would authenticate as whichever came first, so one partner could
   * submit and read as the other. The error names the partners, never the key.
   */
  constructor(keys: Iterable<[partnerId: string, key: string]>) {
    this.digests = [...keys].map(([partnerId, key]) => ({ partnerId, digest: digest(key) }));
    const holders = new Map<string, string>();
    for (const { partnerId, digest: held } of this.digests) {
      const hex = held.toString('hex');
      const other = holders.get(hex);
      if (other !== undefined && other !== partnerId) {
        throw new Error(`partners ${other} and ${partnerId} hold the same key; each partner needs its own`);
      }
      holders.set(hex, partnerId);
    }
  }

  /** Refuses keys for partners the registry does not know: such a key could never be used, so it is a typo. */
  static checkRegistered(
    keys: Iterable<[partnerId: string, key: string]>,
    registered: readonly string[],
  ): void {
    const unknown = [...new Set([...keys].map(([partnerId]) => partnerId))].filter(
      (partnerId) => !registered.includes(partnerId),
    );
    if (unknown.length > 0) {
      throw new Error(
        `keys are given for ${unknown.join(', ')}, which ${unknown.length === 1 ? 'is' : 'are'} not registered (registered: ${registered.join(', ')})`,
      );
    }
  }

  /** Parses `partner-a:<key>,partner-b:<key>` (the PARTNER_KEYS setting). */
  static parse(text: string): PartnerKeys {
    return new PartnerKeys(PartnerKeys.parsePairs(text));
  }

  /** The (partner, key) pairs of a PARTNER_KEYS setting; throws on anything else. */
  static parsePairs(text: string): [partnerId: string, key: string][] {
    return text
      .split(',')
      .map((pair) => pair.trim())
      .filter((pair) => pair !== '')
      .map((pair): [string, string] => {
        const at = pair.indexOf(':');
        if (at <= 0 || at === pair.length - 1)
          throw new Error('PARTNER_KEYS must look like partner-a:<key>,partner-b:<key>');
        return [pair.slice(0, at).trim(), pair.slice(at + 1).trim()];
      });
  }

  /** A fixed set of keys is its own key source (locally, and when PARTNER_KEYS is in the environment). */
  async current(): Promise<PartnerKeys> {
    return this;
  }

  /** The partner a key belongs to, or undefined. Every stored digest is compared, match or not. */
  authenticate(key: string): string | undefined {
    const candidate = digest(key);
    let found: string | undefined;
    for (const { partnerId, digest: stored } of this.digests) {
      if (timingSafeEqual(candidate, stored) && found === undefined) found = partnerId;
    }
    return found;
  }
}

// Equal-length digests make the comparison constant-time whatever the key's length.
function digest(key: string): Buffer {
  return createHash('sha256').update(key, 'utf8').digest();
}
