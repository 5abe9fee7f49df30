import { describe, expect, it } from 'vitest';
import { cachedSecretKeys, parseSecret } from './secret-keys';

const secrets: Record<string, string[]> = {
  'partner-a': ['a-old-key-0123456789', 'a-new-key-0123456789'],
  'partner-b': ['b-key-0123456789ab'],
};

function reader() {
  const reads: string[] = [];
  return {
    reads,
    read: async (partnerId: string) => {
      reads.push(partnerId);
      const keys = secrets[partnerId];
      if (keys === undefined) throw new Error(`no secret for ${partnerId}`);
      return [...keys];
    },
  };
}

describe('partner keys from their own secrets', () => {
  it('admit both active keys of a partner, so a key rotates without downtime', async () => {
    const { read } = reader();
    const keys = await cachedSecretKeys(['partner-a', 'partner-b'], read).current();
    expect(keys.authenticate('a-old-key-0123456789')).toBe('partner-a');
    expect(keys.authenticate('a-new-key-0123456789')).toBe('partner-a');
    expect(keys.authenticate('b-key-0123456789ab')).toBe('partner-b');
    expect(keys.authenticate('a-old-key-012345678')).toBeUndefined();
  });

  it('refuse two partners whose secrets hold the same key, naming the partners and never the key', async () => {
    const shared = 'shared-key-0123456789';
    const source = cachedSecretKeys(['partner-a', 'partner-b'], async () => [shared]);
    const failure = await source.current().then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toBe(
      'partners partner-a and partner-b hold the same key; each partner needs its own',
    );
    expect((failure as Error).message).not.toContain(shared);
  });

  it('refuse a secret holding more than two keys', async () => {
    const source = cachedSecretKeys(['partner-a'], async () => ['k1', 'k2', 'k3']);
    await expect(source.current()).rejects.toThrow(/at most 2/);
  });

  it('are read once per TTL, and again after it, so a rotation is seen without a redeploy', async () => {
    const cached = reader();
    const source = cachedSecretKeys(['partner-a'], cached.read, 60_000);
    await source.current();
    await source.current();
    expect(cached.reads).toEqual(['partner-a']);

    const fresh = reader();
    const expiring = cachedSecretKeys(['partner-a'], fresh.read, 0);
    expect((await expiring.current()).authenticate('a-old-key-0123456789')).toBe('partner-a');
    secrets['partner-a'] = ['a-new-key-0123456789'];
    expect((await expiring.current()).authenticate('a-old-key-0123456789')).toBeUndefined();
    expect(fresh.reads).toEqual(['partner-a', 'partner-a']);
  });

  it('keep the keys last read when a refresh fails', async () => {
    let fail = false;
    const source = cachedSecretKeys(
      ['partner-b'],
      async () => {
        if (fail) throw new Error('Secrets Manager did not answer');
        return ['b-key-0123456789ab'];
      },
      0,
    );
    await source.current();
    fail = true;
    expect((await source.current()).authenticate('b-key-0123456789ab')).toBe('partner-b');
  });

  it('name the partner, never the content, when a secret is malformed', () => {
    expect(parseSecret('partner-a', '{"keys":["a-key-0123456789ab"]}')).toEqual(['a-key-0123456789ab']);
    for (const text of ['not json sk_live_123', '{"keys":"one"}', '{"keys":["short"]}', undefined]) {
      expect(() => parseSecret('partner-a', text)).toThrow(/partner-a/);
      expect(() => parseSecret('partner-a', text)).not.toThrow(/sk_live/);
    }
  });
});
