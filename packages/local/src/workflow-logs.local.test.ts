import { workflowLogging } from '@orders/core/aws/workflow-logging';
import { describe, expect, it } from 'vitest';
import type { Execution } from './executions';
import { LocalStateMachine } from './step-functions';
import { type HistoryEvent, meteredBytes, workflowLogRecords } from './workflow-logs';

const lambda = 'arn:aws:lambda:us-east-1:000000000000:function:probe';
const putEvents = 'arn:aws:states:::events:putEvents';
const secret = 'CARD-4111-1111-1111-1111';
const arn = 'arn:aws:states:us-east-1:000000000000:express:probe:1:1';

// A Lambda task, a choice, an integration task; the Lambda task fails once (retried), or always (caught).
const definition = {
  StartAt: 'Check',
  States: {
    Check: {
      Type: 'Task',
      Resource: lambda,
      Parameters: { 'order.$': '$.order', kind: 'check' },
      ResultPath: '$.check',
      TimeoutSeconds: 5,
      Retry: [{ ErrorEquals: ['Flaky'], IntervalSeconds: 1, MaxAttempts: 1 }],
      Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Failed' }],
      Next: 'Good',
    },
    Good: {
      Type: 'Choice',
      Choices: [{ Variable: '$.check.ok', BooleanEquals: true, Next: 'Announce' }],
      Default: 'Failed',
    },
    Announce: {
      Type: 'Task',
      Resource: putEvents,
      Parameters: { Entries: [{ 'Detail.$': '$.order' }] },
      ResultPath: null,
      End: true,
    },
    Failed: { Type: 'Fail', Error: 'OrderFailed', Cause: 'the check failed' },
  },
};

async function run(failures: number): Promise<{ execution: Execution; history: HistoryEvent[] }> {
  let attempts = 0;
  let history: HistoryEvent[] = [];
  const machine = new LocalStateMachine({
    definition,
    resources: {
      [lambda]: async () => {
        attempts++;
        if (attempts <= failures) throw Object.assign(new Error('try again'), { name: 'Flaky' });
        return { ok: true };
      },
      [putEvents]: async () => ({ FailedEntryCount: 0, Entries: [{ EventId: 'e-1' }] }),
    },
    retryIntervalOverrides: { Check: 0 },
    history: {
      record: (_execution, recorded) => {
        history = recorded;
      },
    },
  });
  const execution: Execution = {
    executionArn: arn,
    name: '1',
    status: 'RUNNING',
    startDate: new Date().toISOString(),
    input: { order: { id: 'A-1', card: secret } },
    events: [],
  };
  await machine.run(execution, {});
  await machine.idle();
  return { execution, history };
}

const types = (events: { type: string }[]) => events.map((event) => event.type);

describe('the history of a local execution', () => {
  it('records each Task attempt as Step Functions does, with the parameters and result the task saw', async () => {
    const { execution, history } = await run(1);
    expect(execution.status).toBe('SUCCEEDED');
    expect(types(history)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'LambdaFunctionScheduled',
      'LambdaFunctionStarted',
      'LambdaFunctionFailed',
      'LambdaFunctionScheduled',
      'LambdaFunctionStarted',
      'LambdaFunctionSucceeded',
      'TaskStateExited',
      'ChoiceStateEntered',
      'ChoiceStateExited',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSucceeded',
      'TaskStateExited',
      'ExecutionSucceeded',
    ]);
    const scheduled = history.find((event) => event.type === 'LambdaFunctionScheduled');
    expect(scheduled?.details).toMatchObject({ resource: lambda, timeoutInSeconds: 5 });
    expect(JSON.parse(String(scheduled?.details.input))).toEqual({
      order: { id: 'A-1', card: secret },
      kind: 'check',
    });
    const succeeded = history.find((event) => event.type === 'LambdaFunctionSucceeded');
    expect(JSON.parse(String(succeeded?.details.output))).toEqual({ ok: true });
    expect(history.find((event) => event.type === 'TaskScheduled')?.details).toMatchObject({
      resourceType: 'events',
      resource: 'putEvents',
    });
    const failed = history.find((event) => event.type === 'LambdaFunctionFailed')?.details;
    expect(failed?.error).toBe('Flaky');
    // The Node.js runtime's error payload, stack and all.
    expect(JSON.parse(String(failed?.cause))).toMatchObject({
      errorType: 'Flaky',
      errorMessage: 'try again',
      trace: expect.arrayContaining([expect.stringMatching(/^Flaky: try again/)]),
    });
    expect(history.map((event) => event.id)).toEqual(history.map((_, i) => i + 1));
  });

  it('ends a caught failure with the state exited, then the Fail state and the execution failure', async () => {
    const { execution, history } = await run(Number.POSITIVE_INFINITY);
    expect(execution.status).toBe('FAILED');
    expect(types(history).slice(-4)).toEqual([
      'LambdaFunctionFailed',
      'TaskStateExited',
      'FailStateEntered',
      'ExecutionFailed',
    ]);
  });
});

describe('the workflow log records', () => {
  it('hold every event with its input and output at level ALL with execution data', async () => {
    const { history } = await run(0);
    const records = workflowLogRecords(history, workflowLogging.full, arn);
    expect(records).toHaveLength(history.length);
    expect(records[0]).toMatchObject({
      id: '1',
      type: 'ExecutionStarted',
      previous_event_id: '0',
      execution_arn: arn,
    });
    expect(JSON.stringify(records)).toContain(secret);
  });

  it('keep names, resources and errors but no input, output or parameters without execution data', async () => {
    const { history } = await run(Number.POSITIVE_INFINITY);
    const records = workflowLogRecords(history, { level: 'ALL', includeExecutionData: false }, arn);
    expect(records).toHaveLength(history.length);
    expect(JSON.stringify(records)).not.toContain(secret);
    expect(records.find((record) => record.type === 'TaskStateEntered')?.details).toEqual({ name: 'Check' });
    expect(records.find((record) => record.type === 'LambdaFunctionScheduled')?.details).toEqual({
      resource: lambda,
      timeoutInSeconds: 5,
    });
    expect(records.find((record) => record.type === 'ExecutionFailed')?.details).toEqual({
      error: 'OrderFailed',
      cause: 'the check failed',
    });
  });

  it("hold nothing of an execution that succeeded at production's level, and only the failures of one that failed", async () => {
    expect(workflowLogRecords((await run(1)).history, workflowLogging.production, arn)).toEqual([
      expect.objectContaining({ type: 'LambdaFunctionFailed' }),
    ]);
    expect(workflowLogRecords((await run(0)).history, workflowLogging.production, arn)).toEqual([]);
    const failed = workflowLogRecords(
      (await run(Number.POSITIVE_INFINITY)).history,
      workflowLogging.production,
      arn,
    );
    expect(types(failed)).toEqual([
      'LambdaFunctionFailed',
      'LambdaFunctionFailed',
      'FailStateEntered',
      'ExecutionFailed',
    ]);
    expect(JSON.stringify(failed)).not.toContain(secret);
  });

  it('hold the execution failure alone at FATAL, and nothing when OFF', async () => {
    const { history } = await run(Number.POSITIVE_INFINITY);
    expect(types(workflowLogRecords(history, { level: 'FATAL', includeExecutionData: true }, arn))).toEqual([
      'ExecutionFailed',
    ]);
    expect(workflowLogRecords(history, { level: 'OFF', includeExecutionData: true }, arn)).toEqual([]);
  });

  it('cut an input over 248 KB of escaped JSON and say so', () => {
    const big = JSON.stringify({ text: '"'.repeat(150 * 1024) });
    const [record] = workflowLogRecords(
      [
        {
          id: 1,
          previousEventId: 0,
          type: 'ExecutionStarted',
          timestamp: 0,
          details: { input: big, inputDetails: { truncated: false } },
        },
      ],
      workflowLogging.full,
      arn,
    );
    expect(record?.details.inputDetails).toEqual({ truncated: true });
    expect(Buffer.byteLength(JSON.stringify(record?.details.input))).toBeLessThanOrEqual(248 * 1024);
  });

  it('are metered as their UTF-8 JSON plus 26 bytes each', () => {
    const record = workflowLogRecords(
      [{ id: 1, previousEventId: 0, type: 'ExecutionAborted', timestamp: 1, details: { note: 'é' } }],
      workflowLogging.full,
      arn,
    )[0];
    if (record === undefined) throw new Error('no record');
    expect(meteredBytes(record)).toBe(Buffer.byteLength(JSON.stringify(record)) + 26);
  });
});
