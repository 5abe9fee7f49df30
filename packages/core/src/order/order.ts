/** The business content of an order, the same whatever format the partner used. */
export type OrderContent = {
  externalOrderId: string;
  productId: string;
  customerId: string;
  quantity: number;
  unitPrice: number;
  /** Decimal rate, e.g. 0.0725 for 7.25 %. */
  taxRate: number;
  /** UTC ISO 8601 with milliseconds, e.g. 2024-05-01T12:00:00.000Z. */
  transactionTime: string;
};

/** A validated, normalized order before storage gives it a sequence number. */
export type NewOrder = OrderContent & {
  partnerId: string;
  /** Exact decimal strings with two decimals, e.g. "59.97". */
  grossAmount: string;
  taxAmount: string;
  netAmount: string;
  submissionId: string;
  receivedAt: string;
};

/** An accepted, stored order. */
export type Order = NewOrder & {
  sequenceNumber: number;
  processedAt: string;
  executionId: string;
};
