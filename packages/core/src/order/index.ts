export { contentKey } from './content-key';
export type { OrderClaim, StoredOrder } from './entity';
export { peekExternalOrderId } from './external-id';
export { maxIdentifierLength, maxQuantity, minQuantity } from './fields';
export { createOrderSchema, type PartnerAOrder, type PartnerBOrder } from './formats';
export {
  Issue,
  IssueCode,
  issueCodes,
  type RejectionCode,
  rejectionCodes,
  type ValidationIssue,
} from './issue';
export {
  type AmountInputs,
  computeAmounts,
  formatMoney,
  type OrderAmounts,
  percentToRate,
  roundToCents,
  toDecimal,
} from './money';
export { type NormalizeContext, type NormalizeResult, normalize } from './normalize';
export type { NewOrder, Order, OrderContent } from './order';
export { findOrderByExternalId, getOrder, listOrders, type OrderQuery } from './query';
export { type OrderToStore, type SequenceOptions, type SequenceOutcome, sequenceAndStore } from './sequence';
export { earliestTransactionMs, formatInstant, maxClockSkewMs, parseZonedIsoDateTime } from './time';
