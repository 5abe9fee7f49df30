import type * as Http from '@orders/core/contract/http';

// The shapes the executions routes answer with, whether the local runtime or Step Functions stands behind.
export type ExecutionStatus = Http.ExecutionSummary['status'];
export type ExecutionSummary = Http.ExecutionSummary;
/** One history entry, the same shape whether it came from the local runtime or Step Functions. */
export type ExecutionEvent = Http.ExecutionEvent;
export type ExecutionDetail = Http.ExecutionDetail;

/** Where the executions routes read from: the local runtime's logs, or Step Functions itself. */
export interface ExecutionSource {
  list(limit: number): Promise<ExecutionSummary[]>;
  get(executionArn: string): Promise<ExecutionDetail | undefined>;
}

/** The workflow keeps no history to read (Express workflows log to CloudWatch Logs instead). */
export class ExecutionHistoryUnavailableError extends Error {
  override readonly name = 'ExecutionHistoryUnavailableError';
}
