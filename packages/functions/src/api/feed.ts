import type * as Http from '@orders/core/contract/http';
import type { OrderSubmitted } from '@orders/core/events/contracts';
import type { EventPublisher } from '@orders/core/events/publisher';
import { peekExternalOrderId } from '@orders/core/order/external-id';
import { maxOrderBytes, orderStateBytes } from '@orders/core/storage/payload';
import type { Store } from '@orders/core/storage/store';
import { PartiallyRecordedError, PublishFailedError, submitOrders } from '@orders/core/submission/submit';
import { awsPartnerKeys } from '../aws/partner-keys';
import { awsPartners } from '../aws/partners';
import { awsPublisher } from '../aws/publisher';
import { awsStore } from '../aws/store';
import { awsTokenVerifier } from '../aws/token-verifier';
import { readConfig } from '../config';
import { lazy } from '../lazy';
import { instrument, type LambdaHandler, logger } from '../observability';
import { type AccessDependencies, admit, pathPartner } from './auth';
import { maxBodyBytes, maxOrderDepth, maxOrdersPerRequest } from './body-limits';
import {
  bodyText,
  type ErrorIssue,
  HttpError,
  type HttpEvent,
  type HttpResponse,
  json,
  respond,
} from './http';

export interface FeedDependencies extends AccessDependencies {
  store: Store;
  publisher: EventPublisher;
  busName: string;
}

/** POST /v1/partners/{partnerId}/orders: one order or up to 100, recorded as pending, then published. */
export function createFeedHandler(deps: FeedDependencies): LambdaHandler<HttpEvent, HttpResponse> {
  return instrument('Feed', (event: HttpEvent) =>
    respond(event, async () => {
      await admit(event, deps);
      const partner = pathPartner(event);
      const orders = parseOrders(bodyText(event));
      // Each submission as the partner sees it: its id and the partner's own id of the order.
      const listed = (submissions: readonly OrderSubmitted[]) =>
        submissions.map(({ submissionId, payload }) => ({
          submissionId,
          externalOrderId: peekExternalOrderId(partner.format, payload),
        }));
      try {
        const submissions = await submitOrders(deps, partner.id, orders, {
          externalOrderIdOf: (payload) => peekExternalOrderId(partner.format, payload),
        });
        logger.info('orders submitted', { partnerId: partner.id, count: submissions.length });
        return json(202, { accepted: listed(submissions) } satisfies Http.SubmitResult);
      } catch (error) {
        if (error instanceof PartiallyRecordedError) {
          logger.error('orders partly recorded', {
            partnerId: partner.id,
            count: orders.length,
            notRecorded: error.notRecorded.length,
            notQueued: error.notQueued.length,
          });
          throw new HttpError(
            503,
            'partially_recorded',
            'some orders could not be recorded: send those listed in notRecorded (positions in this request) again; the others were recorded: poll their status',
            undefined,
            {
              submissions: listed(error.recorded),
              notRecorded: [...error.notRecorded],
              notQueued: error.notQueued.map(({ submissionId }) => submissionId),
            },
          );
        }
        if (!(error instanceof PublishFailedError)) throw error;
        logger.error('orders recorded but not all published', {
          partnerId: partner.id,
          count: orders.length,
          notQueued: error.unpublished.length,
          reason: error.message,
        });
        throw new HttpError(
          503,
          'publish_failed',
          'the orders were recorded but not all could be queued; they stay pending until recovered: poll their status',
          undefined,
          {
            submissions: listed(error.submissions),
            notQueued: error.notQueued.map(({ submissionId }) => submissionId),
          },
        );
      }
    }),
  );
}

/** The orders of a request body: a JSON object, or an array of 1 to 100 objects. */
export function parseOrders(body: string): Record<string, unknown>[] {
  if (Buffer.byteLength(body, 'utf8') > maxBodyBytes) {
    throw new HttpError(
      413,
      'body_too_large',
      `the body is over ${maxBodyBytes} bytes; send fewer orders per request`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new HttpError(400, 'malformed_json', 'the body is not valid JSON');
  }
  const orders = Array.isArray(parsed) ? parsed : [parsed];
  if (orders.length === 0) throw new HttpError(400, 'no_orders', 'the array holds no orders');
  if (orders.length > maxOrdersPerRequest) {
    throw new HttpError(400, 'too_many_orders', `send at most ${maxOrdersPerRequest} orders per request`);
  }
  const issues: ErrorIssue[] = [];
  orders.forEach((order, index) => {
    const path = Array.isArray(parsed) ? `[${index}]` : '';
    if (typeof order !== 'object' || order === null || Array.isArray(order)) {
      issues.push({ path, code: 'not_object', message: 'each order must be a JSON object' });
    }
  });
  if (issues.length > 0)
    throw new HttpError(400, 'invalid_body', 'the body is not an order or an array of orders', issues);
  const deep = orders.findIndex((order) => nestsDeeperThan(order, maxOrderDepth));
  if (deep >= 0) {
    throw new HttpError(
      400,
      'too_deep',
      `order ${deep} nests objects and arrays more than ${maxOrderDepth} levels deep`,
    );
  }
  // One bound fits every hop an order takes (derived at `maxOrderBytes`).
  const large = orders.findIndex((order) => orderStateBytes(order) > maxOrderBytes);
  if (large >= 0) {
    throw new HttpError(
      413,
      'order_too_large',
      `order ${large} is over the per-order limit of ${maxOrderBytes} bytes of JSON (characters outside ASCII count 6 bytes each); send it smaller`,
    );
  }
  return orders as Record<string, unknown>[];
}

// Walks with its own stack, so no nesting can overflow the call stack here.
function nestsDeeperThan(value: unknown, limit: number): boolean {
  const stack: [node: unknown, depth: number][] = [[value, 1]];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const [node, depth] = next;
    if (typeof node !== 'object' || node === null) continue;
    if (depth > limit) return true;
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return false;
}

export const handler = lazy(async () =>
  createFeedHandler({
    store: awsStore(),
    publisher: awsPublisher(),
    busName: readConfig().EVENT_BUS_NAME,
    keys: await awsPartnerKeys(),
    tokens: awsTokenVerifier(),
    partners: awsPartners(),
  }),
);
