export type ExecutionStatus =
  | 'RUNNING'
  | 'SUCCEEDED'
  | 'FAILED'
  | 'ABORTED'
  | 'TIMED_OUT'
  | 'PENDING_REDRIVE';

export interface ExecutionSummary {
  executionArn: string;
  name: string;
  status: ExecutionStatus;
  startDate: string;
  stopDate?: string;
}

/** One history entry, the same shape whether it came from the local runtime or Step Functions. */
export interface ExecutionEvent {
  id: number;
  type: string;
  timestamp: string;
  stateName?: string;
  stateType?: string;
  input?: unknown;
  output?: unknown;
  error?: string;
  cause?: string;
  retryAttempt?: number;
}

export interface ExecutionDetail extends ExecutionSummary {
  input: unknown;
  output?: unknown;
  error?: string;
  cause?: string;
  events: ExecutionEvent[];
}

/** Where the executions routes read from: the local runtime's logs, or Step Functions itself. */
export interface ExecutionSource {
  list(limit: number): Promise<ExecutionSummary[]>;
  get(executionArn: string): Promise<ExecutionDetail | undefined>;
}

/** The workflow keeps no history to read (Express workflows log to CloudWatch Logs instead). */
export class ExecutionHistoryUnavailableError extends Error {
  override readonly name = 'ExecutionHistoryUnavailableError';
}
