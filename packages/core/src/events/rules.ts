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

/**
 * The bus's archive, declared once: the stack's EventBridge archive and the local bus's keep the same events
 * for as long. Replays (StartReplay) re-deliver them with a `replay-name` field, to the OrderSubmitted rule
 * only, so that the workflow runs again for each submission in the range
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-archive.html,
 * https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_StartReplay.html).
 */
export const archive = {
  pattern: { source: [{ prefix: 'orders.' }] },
  retentionDays: 30,
} as const;
