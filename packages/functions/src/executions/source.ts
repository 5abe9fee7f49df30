import type * as Http from '@orders/core/contract/http';

// The shapes the executions routes answer with, whether the local runtime or Step Functions stands behind.
export type ExecutionStatus = Http.ExecutionSummary['status'];
export type ExecutionSummary = Http.ExecutionSummary;
/** One history entry, the same shape whether it came from the local runtime or Step Functions. */
export type ExecutionEvent = Http.ExecutionEvent;
export type ExecutionDetail = Http.ExecutionDetail;
export type ExecutionOutcome = Http.ExecutionSummary['outcome'];

/** Which executions a listing asks for: the most recent `limit`, of one outcome or one partner when given. */
export interface ExecutionQuery {
  limit: number;
  outcome?: ExecutionOutcome;
  partnerId?: string;
}

/** Where the executions routes read from: the local runtime's logs, or Step Functions itself. */
export interface ExecutionSource {
  list(query: ExecutionQuery): Promise<ExecutionSummary[]>;
  get(executionArn: string): Promise<ExecutionDetail | undefined>;
}

/** The workflow keeps no history to read (Express workflows log to CloudWatch Logs instead). */
export class ExecutionHistoryUnavailableError extends Error {
  override readonly name = 'ExecutionHistoryUnavailableError';
}

/** Whether an explained execution is one the query asks for. */
export function matchesQuery(
  execution: Pick<ExecutionSummary, 'outcome' | 'partnerId'>,
  query: ExecutionQuery,
): boolean {
  return (
    (query.outcome === undefined || execution.outcome === query.outcome) &&
    (query.partnerId === undefined || execution.partnerId === query.partnerId)
  );
}
