// @vitest-environment happy-dom
import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { type ApiCall, fakeApi } from '../test/fake-api';
import { renderWithClient } from '../test/render';
import type { ExecutionSummary } from '../types';
import { ExecutionsView } from './executions-view';

const arn = (name: string) => `arn:aws:states:us-east-1:000000000000:execution:order-workflow:${name}`;
const accepted: ExecutionSummary = {
  executionArn: arn('run-1'),
  name: 'run-1',
  status: 'SUCCEEDED',
  startDate: '2025-11-20T10:00:00.000Z',
  stopDate: '2025-11-20T10:00:00.250Z',
  durationMs: 250,
  partnerId: 'partner-a',
  submissionId: '5f0c1a52-3e1b-4f7e-9a43-1b2c3d4e5f60',
  externalOrderId: 'ORD-1',
  outcome: 'accepted',
  sequenceNumber: 7,
};
const rejected: ExecutionSummary = {
  ...accepted,
  executionArn: arn('run-2'),
  name: 'run-2',
  partnerId: 'partner-b',
  externalOrderId: 'B-9',
  outcome: 'rejected',
  sequenceNumber: undefined,
};

function routes() {
  return {
    'GET /v1/partners': () => ({ items: [{ id: 'partner-a' }, { id: 'partner-b' }] }),
    'GET /v1/executions': (call: ApiCall) => {
      const outcome = call.url.searchParams.get('outcome');
      const partnerId = call.url.searchParams.get('partnerId');
      return {
        items: [accepted, rejected].filter(
          (e) =>
            (outcome === null || e.outcome === outcome) && (partnerId === null || e.partnerId === partnerId),
        ),
      };
    },
  };
}

describe('ExecutionsView', () => {
  it('shows each execution’s outcome, partner, order id, submission, number and duration', async () => {
    fakeApi(routes());
    renderWithClient(<ExecutionsView partnerId="partner-a" />);
    const rows = await screen.findAllByTestId('execution-row');
    expect(rows).toHaveLength(2);
    const first = within(rows[0] as HTMLElement);
    expect(first.getByText('accepted')).toBeTruthy();
    expect(first.getByText('ORD-1')).toBeTruthy();
    expect(first.getByRole('link', { name: '7' }).getAttribute('href')).toBe('#/orders/7?partner=partner-a');
    expect(first.getByRole('link', { name: '5f0c1a52…' }).getAttribute('title')).toBe(accepted.submissionId);
    expect(within(rows[1] as HTMLElement).getByText('rejected')).toBeTruthy();
    expect(within(rows[1] as HTMLElement).getByText('partner-b')).toBeTruthy();
  });

  it('asks the API for one outcome and one partner when the filters say so', async () => {
    const api = fakeApi(routes());
    renderWithClient(<ExecutionsView partnerId="partner-a" />);
    await screen.findAllByTestId('execution-row');
    fireEvent.change(screen.getByLabelText('Outcome'), { target: { value: 'rejected' } });
    await screen.findByText('B-9');
    expect(await screen.findAllByTestId('execution-row')).toHaveLength(1);
    expect(api.callsTo('/v1/executions').at(-1)?.url.searchParams.get('outcome')).toBe('rejected');
    await screen.findByRole('option', { name: 'partner-a' });
    fireEvent.change(screen.getByLabelText('Partner'), { target: { value: 'partner-a' } });
    expect(await screen.findByText('No recent executions match these filters.')).toBeTruthy();
    expect(api.callsTo('/v1/executions').at(-1)?.url.searchParams.get('partnerId')).toBe('partner-a');
  });
});
