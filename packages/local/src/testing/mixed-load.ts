import { partnerAPayload, partnerBPayload } from '@orders/core/testing/orders';
import type { ExpectedOutcomes } from './invariants';

export type PartnerId = 'partner-a' | 'partner-b';

export interface LoadItem {
  partnerId: PartnerId;
  payload: Record<string, unknown>;
  /** What the submission should end as. */
  outcome: keyof ExpectedOutcomes;
}

/** A mixed load for both partners: mostly valid orders, a tenth invalid, a tenth exact resends. */
export function mixedLoad(count: number, offset = 0): LoadItem[] {
  const load: LoadItem[] = [];
  for (let i = 0; i < count; i++) {
    const partnerId: PartnerId = i % 2 === 0 ? 'partner-a' : 'partner-b';
    const n = offset + i;
    const valid = partnerId === 'partner-a' ? partnerAPayload(n) : partnerBPayload(n);
    // Ten back is the same partner, and always a valid order or a resend of one.
    const earlier = load[i - 10];
    if (i % 10 === 3)
      load.push({ partnerId, payload: { ...valid, quantity: 0, qty: '1' }, outcome: 'rejected' });
    else if (i % 10 === 7 && earlier !== undefined) load.push({ ...earlier, outcome: 'duplicate' });
    else load.push({ partnerId, payload: valid, outcome: 'accepted' });
  }
  return load;
}

/** How many of a load's submissions end in each status. */
export function expectedOutcomes(load: LoadItem[]): ExpectedOutcomes {
  const expected: ExpectedOutcomes = { accepted: 0, duplicate: 0, rejected: 0 };
  for (const item of load) expected[item.outcome]++;
  return expected;
}
