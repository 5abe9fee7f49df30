import { orderMetrics } from '../packages/core/src/metrics';

export { orderMetrics };

/** The environment Powertools reads its metrics namespace and service name from. */
export const metricsEnvironment: Readonly<Record<string, string>> = {
  POWERTOOLS_METRICS_NAMESPACE: orderMetrics.namespace,
  POWERTOOLS_SERVICE_NAME: orderMetrics.service,
};
