import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
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
    expect(second.get(anExecution(2).executionArn)).toEqual({ ...anExecution(2), outcome: 'rejected' });
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

  it('cuts payload copies in logged inputs and outputs to a preview that says it was cut', () => {
    const file = logFile();
    const big = { orderId: 'A-1', note: 'x'.repeat(10_000) };
    const small = { orderId: 'A-2' };
    const execution: Execution = {
      ...anExecution(1),
      input: { detail: { submissionId: 's-1', payload: big } },
      events: [
        {
          id: 1,
          type: 'ExecutionStarted',
          timestamp: new Date(0).toISOString(),
          input: { detail: { payload: big } },
        },
        {
          id: 2,
          type: 'StateExited',
          timestamp: new Date(0).toISOString(),
          output: { rejection: { payload: small }, cause: 'y'.repeat(10_000) },
        },
      ],
    };
    const log = new ExecutionLog(10, file, { maxPayloadChars: 100, maxStringChars: 200 });
    log.add(execution);
    log.finish(execution);

    for (const kept of [
      log.get(execution.executionArn),
      new ExecutionLog(10, file).get(execution.executionArn),
    ]) {
      const marker = {
        truncated: true,
        originalChars: JSON.stringify(big).length,
        preview: JSON.stringify(big).slice(0, 100),
      };
      expect(kept?.input).toEqual({ detail: { submissionId: 's-1', payload: marker } });
      expect(kept?.events[0]?.input).toEqual({ detail: { payload: marker } });
      expect(kept?.events[1]?.output).toEqual({
        rejection: { payload: small },
        cause: `${'y'.repeat(200)}… [truncated from 10000 characters]`,
      });
    }
    expect(statSync(file).size).toBeLessThan(2_000);
  });

  it('rotates its file at the size bound and still reads back the most recent executions', () => {
    const file = logFile();
    const maxFileBytes = 2_000;
    const log = new ExecutionLog(1_000, file, { maxFileBytes });
    log.finish(anExecution(100));
    const lineBytes = statSync(file).size;
    for (let n = 101; n < 200; n++) {
      log.finish(anExecution(n));
      expect(statSync(file, { throwIfNoEntry: false })?.size ?? 0).toBeLessThanOrEqual(maxFileBytes);
    }
    const rotated = file.replace(/\.jsonl$/, '.1.jsonl');
    expect(existsSync(rotated)).toBe(true);
    expect(statSync(rotated).size).toBeLessThanOrEqual(maxFileBytes + lineBytes);
    const names = new ExecutionLog(1_000, file).list(1_000).map((execution) => execution.name);
    expect(names[0]).toBe('199');
    expect(names.length).toBeGreaterThan(maxFileBytes / lineBytes);
    expect(names).toEqual([...names].sort().reverse());
  });

  it('explains an execution while its payload is whole, so a cut payload keeps its order id', () => {
    const file = logFile();
    const log = new ExecutionLog(10, file, { maxPayloadChars: 100 });
    const detail = {
      submissionId: '5f0c1a52-3e1b-4f7e-9a43-1b2c3d4e5f60',
      partnerId: 'partner-a',
      receivedAt: new Date(1_700_000_000_000).toISOString(),
      payload: { orderId: 'A-LONG', note: 'x'.repeat(1_000) },
    };
    const rejection = { category: 'validation', issues: [] };
    log.finish({
      ...anExecution(1),
      stopDate: new Date(1_700_000_000_250).toISOString(),
      input: { source: 'orders.partner-a', detail },
      output: { source: 'orders.partner-a', detail, validation: { valid: false, rejection }, rejection },
    });
    const [read] = new ExecutionLog(10, file).list();
    expect(read).toMatchObject({
      partnerId: 'partner-a',
      submissionId: detail.submissionId,
      externalOrderId: 'A-LONG',
      outcome: 'rejected',
      durationMs: 249,
      input: { detail: { payload: { truncated: true } } },
    });
  });
});
