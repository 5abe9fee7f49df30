import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { orderMetrics } from '@orders/core';

// Powertools instruments every function the same way: structured JSON logs carrying the execution and
// submission ids, EMF metrics, X-Ray traces. Outside Lambda the tracer switches itself off; locally
// POWERTOOLS_DEV pretty-prints the logs and turns metrics off.
export const logger = new Logger({ serviceName: orderMetrics.service });
export const metrics = new Metrics({ namespace: orderMetrics.namespace, serviceName: orderMetrics.service });
export const tracer = new Tracer({ serviceName: orderMetrics.service });

type CountedMetric =
  | typeof orderMetrics.accepted
  | typeof orderMetrics.rejected
  | typeof orderMetrics.duplicate;

/** Counts one order outcome, in total and for its partner. */
export function countOrder(metric: CountedMetric, partnerId: string): void {
  metrics.addMetric(metric, MetricUnit.Count, 1);
  const byPartner = metrics.singleMetric();
  byPartner.addDimension(orderMetrics.partnerDimension, partnerId);
  byPartner.addMetric(metric, MetricUnit.Count, 1);
}

/** Records how long an order took from receipt by the API to its committed write. */
export function recordLatency(receivedAt: string, processedAt: string): void {
  const ms = Date.parse(processedAt) - Date.parse(receivedAt);
  if (Number.isFinite(ms) && ms >= 0)
    metrics.addMetric(orderMetrics.endToEndLatency, MetricUnit.Milliseconds, ms);
}

/**
 * Wraps a handler so each invocation logs with its own keys and publishes its metrics, whatever happens.
 * Payloads and keys are never logged: only ids, outcomes and error names.
 */
export function instrument<TInput, TOutput>(
  name: string,
  handler: (input: TInput) => Promise<TOutput>,
): (input: TInput) => Promise<TOutput> {
  return async (input) => {
    try {
      return await handler(input);
    } catch (error) {
      logger.error(`${name} failed`, { error: error instanceof Error ? error.name : 'unknown' });
      throw error;
    } finally {
      if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
      logger.resetKeys();
    }
  };
}
