import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type Execution, ExecutionLog } from './executions';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function logFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'executions-'));
  dirs.push(dir);
  return join(dir, 'executions.jsonl');
}

function anExecution(n: number): Execution {
  return {
    executionArn: `arn:aws:states:us-east-1:000000000000:execution:order-workflow:${n}`,
    name: String(n),
    status: 'SUCCEEDED',
    startDate: new Date(1_700_000_000_000 + n).toISOString(),
    input: { n },
    events: [{ id: 1, type: 'ExecutionStarted', timestamp: new Date(0).toISOString() }],
  };
}

describe('the execution log', () => {
  it('reads finished executions back after a restart, newest first', () => {
    const file = logFile();
    const first = new ExecutionLog(10, file);
    for (const n of [1, 2, 3]) {
      first.add(anExecution(n));
      first.finish(anExecution(n));
    }
    const second = new ExecutionLog(10, file);
    expect(second.list().map((execution) => execution.name)).toEqual(['3', '2', '1']);
    expect(second.get(anExecution(2).executionArn)).toEqual(anExecution(2));
  });

  it('keeps only the most recent executions and compacts its file on start', () => {
    const file = logFile();
    const log = new ExecutionLog(3, file);
    for (let n = 1; n <= 5; n++) log.finish(anExecution(n));
    const reopened = new ExecutionLog(3, file);
    expect(reopened.list().map((execution) => execution.name)).toEqual(['5', '4', '3']);
    expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(3);
  });

  it('skips a line a crash cut short', () => {
    const file = logFile();
    new ExecutionLog(10, file).finish(anExecution(1));
    appendFileSync(file, '{"executionArn":"arn:aws:states:us-east-1:0:execution:order-workflow:2","na');
    expect(new ExecutionLog(10, file).list().map((execution) => execution.name)).toEqual(['1']);
  });
});
