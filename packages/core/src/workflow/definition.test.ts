import aslValidator from 'asl-validator';
import { describe, expect, it } from 'vitest';
import { functionSettings } from '../aws/functions';
import { lambda, stepFunctions } from '../aws/limits';
import { rawDefinition, substituteDefinition } from './definition';
import { isTransientFailure, transientFailureNames } from './failures';

const values = {
  ValidateFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:validate',
  SequenceAndStoreFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:sequence-and-store',
  EventBusName: 'orders',
};

const placeholder = (name: string) => `$\{${name}}`;

describe('the order workflow definition', () => {
  it('is valid Amazon States Language once its placeholders are substituted', () => {
    const { isValid, errorsText } = aslValidator(substituteDefinition(values));
    expect(errorsText(), errorsText()).toBe('');
    expect(isValid).toBe(true);
  });

  it('keeps a placeholder for every deployed resource and leaves none after substitution', () => {
    const raw = JSON.stringify(rawDefinition());
    expect(new Set(raw.match(/\$\{\w+\}/g))).toEqual(
      new Set(['ValidateFunctionArn', 'SequenceAndStoreFunctionArn', 'EventBusName'].map(placeholder)),
    );
    expect(JSON.stringify(substituteDefinition(values))).not.toMatch(/\$\{/);
  });

  it('refuses to substitute when a value is missing', () => {
    const { EventBusName: _, ...partial } = values;
    expect(() => substituteDefinition(partial as typeof values)).toThrow(placeholder('EventBusName'));
  });

  it('uses JSONPath only: no JSONata and no variables', () => {
    const raw = JSON.stringify(rawDefinition());
    expect(raw).not.toMatch(/"QueryLanguage"|"Assign"|"Arguments"|"Output"/);
  });

  it('retries transient sequencing failures with backoff and jitter and catches everything else', () => {
    const state = rawDefinition().States.SequenceAndStore;
    expect(state.Retry.flatMap((retrier) => retrier.ErrorEquals)).toEqual(
      expect.arrayContaining(['SequenceContentionError', 'StorageUnavailableError', 'States.Timeout']),
    );
    for (const retrier of state.Retry)
      expect(retrier).toMatchObject({ BackoffRate: 2, JitterStrategy: 'FULL' });
    expect(state.Catch[0]).toMatchObject({ ErrorEquals: ['States.ALL'], Next: 'FindStoredOrder' });
  });

  it('leaves a submission pending on exactly the transient failures and rejects on nothing else of them', () => {
    const { Validate, FindStoredOrder } = rawDefinition().States;
    expect(Validate.Catch[0]).toMatchObject({ Next: 'LeftPending' });
    expect(new Set(Validate.Catch[0]?.ErrorEquals)).toEqual(new Set(transientFailureNames));
    expect(Validate.Catch[1]).toMatchObject({
      ErrorEquals: ['States.ALL'],
      Next: 'DescribeProcessingFailure',
    });
    expect(new Set(FindStoredOrder.Retry.flatMap((retrier) => retrier.ErrorEquals))).toEqual(
      new Set(transientFailureNames),
    );
    expect(isTransientFailure('Lambda.TooManyRequestsException')).toBe(true);
    expect(isTransientFailure('TypeError')).toBe(false);
  });

  it('sends the feed’s submissions to Validate and records every other OrderSubmitted event first', () => {
    const { StartAt, States } = rawDefinition();
    expect(StartAt).toBe('SubmissionForm');
    expect(States.SubmissionForm).toMatchObject({
      Type: 'Choice',
      Choices: [
        {
          And: ['submissionId', 'partnerId', 'receivedAt', 'payload'].map((field) => ({
            Variable: `$.detail.${field}`,
            IsPresent: true,
          })),
          Next: 'Validate',
        },
      ],
      Default: 'RecordSubmission',
    });
    const record = States.RecordSubmission;
    expect(record.Resource).toBe(placeholder('SequenceAndStoreFunctionArn'));
    expect(record.Next).toBe('IsValid');
    // Every transient failure but the counter's, which recording never meets, is retried with backoff.
    expect(new Set(record.Retry.flatMap((retrier) => retrier.ErrorEquals))).toEqual(
      new Set(transientFailureNames.filter((name) => name !== 'SequenceContentionError')),
    );
    for (const retrier of record.Retry)
      expect(retrier).toMatchObject({ BackoffRate: 2, JitterStrategy: 'FULL' });
    expect(record.Catch).toEqual([
      { ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'RecordFailed' },
    ]);
    expect(States.RecordFailed).toMatchObject({ Type: 'Fail', Error: 'DirectSubmissionNotRecorded' });
    expect(record.TimeoutSeconds).toBeGreaterThan(functionSettings.sequenceAndStore.timeoutSeconds);
  });

  it('keeps the payload in the state once: rejections take it from the submitted event when emitted', () => {
    const { States } = rawDefinition();
    expect(JSON.stringify(States.DescribeProcessingFailure)).not.toContain('payload');
    expect(States.EmitRejected.Parameters.Entries[0]?.['Detail.$']).toBe(
      'States.JsonMerge($.detail, $.rejection, false)',
    );
  });

  it('retries every Lambda task on Lambda timeouts, throttles and service errors, as AWS names them', () => {
    const { States } = rawDefinition();
    for (const state of [States.Validate, States.SequenceAndStore, States.RecordSubmission]) {
      expect(state.Retry.flatMap((retrier) => retrier.ErrorEquals)).toEqual(
        expect.arrayContaining([
          lambda.unknownError,
          lambda.timedOutErrorType,
          lambda.throttledError,
          stepFunctions.timeoutError,
          ...lambda.serviceErrors,
        ]),
      );
    }
  });

  it('gives each Lambda task more time than its function has, so the function times out first', () => {
    const { States } = rawDefinition();
    expect(States.Validate.TimeoutSeconds).toBeGreaterThan(functionSettings.validate.timeoutSeconds);
    expect(States.SequenceAndStore.TimeoutSeconds).toBeGreaterThan(
      functionSettings.sequenceAndStore.timeoutSeconds,
    );
  });
});
