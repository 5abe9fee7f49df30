import { randomUUID } from 'node:crypto';
import { lambda } from '@orders/core/aws/limits';

/**
 * A function that ran past its timeout, as Step Functions reports it: `Lambda.Unknown`, the invocation's
 * payload (here the Cause) naming `Sandbox.Timedout`.
 */
export class FunctionTimedOutError extends Error {
  override readonly name = lambda.unknownError;
}

/**
 * Stops waiting for `handler` after `timeoutMs`, as Lambda stops an invocation at the function's timeout.
 * The code cannot be killed in-process, so it runs on, unobserved, as a frozen sandbox's would.
 */
export function withFunctionTimeout<TInput, TOutput>(
  timeoutMs: number,
  handler: (input: TInput) => Promise<TOutput>,
): (input: TInput) => Promise<TOutput> {
  return (input) => {
    const { promise, resolve, reject } = Promise.withResolvers<TOutput>();
    const timer = setTimeout(() => {
      const payload = {
        errorType: lambda.timedOutErrorType,
        errorMessage: `RequestId: ${randomUUID()} Error: Task timed out after ${(timeoutMs / 1000).toFixed(2)} seconds`,
      };
      reject(new FunctionTimedOutError(JSON.stringify(payload)));
    }, timeoutMs);
    handler(input).then(resolve, reject);
    return promise.finally(() => clearTimeout(timer));
  };
}

/** What Lambda sends an on-failure destination when an asynchronous event failed all its attempts. */
export interface InvocationRecord {
  version: '1.0';
  timestamp: string;
  requestContext: {
    requestId: string;
    functionArn: string;
    condition: 'RetriesExhausted';
    approximateInvokeCount: number;
  };
  requestPayload: unknown;
  responseContext: { statusCode: number; executedVersion: string; functionError: 'Unhandled' };
  responsePayload: { errorType: string; errorMessage: string };
}

export interface AsyncInvokeOptions {
  functionArn: string;
  /** The waits before Lambda's two retries; 1 and 2 minutes, as on AWS, unless a test shortens them. */
  retryDelaysMs?: readonly number[];
}

/**
 * A function invoked asynchronously, as an EventBridge rule invokes its Lambda target: the invocation is
 * accepted into Lambda's queue at once (so the rule's delivery succeeds), then the function runs; when it
 * returns an error Lambda runs it twice more and then hands the event to the on-failure destination.
 */
export class AsyncFunction<TEvent> {
  /** The on-failure destination: a queue the runtime exposes and tests read. */
  readonly onFailure: InvocationRecord[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private readonly retryDelaysMs: readonly number[];

  constructor(
    private readonly handler: (event: TEvent) => Promise<unknown>,
    private readonly options: AsyncInvokeOptions,
  ) {
    this.retryDelaysMs =
      options.retryDelaysMs ?? lambda.asyncRetryDelaysSeconds.map((seconds) => seconds * 1000);
    if (this.retryDelaysMs.length !== lambda.asyncRetryAttempts)
      throw new Error(`Lambda retries an asynchronous event ${lambda.asyncRetryAttempts} times`);
  }

  /** Invoke with InvocationType Event: queued, never awaited by the caller. */
  readonly invoke = async (event: TEvent): Promise<void> => {
    const run = this.process(event);
    this.inFlight.add(run);
    void run.finally(() => this.inFlight.delete(run));
  };

  /** Events queued or being retried. */
  get pending(): number {
    return this.inFlight.size;
  }

  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  /** Invokes the function again with each on-failure record's event (what an operator's redrive does). */
  redriveOnFailure(): number {
    const records = this.onFailure.splice(0);
    for (const record of records) void this.invoke(record.requestPayload as TEvent);
    return records.length;
  }

  private async process(event: TEvent): Promise<void> {
    // Like Lambda's queue, the function runs after the invocation was accepted, never inside it.
    await new Promise((resolve) => setImmediate(resolve));
    const requestId = randomUUID();
    for (let attempt = 1; ; attempt++) {
      try {
        await this.handler(event);
        return;
      } catch (error) {
        const delay = this.retryDelaysMs[attempt - 1];
        if (delay === undefined) {
          this.onFailure.push(record(this.options.functionArn, requestId, attempt, event, error));
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }
}

function record(
  functionArn: string,
  requestId: string,
  attempts: number,
  event: unknown,
  error: unknown,
): InvocationRecord {
  return {
    version: '1.0',
    timestamp: new Date().toISOString(),
    requestContext: {
      requestId,
      functionArn: `${functionArn}:$LATEST`,
      condition: 'RetriesExhausted',
      approximateInvokeCount: attempts,
    },
    requestPayload: event,
    responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
    responsePayload:
      error instanceof Error
        ? { errorType: error.name, errorMessage: error.message }
        : { errorType: 'Error', errorMessage: String(error) },
  };
}
