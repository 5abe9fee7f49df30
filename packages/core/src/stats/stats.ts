import { listPartners } from '../partner/registry';
import type { Store } from '../storage/store';

export interface PartnerStats {
  partnerId: string;
  accepted: number;
  rejected: number;
  duplicates: number;
  lastSequenceNumber: number;
}

/** Per registered partner: accepted (the counter: numbers are contiguous), rejected, duplicates. */
export async function readPartnerStats(store: Store): Promise<PartnerStats[]> {
  const partnerIds = listPartners().map((partner) => partner.id);
  const keys = partnerIds.map((partnerId) => ({ partnerId }));
  const [counters, stats] = await Promise.all([
    store.entities.partnerCounter.get(keys).go({ consistent: true }),
    store.entities.partnerStats.get(keys).go({ consistent: true }),
  ]);
  return partnerIds.map((partnerId) => {
    const last = counters.data.find((item) => item.partnerId === partnerId)?.lastSequenceNumber ?? 0;
    const counts = stats.data.find((item) => item.partnerId === partnerId);
    return {
      partnerId,
      accepted: last,
      rejected: counts?.rejected ?? 0,
      duplicates: counts?.duplicates ?? 0,
      lastSequenceNumber: last,
    };
  });
}
