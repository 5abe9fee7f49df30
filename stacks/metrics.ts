/**
 * The custom metrics the alarms and the dashboard read. The functions publish them with Powertools
 * Metrics, whose namespace and service come from the environment the stacks set (`metricsEnvironment`),
 * once with the service dimension alone (what the alarms read) and once with `partnerId` added (what the
 * dashboard breaks down by partner).
 */
export const orderMetrics = {
  namespace: 'Orders',
  service: 'orders',
  accepted: 'OrdersAccepted',
  rejected: 'OrdersRejected',
  partnerDimension: 'partnerId',
} as const;

/** The environment Powertools Metrics reads its namespace and service dimension from. */
export const metricsEnvironment: Readonly<Record<string, string>> = {
  POWERTOOLS_METRICS_NAMESPACE: orderMetrics.namespace,
  POWERTOOLS_SERVICE_NAME: orderMetrics.service,
};
