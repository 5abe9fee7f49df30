import { describe, expect, it } from 'vitest';
import { explainExecution } from './execution-outcome';

const startDate = '2025-01-01T00:00:00.000Z';
const stopDate = '2025-01-01T00:00:01.500Z';
const submissionId = '5f0c1a52-3e1b-4f7e-9a43-1b2c3d4e5f60';

describe('explaining an execution', () => {
  it('reads a direct submission still running from its event: the event id is the submission id', () => {
    const input = {
      id: submissionId,
      source: 'orders.partner-b',
      'detail-type': 'OrderSubmitted',
      detail: { order: { transactionId: 'B-1' } },
    };
    expect(explainExecution({ status: 'RUNNING', startDate, input })).toEqual({
      partnerId: 'partner-b',
      submissionId,
      externalOrderId: 'B-1',
      outcome: 'running',
    });
  });

  it('calls every end but Accepted, Duplicate and Rejected a failure, with the error that names it', () => {
    const input = { source: 'orders.partner-a', detail: { submissionId, payload: { orderId: 'A-1' } } };
    for (const error of ['OrderAcceptedNotAnnounced', 'OrderLeftPending', 'OrderProcessingFailed']) {
      expect(explainExecution({ status: 'FAILED', startDate, stopDate, input, error })).toEqual({
        partnerId: 'partner-a',
        submissionId,
        externalOrderId: 'A-1',
        outcome: 'failed',
        durationMs: 1_500,
        error,
      });
    }
    expect(explainExecution({ status: 'TIMED_OUT', startDate, stopDate, input }).outcome).toBe('failed');
    expect(explainExecution({ status: 'PENDING_REDRIVE', startDate, input }).outcome).toBe('running');
  });

  it('takes the partner from the source, never from the detail, and peeks no id for a partner it does not know', () => {
    const input = {
      source: 'orders.partner-z',
      detail: { submissionId, partnerId: 'partner-a', payload: { orderId: 'A-1' } },
    };
    const output = { ...input, validation: { valid: false }, rejection: {} };
    expect(explainExecution({ status: 'SUCCEEDED', startDate, stopDate, input, output })).toEqual({
      partnerId: 'partner-z',
      submissionId,
      outcome: 'rejected',
      durationMs: 1_500,
    });
  });

  it('calls a succeeded execution without a sequencing outcome rejected, the one other Succeed state', () => {
    expect(explainExecution({ status: 'SUCCEEDED', startDate, input: 'not json' })).toEqual({
      outcome: 'rejected',
    });
  });
});
