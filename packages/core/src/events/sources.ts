/** The source of the workflow's own events; partner submissions come from `orders.<partnerId>`. */
export const workflowSource = 'orders.workflow';

/** The source a partner's submissions carry; a partner account may put events with this source only. */
export function partnerSource(partnerId: string): string {
  return `orders.${partnerId}`;
}

export const detailTypes = {
  orderSubmitted: 'OrderSubmitted',
  orderAccepted: 'OrderAccepted',
  orderRejected: 'OrderRejected',
} as const;

export type DetailType = (typeof detailTypes)[keyof typeof detailTypes];

/** The bus every event goes through. */
export const busName = 'orders';
