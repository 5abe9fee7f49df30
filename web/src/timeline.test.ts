import { describe, expect, it } from 'vitest';
import { caughtExecution, failedExecution } from './test/fixtures';
import { groupStateVisits } from './timeline';
import type { ExecutionEvent } from './types';

describe('groupStateVisits', () => {
  it('turns each StateEntered and StateExited pair into one visit with its duration', () => {
    const execution = caughtExecution();
    const visits = groupStateVisits(execution.events, execution);

    expect(visits.map((visit) => [visit.stateName, visit.status, visit.durationMs])).toEqual([
      ['Validate', 'caught', 32],
      ['EmitRejected', 'succeeded', 140],
    ]);
    expect(visits[1]?.input).toEqual({});
    expect(visits[1]?.output).toEqual({});
  });

  it('attaches each retry to its visit with the error that caused it', () => {
    const execution = failedExecution();
    const [, store] = groupStateVisits(execution.events, execution);

    expect(store?.retries.map((retry) => [retry.attempt, retry.error])).toEqual([
      [1, 'SequenceConflict'],
      [2, 'SequenceConflict'],
    ]);
    expect(store?.status).toBe('failed');
    expect(store?.failure?.error).toBe('SequenceConflict');
    expect(store?.durationMs).toBe(750);
  });

  it('keeps the caught error on the visit that a Catch rule handled', () => {
    const execution = caughtExecution();
    const [validate] = groupStateVisits(execution.events, execution);

    expect(validate?.caught).toMatchObject({ error: 'OrderInvalid', cause: 'quantity must be at least 1' });
    expect(validate?.failure).toBeUndefined();
  });

  it('leaves the current visit running while the execution runs', () => {
    const events: ExecutionEvent[] = [
      { id: 1, type: 'ExecutionStarted', timestamp: '2025-11-20T10:00:00.000Z' },
      { id: 2, type: 'StateEntered', timestamp: '2025-11-20T10:00:00.010Z', stateName: 'Validate' },
    ];
    const [visit] = groupStateVisits(events, { status: 'RUNNING' });
    expect(visit?.status).toBe('running');
    expect(visit?.durationMs).toBeUndefined();
  });

  it('marks the visit stopped when the execution was aborted under it', () => {
    const events: ExecutionEvent[] = [
      { id: 1, type: 'StateEntered', timestamp: '2025-11-20T10:00:00.000Z', stateName: 'Wait' },
    ];
    const [visit] = groupStateVisits(events, { status: 'ABORTED', stopDate: '2025-11-20T10:00:02.000Z' });
    expect(visit?.status).toBe('stopped');
    expect(visit?.durationMs).toBe(2_000);
  });

  it('counts a state visited twice as two visits, in event order', () => {
    const at = (s: number) => `2025-11-20T10:00:0${s}.000Z`;
    const events: ExecutionEvent[] = [
      { id: 4, type: 'StateExited', timestamp: at(3), stateName: 'Poll' },
      { id: 1, type: 'StateEntered', timestamp: at(0), stateName: 'Poll' },
      { id: 2, type: 'StateExited', timestamp: at(1), stateName: 'Poll' },
      { id: 3, type: 'StateEntered', timestamp: at(2), stateName: 'Poll' },
    ];
    const visits = groupStateVisits(events, { status: 'SUCCEEDED' });
    expect(visits.map((visit) => [visit.id, visit.durationMs])).toEqual([
      [1, 1_000],
      [3, 1_000],
    ]);
  });
});
