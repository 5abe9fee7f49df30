import { partnerAPayload, partnerBPayload } from '@orders/core/testing/orders';

export type PartnerId = 'partner-a' | 'partner-b';

/** A mixed load for both partners: mostly valid orders, a tenth invalid, a tenth exact resends. */
export function mixedLoad(
  count: number,
  offset = 0,
): { partnerId: PartnerId; payload: Record<string, unknown> }[] {
  const load: { partnerId: PartnerId; payload: Record<string, unknown> }[] = [];
  for (let i = 0; i < count; i++) {
    const partnerId: PartnerId = i % 2 === 0 ? 'partner-a' : 'partner-b';
    const n = offset + i;
    const valid = partnerId === 'partner-a' ? partnerAPayload(n) : partnerBPayload(n);
    const earlier = load[i - 10];
    if (i % 10 === 3) load.push({ partnerId, payload: { ...valid, quantity: 0, qty: '1' } });
    else if (i % 10 === 7 && earlier !== undefined) load.push(earlier);
    else load.push({ partnerId, payload: valid });
  }
  return load;
}
