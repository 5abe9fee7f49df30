import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { ExecutionDetail, ExecutionEvent, ExecutionSource } from '@orders/functions';

// The same shapes the executions routes serve from Step Functions on AWS.
export type Execution = ExecutionDetail;
export type { ExecutionEvent };

/**
 * Keeps the most recent executions and their event logs, newest first when listed. With a file, finished
 * executions are appended to it as JSON lines and the most recent ones are read back on start, so the
 * timelines linked from stored orders outlive a restart.
 */
export class ExecutionLog {
  private readonly executions = new Map<string, Execution>();

  constructor(
    private readonly capacity = 5_000,
    private readonly file?: string,
  ) {
    if (file === undefined || !existsSync(file)) return;
    const lines = readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => line !== '');
    const kept = lines.slice(-capacity);
    for (const line of kept) {
      try {
        const execution = JSON.parse(line) as Execution;
        this.executions.set(execution.executionArn, execution);
      } catch {
        // A line cut short by a crash is skipped; the rest still load.
      }
    }
    // Compacted on start, so the file never holds much more than `capacity` executions.
    if (kept.length < lines.length) writeFileSync(file, `${kept.join('\n')}\n`);
  }

  /** Records that an execution finished: persisted when the log has a file. */
  finish(execution: Execution): void {
    if (this.file !== undefined) appendFileSync(this.file, `${JSON.stringify(execution)}\n`);
  }

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
