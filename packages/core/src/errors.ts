/**
 * Base of every domain error. `name` is stable and is what Step Functions Retry/Catch match on;
 * `code` is stable and machine-readable for API answers and logs.
 */
export abstract class OrdersError extends Error {
  abstract override readonly name: string;
  abstract readonly code: string;
  /** Transient errors may succeed when tried again; the workflow retries them. */
  readonly transient: boolean = false;
}

/** Too many concurrent writers raced for the same partner's next sequence number. */
export class SequenceContentionError extends OrdersError {
  override readonly name = 'SequenceContentionError';
  readonly code = 'sequence_contention';
  override readonly transient = true;
}

/** The table could not be reached or refused the request for a reason that may pass (throttling, timeouts). */
export class StorageUnavailableError extends OrdersError {
  override readonly name = 'StorageUnavailableError';
  readonly code = 'storage_unavailable';
  override readonly transient = true;
}

/**
 * A submission's claim says it was numbered, but no order is stored under that number: the table lost an
 * item the numbering wrote in one transaction with the claim. Not transient and not the order's fault, so
 * the workflow leaves the submission pending for an operator, never calling it a duplicate of itself.
 */
export class StoredOrderMissingError extends OrdersError {
  override readonly name = 'StoredOrderMissingError';
  readonly code = 'stored_order_missing';
}
