// @vitest-environment happy-dom
import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { apiError, fakeApi } from '../test/fake-api';
import { caughtExecution, executionArn, failedExecution } from '../test/fixtures';
import { renderWithClient } from '../test/render';
import { ExecutionDetail } from './execution-detail';
import { ExecutionsView } from './executions-view';

function timelineRows() {
  return screen.getAllByTestId('timeline-row').map((row) => within(row));
}

describe('ExecutionDetail', () => {
  it('shows the states in order with their retries and the failure cause', async () => {
    const execution = failedExecution();
    const api = fakeApi({
      'GET /v1/executions/:arn': (_, { arn }) => (arn === execution.executionArn ? execution : undefined),
    });
    renderWithClient(<ExecutionDetail executionArn={execution.executionArn} partnerId="partner-a" />);

    await screen.findAllByTestId('timeline-row');
    // The ARN travels as one encoded path segment.
    expect(api.calls[0]?.url.pathname).toBe(`/v1/executions/${encodeURIComponent(execution.executionArn)}`);

    const [validate, store] = timelineRows();
    expect(timelineRows()).toHaveLength(2);
    expect(validate?.getByTestId('timeline-state').textContent).toBe('Validate');
    expect(validate?.getByText('succeeded')).toBeTruthy();
    expect(validate?.getByTestId('timeline-duration').textContent).toBe('40 ms');
    expect(validate?.queryByTestId('timeline-retries')).toBeNull();

    expect(store?.getByTestId('timeline-state').textContent).toBe('SequenceAndStore');
    expect(store?.getByText('failed')).toBeTruthy();
    expect(store?.getByTestId('timeline-retries').textContent).toBe('2 retries');
    expect(store?.getAllByTestId('timeline-retry').map((retry) => retry.textContent)).toEqual([
      expect.stringContaining('Retry 1 after SequenceConflict'),
      expect.stringContaining('Retry 2 after SequenceConflict'),
    ]);
    const failure = store?.getByTestId('timeline-failure').textContent;
    expect(failure).toContain('SequenceConflict');
    expect(failure).toContain('"errorMessage": "Transaction cancelled"');

    const summary = screen.getByTestId('execution-failure');
    expect(summary.textContent).toContain('SequenceConflict');
    expect(summary.textContent).toContain('Transaction cancelled');
  });

  it('shows each state input and output as collapsible JSON', async () => {
    const execution = failedExecution();
    fakeApi({ 'GET /v1/executions/:arn': () => execution });
    renderWithClient(<ExecutionDetail executionArn={execution.executionArn} partnerId={undefined} />);

    const [validate] = await screen.findAllByTestId('timeline-row');
    const row = within(validate as HTMLElement);
    const output = row.getByText('Output').closest('details') as HTMLDetailsElement;
    expect(output.open).toBe(false);
    expect(output.querySelector('pre')?.textContent).toBe('{\n  "step": "validate-out"\n}');
    fireEvent.click(row.getByText('Output'));
    expect(row.getByText('Input').closest('details')?.querySelector('pre')?.textContent).toContain(
      'validate-in',
    );
  });

  it('marks a caught error on its row without calling the execution failed', async () => {
    const execution = caughtExecution();
    fakeApi({ 'GET /v1/executions/:arn': () => execution });
    renderWithClient(<ExecutionDetail executionArn={execution.executionArn} partnerId="partner-a" />);

    const [validate] = await screen.findAllByTestId('timeline-row');
    const row = within(validate as HTMLElement);
    expect(row.getByText('caught')).toBeTruthy();
    const caught = row.getByTestId('timeline-caught').textContent;
    expect(caught).toContain('Caught OrderInvalid');
    expect(caught).toContain('quantity must be at least 1');
    expect(screen.queryByTestId('execution-failure')).toBeNull();
  });

  it('says so when the execution is not in the history', async () => {
    fakeApi({ 'GET /v1/executions/:arn': () => apiError(404, 'not_found', 'No such execution') });
    renderWithClient(<ExecutionDetail executionArn={executionArn('gone')} partnerId="partner-a" />);

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('This execution is not in the history');
    expect(alert.textContent).toContain('No such execution');
  });
});

describe('ExecutionsView', () => {
  it('lists recent executions with their status and a link to each', async () => {
    const failed = failedExecution();
    const api = fakeApi({
      'GET /v1/executions': () => ({
        items: [
          {
            executionArn: failed.executionArn,
            name: failed.name,
            status: failed.status,
            startDate: failed.startDate,
            stopDate: failed.stopDate,
            durationMs: 1_000,
            outcome: 'failed',
            error: 'SequenceConflict',
          },
          {
            executionArn: executionArn('exec-now'),
            name: 'exec-now',
            status: 'RUNNING',
            startDate: new Date().toISOString(),
            outcome: 'running',
          },
        ],
      }),
    });
    renderWithClient(<ExecutionsView partnerId="partner-a" />);

    const rows = await screen.findAllByTestId('execution-row');
    expect(rows).toHaveLength(2);
    const first = within(rows[0] as HTMLElement);
    expect(first.getByRole('link', { name: 'exec-failed' }).getAttribute('href')).toBe(
      `#/executions/${encodeURIComponent(failed.executionArn)}?partner=partner-a`,
    );
    expect(first.getByText('failed')).toBeTruthy();
    expect(first.getByText('SequenceConflict')).toBeTruthy();
    expect(first.getByText('1.00 s')).toBeTruthy();
    expect(within(rows[1] as HTMLElement).getByText('running')).toBeTruthy();
    expect(api.callsTo('/v1/executions')[0]?.url.searchParams.get('limit')).toBe('50');
  });

  it('explains that an Express stage keeps no execution history to list', async () => {
    fakeApi({
      'GET /v1/executions': () => apiError(501, 'history_unavailable', 'Express keeps no history'),
    });
    renderWithClient(<ExecutionsView partnerId="partner-a" />);

    expect(await screen.findByText(/keeps no execution history to list/)).toBeTruthy();
  });
});
