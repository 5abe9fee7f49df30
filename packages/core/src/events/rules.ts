import { detailTypes, workflowSource } from './sources';

/**
 * The bus rules, declared once: the stacks create EventBridge rules from these patterns and the local bus
 * matches events against the same patterns.
 */
export const rules = {
  orderSubmitted: {
    name: 'OrderSubmitted',
    description: 'A partner submitted an order: start the order workflow.',
    pattern: {
      source: [{ prefix: 'orders.' }],
      'detail-type': [detailTypes.orderSubmitted],
    },
  },
  orderRejected: {
    name: 'OrderRejected',
    description: 'The workflow rejected an order: record the error.',
    pattern: {
      source: [workflowSource],
      'detail-type': [detailTypes.orderRejected],
    },
  },
  orderAccepted: {
    name: 'OrderAccepted',
    description: 'The workflow accepted and stored an order: for downstream consumers.',
    pattern: {
      source: [workflowSource],
      'detail-type': [detailTypes.orderAccepted],
    },
  },
} as const;

export type RuleName = keyof typeof rules;
