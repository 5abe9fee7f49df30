// DynamoDB error names (and socket error codes) that say "try again later" rather than "this is wrong".
const transientNames = new Set([
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'TransactionInProgressException',
  'TransactionConflictException',
  'InternalServerError',
  'ServiceUnavailable',
  'TimeoutError',
  'ECONNREFUSED',
  'ECONNRESET',
  'StorageUnavailableError',
]);

/** Whether an error (or one in its `cause` chain: ElectroDB wraps the SDK's errors) may pass if tried again. */
export function isTransient(error: unknown): boolean {
  for (let current = error; current instanceof Error; current = current.cause) {
    const code = (current as NodeJS.ErrnoException).code;
    if (transientNames.has(current.name) || (code !== undefined && transientNames.has(code))) return true;
  }
  return false;
}

/** Whether a write was refused by its condition (ElectroDB wraps the SDK's error in its own). */
export function isConditionFailure(error: unknown): boolean {
  for (let current = error; current instanceof Error; current = current.cause) {
    if (current.name === 'ConditionalCheckFailedException') return true;
  }
  return false;
}

export interface BackoffOptions {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

/** "Full jitter": a random wait up to an exponentially growing cap spreads racing writers apart. */
export function backoff(attempt: number, { baseDelayMs, maxDelayMs }: BackoffOptions): Promise<void> {
  const delay = Math.random() * Math.min(maxDelayMs, baseDelayMs * 2 ** attempt);
  return new Promise((resolve) => setTimeout(resolve, delay));
}

/** Runs `task`, trying again with jittered backoff while it fails transiently, up to `maxAttempts`. */
export async function withRetries<T>(
  task: () => Promise<T>,
  options: BackoffOptions = { maxAttempts: 8, baseDelayMs: 5, maxDelayMs: 200 },
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await task();
    } catch (error) {
      if (attempt >= options.maxAttempts || !isTransient(error)) throw error;
      await backoff(attempt, options);
    }
  }
}
