/** The source of the workflow's own events; partner submissions come from `orders.<partnerId>`. */
export const workflowSource = 'orders.workflow';

/** The source a partner's submissions carry; a partner account may put events with this source only. */
export function partnerSource(partnerId: string): string {
  return `orders.${partnerId}`;
}

const sourcePrefix = 'orders.';

/**
 * The partner an event's `source` speaks for (`orders.<partnerId>`): the one identity the bus policy
 * vouches for, unlike anything its detail says. Partner ids hold no dot, so this is what follows the first.
 */
export function partnerOfSource(source: string): string {
  return source.startsWith(sourcePrefix) ? source.slice(sourcePrefix.length) : source;
}

export const detailTypes = {
  orderSubmitted: 'OrderSubmitted',
  orderAccepted: 'OrderAccepted',
  orderRejected: 'OrderRejected',
} as const;

export type DetailType = (typeof detailTypes)[keyof typeof detailTypes];

/** The bus every event goes through. */
export const busName = 'orders';
