import { describe, expect, it } from 'vitest';
import { rawDefinition } from './definition';
import { worstCaseSeconds, worstCaseStateSeconds } from './worst-case';

const task = (extra: Record<string, unknown>) => ({ Type: 'Task', Resource: 'r', ...extra });

describe('the worst-case duration of a workflow', () => {
  it('counts every attempt at its timeout and every capped backoff of every retrier', () => {
    const state = task({
      TimeoutSeconds: 10,
      Retry: [
        { ErrorEquals: ['A'], IntervalSeconds: 1, MaxAttempts: 3, BackoffRate: 2, MaxDelaySeconds: 3 },
        { ErrorEquals: ['B'], IntervalSeconds: 2, MaxAttempts: 1 },
      ],
    });
    // Attempts 1 + 3 + 1 = 5 of 10 s; waits 1, 2, min(4, 3) and 2.
    expect(worstCaseStateSeconds(state)).toBe(5 * 10 + 1 + 2 + 3 + 2);
  });

  it('counts a throttled attempt, refused before it runs, by its wait alone', () => {
    const state = task({
      TimeoutSeconds: 10,
      Retry: [{ ErrorEquals: ['Lambda.TooManyRequestsException'], IntervalSeconds: 2, MaxAttempts: 2 }],
    });
    expect(worstCaseStateSeconds(state)).toBe(10 + 2 + 4);
  });

  it('takes the longest path through choices and catchers, not the sum of all states', () => {
    const definition = {
      StartAt: 'A',
      States: {
        A: task({ TimeoutSeconds: 5, Catch: [{ ErrorEquals: ['States.ALL'], Next: 'C' }], Next: 'B' }),
        B: { Type: 'Choice', Choices: [{ Next: 'C' }], Default: 'D' },
        C: task({ TimeoutSeconds: 20, End: true }),
        D: task({ TimeoutSeconds: 7, End: true }),
      },
    };
    expect(worstCaseSeconds(definition)).toBe(25);
  });

  it('refuses a task without a timeout and a loop, whose worst case has no bound', () => {
    expect(() => worstCaseSeconds({ StartAt: 'A', States: { A: task({ End: true }) } })).toThrow(
      /TimeoutSeconds/,
    );
    const loop = { StartAt: 'A', States: { A: { Type: 'Pass', Next: 'A' } } };
    expect(() => worstCaseSeconds(loop)).toThrow(/loop/);
  });

  it('is computed for the order workflow from its ASL file', () => {
    // A direct event: RecordSubmission 48 s (it validates too) + SequenceAndStore 139 s + FindStoredOrder 40 s
    // + EmitAccepted 27 s + RecordAnnouncementPending 40 s. The feed's path, through Validate (33 s), is 279 s.
    expect(worstCaseSeconds(rawDefinition())).toBe(294);
    const { SubmissionForm: _, ...fromValidate } = rawDefinition().States;
    expect(worstCaseSeconds({ StartAt: 'Validate', States: fromValidate })).toBe(279);
  });
});
