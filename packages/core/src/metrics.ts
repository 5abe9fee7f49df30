/**
 * The custom metrics contract: the functions publish these (Powertools Metrics, EMF), the alarms and the
 * dashboard read them. Each count is published once with the service dimension alone (what the alarms
 * read) and once with `partnerId` added (what the dashboard breaks down by partner).
 */
export const orderMetrics = {
  namespace: 'Orders',
  service: 'orders',
  accepted: 'OrdersAccepted',
  rejected: 'OrdersRejected',
  duplicate: 'OrdersDuplicate',
  /** Milliseconds from receipt by the API to the committed order. */
  endToEndLatency: 'EndToEndLatency',
  /** Seconds since the oldest pending submission was received (0 when none is), published by recovery. */
  oldestPendingAge: 'OldestPendingAge',
  partnerDimension: 'partnerId',
} as const;
