import { stepFunctions } from '@orders/core/aws/limits';
import { describe, expect, it } from 'vitest';
import type { Execution } from './executions';
import { LocalStateMachine, type LocalStateMachineOptions, payloadBytes } from './step-functions';

const resource = 'arn:aws:lambda:us-east-1:000000000000:function:probe';
const catchAll = [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Caught' }];

async function run(
  states: Record<string, unknown>,
  handler: (input: unknown) => Promise<unknown>,
  options: Partial<LocalStateMachineOptions> = {},
  input: unknown = {},
): Promise<Execution> {
  const machine = new LocalStateMachine({
    // A catcher's target only where a state has a catcher: the interpreter refuses unreachable states.
    definition: {
      StartAt: 'Start',
      States: JSON.stringify(states).includes('"Caught"')
        ? { ...states, Caught: { Type: 'Succeed' } }
        : states,
    },
    resources: { [resource]: handler },
    ...options,
  });
  const execution: Execution = {
    executionArn: 'arn:aws:states:us-east-1:000000000000:execution:probe:1',
    name: '1',
    status: 'RUNNING',
    startDate: new Date().toISOString(),
    input,
    events: [],
  };
  await machine.run(execution, {});
  await machine.idle();
  return execution;
}

/** A string whose JSON form, `"…"`, is exactly `bytes` long. */
const jsonOf = (bytes: number) => 'x'.repeat(bytes - 2);

describe('Step Functions payload limit', () => {
  it('fails the execution with States.DataLimitExceeded when a task returns over 256 KiB, past a States.ALL catcher', async () => {
    const execution = await run(
      { Start: { Type: 'Task', Resource: resource, TimeoutSeconds: 5, Catch: catchAll, End: true } },
      async () => jsonOf(stepFunctions.maxPayloadBytes + 1),
    );
    expect(execution.status).toBe('FAILED');
    expect(execution.error).toBe('States.DataLimitExceeded');
    expect(execution.events.map((event) => event.type)).not.toContain('StateCaught');
  });

  it('counts UTF-8 bytes, not characters', () => {
    expect(payloadBytes('€')).toBe(5);
  });

  it('lets a task result of exactly 262,144 bytes through', async () => {
    const execution = await run(
      { Start: { Type: 'Task', Resource: resource, TimeoutSeconds: 5, ResultPath: null, End: true } },
      async () => jsonOf(stepFunctions.maxPayloadBytes),
    );
    expect(execution.status).toBe('SUCCEEDED');
  });

  it('fails with States.DataLimitExceeded when a state output grows past 256 KiB by its ResultPath', async () => {
    const half = jsonOf(stepFunctions.maxPayloadBytes / 2);
    const execution = await run(
      {
        Start: { Type: 'Pass', Parameters: { 'copy.$': '$.text' }, ResultPath: '$.again', Next: 'Task' },
        Task: { Type: 'Task', Resource: resource, TimeoutSeconds: 5, Catch: catchAll, End: true },
      },
      async () => 'never reached',
      {},
      { text: half },
    );
    expect(execution).toMatchObject({ status: 'FAILED', error: 'States.DataLimitExceeded' });
    expect(execution.cause).toContain('The output of state Start');
    expect(execution.events.some((event) => event.stateName === 'Task')).toBe(false);
  });

  it('fails with States.DataLimitExceeded when a task input over 256 KiB comes out of its Parameters', async () => {
    let called = false;
    const execution = await run(
      {
        Start: {
          Type: 'Task',
          Resource: resource,
          TimeoutSeconds: 5,
          Parameters: { 'a.$': '$.text', 'b.$': '$.text' },
          Catch: catchAll,
          End: true,
        },
      },
      async () => {
        called = true;
      },
      {},
      { text: jsonOf(stepFunctions.maxPayloadBytes / 2 + 10) },
    );
    expect(execution).toMatchObject({ status: 'FAILED', error: 'States.DataLimitExceeded' });
    expect(called).toBe(false);
  });
});

describe("a Task's TimeoutSeconds", () => {
  it('fails the task with States.Timeout once it runs past TimeoutSeconds, and a Retry that lists it retries', async () => {
    let calls = 0;
    const execution = await run(
      {
        Start: {
          Type: 'Task',
          Resource: resource,
          TimeoutSeconds: 1,
          Retry: [{ ErrorEquals: ['States.Timeout'], IntervalSeconds: 1, MaxAttempts: 1 }],
          End: true,
        },
      },
      async () => {
        calls++;
        // The first attempt outlasts its second; the retry answers at once.
        if (calls === 1) await new Promise((resolve) => setTimeout(resolve, 1_500));
        return 'done';
      },
      { retryIntervalOverrides: { Start: 0 } },
    );
    expect(calls).toBe(2);
    expect(execution.status).toBe('SUCCEEDED');
    const failed = execution.events.find((event) => event.type === 'StateFailed');
    expect(failed?.error).toBe('States.Timeout');
  });

  it('is not matched by States.TaskFailed: an unlisted timeout fails the execution', async () => {
    const execution = await run(
      {
        Start: {
          Type: 'Task',
          Resource: resource,
          TimeoutSeconds: 1,
          Retry: [{ ErrorEquals: ['States.TaskFailed'], MaxAttempts: 2 }],
          End: true,
        },
      },
      () => new Promise((resolve) => setTimeout(resolve, 1_500)),
    );
    expect(execution).toMatchObject({ status: 'FAILED', error: 'States.Timeout' });
  });
});

describe('the Express execution time limit', () => {
  const waitLong = {
    Start: { Type: 'Wait', Seconds: 60, Next: 'Task' },
    Task: { Type: 'Task', Resource: resource, TimeoutSeconds: 5, End: true },
  };

  it('is five minutes and cannot be lengthened', () => {
    const options = {
      definition: { StartAt: 'Start', States: waitLong },
      resources: { [resource]: async () => null },
    };
    expect(new LocalStateMachine(options).timeLimitMs).toBe(300_000);
    expect(new LocalStateMachine({ ...options, expressTimeLimitMs: 600_000 }).timeLimitMs).toBe(300_000);
    expect(new LocalStateMachine({ ...options, type: 'STANDARD' }).timeLimitMs).toBeUndefined();
  });

  it('stops an Express execution past its limit as TIMED_OUT with States.Timeout, running nothing after', async () => {
    let called = false;
    const execution = await run(
      waitLong,
      async () => {
        called = true;
      },
      { expressTimeLimitMs: 100 },
    );
    expect(execution).toMatchObject({ status: 'TIMED_OUT', error: 'States.Timeout' });
    expect(execution.events.at(-1)?.type).toBe('ExecutionTimedOut');
    expect(called).toBe(false);
  });

  it('does not stop a Standard execution', async () => {
    const execution = await run(
      { Start: { Type: 'Wait', Seconds: 1, Next: 'Task' }, Task: waitLong.Task },
      async () => 'done',
      { type: 'STANDARD', expressTimeLimitMs: 100 },
    );
    expect(execution.status).toBe('SUCCEEDED');
  });
});
