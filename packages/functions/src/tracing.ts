import { Tracer } from '@aws-lambda-powertools/tracer';
import { orderMetrics } from '@orders/core/metrics';

// X-Ray subsegments for the AWS calls: only the adapters that create SDK clients import this, so a function
// that calls no AWS service (Validate) does not load the X-Ray SDK. Outside Lambda it switches itself off.
export const tracer = new Tracer({ serviceName: orderMetrics.service });
