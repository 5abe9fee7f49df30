import { appendFileSync, existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { explainExecution } from '@orders/core/workflow/execution-outcome';
import type {
  ExecutionDetail,
  ExecutionEvent,
  ExecutionQuery,
  ExecutionSource,
  ExecutionSummary,
} from '@orders/functions';
import { matchesQuery } from '@orders/functions';

// The same shapes the executions routes serve from Step Functions on AWS; an execution is explained (its
// outcome and order read from its input and output) when it finishes, or as it is read while it runs.
export type Execution = Omit<ExecutionDetail, 'outcome'> & { outcome?: ExecutionDetail['outcome'] };
export type { ExecutionEvent };

export interface ExecutionLogBounds {
  /** A `payload` (the partner's order, copied into many states' input and output) longer than this, as JSON, is cut. */
  maxPayloadChars?: number;
  /** Any other string longer than this is cut (an error's cause, a stack). */
  maxStringChars?: number;
  /** The file is rotated (to `<name>.1.jsonl`, replacing the previous one) once it passes this size. */
  maxFileBytes?: number;
}

const defaultBounds: Required<ExecutionLogBounds> = {
  maxPayloadChars: 2_048,
  maxStringChars: 4_096,
  maxFileBytes: 64 * 1024 * 1024,
};

/** What a cut payload is replaced with in the log: says that it was cut, how long it was, how it began. */
export interface TruncatedPayload {
  truncated: true;
  originalChars: number;
  preview: string;
}

/**
 * Keeps the most recent executions and their event logs, newest first when listed. With a file, finished
 * executions are appended to it as JSON lines and the most recent ones are read back on start, so the
 * timelines linked from stored orders outlive a restart. The log is bounded: a finished execution is kept
 * with its payload copies cut to a preview (the stored submission and error keep the payload whole), and
 * the file is rotated at a size bound, so neither memory nor disk grows with order size or uptime.
 */
export class ExecutionLog {
  private readonly executions = new Map<string, Execution>();
  private readonly bounds: Required<ExecutionLogBounds>;

  constructor(
    private readonly capacity = 5_000,
    private readonly file?: string,
    bounds: ExecutionLogBounds = {},
  ) {
    this.bounds = { ...defaultBounds, ...bounds };
    if (file === undefined) return;
    const lines = [rotatedFile(file), file]
      .filter((path) => existsSync(path))
      .flatMap((path) => readFileSync(path, 'utf8').split('\n'))
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
    if (existsSync(file) && kept.length < lines.length) writeFileSync(file, `${kept.join('\n')}\n`);
  }

  /**
   * Records that an execution finished: explained while its payload is whole (a cut one may hide the
   * partner's order id), kept bounded, and persisted when the log has a file.
   */
  finish(execution: Execution): void {
    const bounded = boundExecution({ ...execution, ...explainExecution(execution) }, this.bounds);
    if (this.executions.has(execution.executionArn)) this.executions.set(execution.executionArn, bounded);
    if (this.file === undefined) return;
    appendFileSync(this.file, `${JSON.stringify(bounded)}\n`);
    if (statSync(this.file).size > this.bounds.maxFileBytes) renameSync(this.file, rotatedFile(this.file));
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

  /** The most recent executions that match `query`, newest first, each explained. */
  find(query: ExecutionQuery): ExecutionDetail[] {
    const found: ExecutionDetail[] = [];
    for (const execution of [...this.executions.values()].reverse()) {
      if (found.length >= query.limit) break;
      const read = explained(execution);
      if (matchesQuery(read, query)) found.push(read);
    }
    return found;
  }
}

function rotatedFile(file: string): string {
  return file.replace(/(\.jsonl)?$/, '.1.jsonl');
}

/** A copy of an execution with every payload copy and overlong string cut, each cut saying so. */
export function boundExecution(execution: Execution, bounds: ExecutionLogBounds = {}): Execution {
  const limits = { ...defaultBounds, ...bounds };
  return bound(execution, limits, false) as Execution;
}

function bound(value: unknown, limits: Required<ExecutionLogBounds>, isPayload: boolean): unknown {
  if (isPayload) {
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    if (text !== undefined && text.length > limits.maxPayloadChars) {
      return {
        truncated: true,
        originalChars: text.length,
        preview: text.slice(0, limits.maxPayloadChars),
      } satisfies TruncatedPayload;
    }
    return value;
  }
  if (typeof value === 'string') {
    return value.length > limits.maxStringChars
      ? `${value.slice(0, limits.maxStringChars)}… [truncated from ${value.length} characters]`
      : value;
  }
  if (Array.isArray(value)) return value.map((item) => bound(item, limits, false));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, bound(item, limits, key === 'payload')]),
    );
  }
  return value;
}

// A finished execution was explained when it was logged; a running one (or one logged before executions
// were explained) is explained as it is read.
function explained(execution: Execution): ExecutionDetail {
  const { outcome } = execution;
  return execution.status !== 'RUNNING' && outcome !== undefined
    ? { ...execution, outcome }
    : { ...execution, ...explainExecution(execution) };
}

function toSummary(execution: ExecutionDetail): ExecutionSummary {
  const { input: _input, output: _output, cause: _cause, events: _events, ...summary } = execution;
  return summary;
}

/** The executions routes' view of the local log (the same interface Step Functions serves on AWS). */
export function localExecutionSource(log: ExecutionLog): ExecutionSource {
  return {
    list: async (query) => log.find(query).map(toSummary),
    get: async (executionArn) => {
      const execution = log.get(executionArn);
      return execution === undefined ? undefined : explained(execution);
    },
  };
}
