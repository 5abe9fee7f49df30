import type { ExecutionDetail, ExecutionEvent, ExecutionSource } from '@orders/functions';

// The same shapes the executions routes serve from Step Functions on AWS.
export type Execution = ExecutionDetail;
export type { ExecutionEvent };

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

/** The executions routes' view of the local log (the same interface Step Functions serves on AWS). */
export function localExecutionSource(log: ExecutionLog): ExecutionSource {
  return {
    list: async (limit) =>
      log.list(limit).map(({ executionArn, name, status, startDate, stopDate }) => ({
        executionArn,
        name,
        status,
        startDate,
        ...(stopDate === undefined ? {} : { stopDate }),
      })),
    get: async (executionArn) => log.get(executionArn),
  };
}
