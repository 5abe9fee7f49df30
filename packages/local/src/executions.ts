export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'ABORTED' | 'TIMED_OUT';

/** One entry of an execution's history, like Step Functions' GetExecutionHistory events. */
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

export interface Execution {
  executionArn: string;
  name: string;
  status: ExecutionStatus;
  startDate: string;
  stopDate?: string;
  input: unknown;
  output?: unknown;
  error?: string;
  cause?: string;
  events: ExecutionEvent[];
}

/** Keeps the most recent executions and their event logs in memory, newest first when listed. */
export class ExecutionLog {
  private readonly executions = new Map<string, Execution>();

  constructor(private readonly capacity = 5_000) {}

  add(execution: Execution): void {
    this.executions.set(execution.executionArn, execution);
    // A Map iterates in insertion order, so the first key is always the oldest execution.
    while (this.executions.size > this.capacity) {
      const oldest = this.executions.keys().next().value;
      if (oldest === undefined) break;
      this.executions.delete(oldest);
    }
  }

  get(executionArn: string): Execution | undefined {
    return this.executions.get(executionArn);
  }

  list(limit = 50): Execution[] {
    return [...this.executions.values()].reverse().slice(0, limit);
  }
}
