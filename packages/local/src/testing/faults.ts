import { Order, Workflow } from '@orders/core';
import type { LocalRuntimeOptions } from '../runtime';
import type { TaskHandler } from '../workflow';

type WrapTask = NonNullable<LocalRuntimeOptions['wrapTask']>;

/** A fault aimed at some submissions, counting how often it fired so a test can prove it happened. */
export interface Fault {
  wrapTask: WrapTask;
  /**
   * The orders the fault hits, as `orderKey(partner, external id)`: known before submitting, so no
   * execution can run ahead of the test's choice.
   */
  targets: Set<string>;
  fired: number;
  /** While false the fault lets everything through. */
  active: boolean;
}

/** The Lambda error Step Functions reports for a function that died (timeout, out of memory). */
export function functionDied(): Error {
  const error = new Error('injected: the function ended before answering');
  error.name = 'Lambda.Unknown';
  return error;
}

/** How a fault names an order it hits. */
export function orderKey(partnerId: string, externalOrderId: string): string {
  return `${partnerId}/${externalOrderId}`;
}

const hits = (self: Fault, order: { partnerId: string; externalOrderId: string }) =>
  self.active && self.targets.has(orderKey(order.partnerId, order.externalOrderId));

// The failure path calls the same function with another input; a fault aimed at sequencing spares it.
function sequencingInput(input: unknown): Workflow.SequencingInput | undefined {
  const parsed = Workflow.SequencingInput;
  if (typeof input !== 'object' || input === null || !('order' in input)) return undefined;
  return Workflow.parseTaskInput(parsed, input);
}

function fault(build: (self: Fault) => WrapTask): Fault {
  const self: Fault = { targets: new Set(), fired: 0, active: true, wrapTask: (_, handler) => handler };
  self.wrapTask = build(self);
  return self;
}

/**
 * SequenceAndStore's transaction commits and then the function dies before it settles the submission, on
 * every attempt: the failure path finds a stored order whose submission still says pending.
 */
export function failAfterCommit(error: () => Error = functionDied): Fault {
  return fault((self) => (task, handler, { store }): TaskHandler => {
    if (task !== 'sequenceAndStore') return handler;
    return async (input) => {
      const sequencing = sequencingInput(input);
      if (sequencing === undefined || !hits(self, sequencing.order)) return handler(input);
      await Order.sequenceAndStore(store, { ...sequencing.order, executionId: sequencing.executionId });
      self.fired++;
      throw error();
    };
  });
}

/** SequenceAndStore does all its work, commit and settle, and then fails to answer, on every attempt. */
export function failAfterSettle(error: () => Error = functionDied): Fault {
  return fault((self) => (task, handler): TaskHandler => {
    if (task !== 'sequenceAndStore') return handler;
    return async (input) => {
      const sequencing = sequencingInput(input);
      const output = await handler(input);
      if (sequencing === undefined || !hits(self, sequencing.order)) return output;
      self.fired++;
      throw error();
    };
  });
}

/** Every SequenceAndStore attempt for a target fails before it does anything. */
export function failBeforeSequencing(error: () => Error): Fault {
  return fault((self) => (task, handler): TaskHandler => {
    if (task !== 'sequenceAndStore') return handler;
    return async (input) => {
      const sequencing = sequencingInput(input);
      if (sequencing === undefined || !hits(self, sequencing.order)) return handler(input);
      self.fired++;
      throw error();
    };
  });
}

/** The workflow's OrderAccepted put fails for a target, every time, while active: committed, not announced. */
export function failAcceptedEmits(): Fault {
  return fault((self) => (task, handler): TaskHandler => {
    if (task !== 'putEvents') return handler;
    return async (entries) => {
      const hit = (entries as { DetailType: string; Detail: string }[]).some(
        (entry) =>
          entry.DetailType === 'OrderAccepted' &&
          hits(self, JSON.parse(entry.Detail) as { partnerId: string; externalOrderId: string }),
      );
      if (!hit) return handler(entries);
      self.fired++;
      const error = new Error('injected: EventBridge did not answer');
      error.name = 'EventBridge.InternalException';
      throw error;
    };
  });
}

/** Combines faults into one wrapper, applied in order. */
export function combine(...faults: Fault[]): WrapTask {
  return (task, handler, context) =>
    faults.reduce((wrapped, { wrapTask }) => wrapTask(task, wrapped, context), handler);
}
