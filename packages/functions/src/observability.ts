import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { orderMetrics } from '@orders/core/metrics';
import type { Context } from 'aws-lambda';

// Powertools instruments every function the same way: structured JSON logs carrying the execution and
// submission ids, and EMF metrics. Locally POWERTOOLS_DEV pretty-prints the logs and turns metrics off.
// X-Ray traces each function and each workflow state (active tracing); Powertools' Tracer, which would add a
// subsegment per AWS call, is left out: its X-Ray SDK weighs 125 KiB in every bundle (docs/bundles.md).
export const logger = new Logger({ serviceName: orderMetrics.service });
export const metrics = new Metrics({ namespace: orderMetrics.namespace, serviceName: orderMetrics.service });

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

/** Records how old the oldest pending submission is: 0 when none is pending. */
export function recordOldestPendingAge(receivedAt: string | undefined, now: Date): void {
  const ms = receivedAt === undefined ? 0 : Math.max(0, now.getTime() - Date.parse(receivedAt));
  metrics.addMetric(orderMetrics.oldestPendingAge, MetricUnit.Seconds, Math.floor(ms / 1000));
}

/** Records how long an order took from receipt by the API to its committed write. */
export function recordLatency(receivedAt: string, processedAt: string): void {
  const ms = Date.parse(processedAt) - Date.parse(receivedAt);
  if (Number.isFinite(ms) && ms >= 0)
    metrics.addMetric(orderMetrics.endToEndLatency, MetricUnit.Milliseconds, ms);
}

/**
 * A function's handler as Lambda calls it. The context is optional because the local runtime calls the same
 * handlers with the event alone.
 */
export type LambdaHandler<TEvent, TResult> = (event: TEvent, context?: Context) => Promise<TResult>;

/**
 * Wraps a handler so each invocation logs with its own keys and publishes its metrics, whatever happens.
 * Given Lambda's context, logs carry `cold_start`, the function and its request id, and the first
 * invocation of a container emits the `ColdStart` metric. Payloads and keys are never logged: only ids,
 * outcomes and error names.
 */
export function instrument<TEvent, TResult>(
  name: string,
  handler: (event: TEvent) => Promise<TResult>,
): LambdaHandler<TEvent, TResult> {
  return async (event, context) => {
    if (context !== undefined) {
      logger.addContext(context);
      metrics.captureColdStartMetric(context.functionName);
    }
    try {
      return await handler(event);
    } catch (error) {
      logger.error(`${name} failed`, { error: error instanceof Error ? error.name : 'unknown' });
      throw error;
    } finally {
      if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
      logger.resetKeys();
    }
  };
}
