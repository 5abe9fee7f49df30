import type { Adapter, AdapterPayload } from 'oidc-provider';

interface Entry {
  payload: AdapterPayload;
  expiresAt: number;
}

// One store for the whole process: the local issuer's sessions, codes and grants live as long as `npm start`
// (a restart signs everyone out, which is what a local run wants).
const entries = new Map<string, Entry>();

/** oidc-provider's storage, in memory with expiry; its built-in one warns on every start that it is for tests. */
export class MemoryAdapter implements Adapter {
  constructor(private readonly model: string) {}

  private key(id: string): string {
    return `${this.model}:${id}`;
  }

  async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
    const expiresAt = Date.now() + expiresIn * 1000;
    entries.set(this.key(id), { payload, expiresAt });
    if (payload.uid !== undefined)
      entries.set(`${this.model}:uid:${payload.uid}`, { payload: { id }, expiresAt });
    if (payload.grantId !== undefined) {
      const grant = `grant:${payload.grantId}`;
      const members = (entries.get(grant)?.payload.members as string[] | undefined) ?? [];
      entries.set(grant, { payload: { members: [...members, this.key(id)] }, expiresAt });
    }
  }

  async find(id: string): Promise<AdapterPayload | undefined> {
    const entry = entries.get(this.key(id));
    if (entry === undefined) return undefined;
    if (entry.expiresAt < Date.now()) {
      entries.delete(this.key(id));
      return undefined;
    }
    return entry.payload;
  }

  async findByUid(uid: string): Promise<AdapterPayload | undefined> {
    const id = entries.get(`${this.model}:uid:${uid}`)?.payload.id;
    return typeof id === 'string' ? this.find(id) : undefined;
  }

  async findByUserCode(): Promise<AdapterPayload | undefined> {
    return undefined;
  }

  async consume(id: string): Promise<void> {
    const entry = entries.get(this.key(id));
    if (entry !== undefined) entry.payload.consumed = Math.floor(Date.now() / 1000);
  }

  async destroy(id: string): Promise<void> {
    entries.delete(this.key(id));
  }

  async revokeByGrantId(grantId: string): Promise<void> {
    const members = (entries.get(`grant:${grantId}`)?.payload.members as string[] | undefined) ?? [];
    for (const member of members) entries.delete(member);
    entries.delete(`grant:${grantId}`);
  }
}
