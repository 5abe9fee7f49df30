import aslValidator from 'asl-validator';
import { describe, expect, it } from 'vitest';
import { functionSettings } from '../aws/functions';
import { lambda, stepFunctions } from '../aws/limits';
import { rawDefinition, substituteDefinition } from './definition';

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
    expect(state.Catch[0]).toMatchObject({ ErrorEquals: ['States.ALL'], Next: 'DescribeProcessingFailure' });
  });

  it('retries every Lambda task on Lambda timeouts, throttles and service errors, as AWS names them', () => {
    const { States } = rawDefinition();
    for (const state of [States.Validate, States.SequenceAndStore]) {
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
