import './polyfill';
import { Events, Workflow } from '@orders/core';
import { StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';
import { describe, expect, it } from 'vitest';
import { localSubstitutions } from './workflow';

const submitted = {
  version: '0',
  id: 'c0ffee00-0000-4000-8000-000000000001',
  'detail-type': 'OrderSubmitted',
  source: 'orders.partner-a',
  account: '000000000000',
  time: '2024-05-01T12:00:00Z',
  region: 'us-east-1',
  resources: [],
  detail: {
    submissionId: 'c0ffee00-0000-4000-8000-000000000001',
    partnerId: 'partner-a',
    receivedAt: '2024-05-01T12:00:00.000Z',
    payload: { orderId: 'A-1' },
  },
};

/**
 * Runs the real definition's failure path from a failure Step Functions hands over in the given shape: on
 * AWS a failure such as States.Runtime may carry an Error and no Cause, which the local interpreter never
 * produces by itself, so a Pass state puts it where a Catch would.
 */
async function describeFailure(error: Record<string, string>) {
  const definition = Workflow.substituteDefinition(localSubstitutions);
  const machine = new StateMachine({
    ...definition,
    StartAt: 'Start',
    States: {
      ...definition.States,
      // The interpreter wants every state reachable; this run always takes the Default.
      Start: {
        Type: 'Choice',
        Choices: [{ Variable: '$.startAtDefinition', IsPresent: true, Next: definition.StartAt }],
        Default: 'Caught',
      },
      Caught: { Type: 'Pass', Result: error, ResultPath: '$.error', Next: 'DescribeProcessingFailure' },
    },
  } as unknown as StateMachineDefinition);
  const puts: { Entries: { DetailType: string; Detail: unknown }[] }[] = [];
  const { result } = machine.run(submitted, {
    overrides: {
      taskResourceLocalHandlers: {
        EmitRejected: async (input: unknown) => {
          puts.push(input as (typeof puts)[number]);
          return { FailedEntryCount: 0, Entries: [{ EventId: 'local' }] };
        },
      },
    },
    context: { Execution: { Id: 'arn:aws:states:us-east-1:000000000000:execution:order-workflow:test' } },
  });
  const outcome = await result.then(
    () => 'succeeded',
    (failure: unknown) =>
      failure instanceof Error && failure.cause instanceof Error ? failure.cause.name : 'unknown',
  );
  return { outcome, puts };
}

describe('the failure path of the order workflow', () => {
  it('describes a failure that carries no Cause and still ends with a rejection', async () => {
    const { outcome, puts } = await describeFailure({ Error: 'States.Runtime' });
    expect(outcome).toBe('OrderProcessingFailed');
    expect(puts).toHaveLength(1);
    const detail = Workflow.parseTaskInput(Events.OrderRejected, puts[0]?.Entries[0]?.Detail);
    expect(detail).toMatchObject({
      submissionId: submitted.detail.submissionId,
      category: 'processing',
      failure: { Error: 'States.Runtime' },
      payload: { orderId: 'A-1' },
    });
  });

  it('keeps the Cause when there is one', async () => {
    const { puts } = await describeFailure({ Error: 'TypeError', Cause: 'a defect' });
    expect(puts[0]?.Entries[0]?.Detail).toMatchObject({ failure: { Error: 'TypeError', Cause: 'a defect' } });
  });
});
