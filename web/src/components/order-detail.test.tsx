// @vitest-environment happy-dom
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { apiError, fakeApi } from '../test/fake-api';
import { executionArn, order } from '../test/fixtures';
import { renderWithClient } from '../test/render';
import { OrderDetail } from './order-detail';

describe('OrderDetail', () => {
  it('shows the amounts, every normalized field and a link to its execution', async () => {
    fakeApi({
      'GET /v1/partners/partner-a/orders/:seq': (_, { seq }) =>
        order(Number(seq), {
          quantity: 1000,
          unitPrice: 12.5,
          grossAmount: '12500.00',
          taxAmount: '2500.00',
          netAmount: '15000.00',
        }),
    });
    renderWithClient(<OrderDetail partnerId="partner-a" sequenceNumber={7} />);

    expect((await screen.findByTestId('gross-amount')).textContent).toBe('12,500.00');
    expect(screen.getByTestId('tax-amount').textContent).toBe('2,500.00');
    expect(screen.getByTestId('net-amount').textContent).toBe('15,000.00');
    expect(screen.getByText('Tax (20%)')).toBeTruthy();
    for (const text of ['ORD-7', 'SKU-1001', 'CUST-42', 'sub-7']) expect(screen.getByText(text)).toBeTruthy();
    expect(screen.getByText('Transaction time')).toBeTruthy();
    expect(screen.getByText('Processed')).toBeTruthy();

    const link = screen.getByRole('link', { name: 'exec-7' });
    expect(link.getAttribute('href')).toBe(
      `#/executions/${encodeURIComponent(executionArn('exec-7'))}?partner=partner-a`,
    );
  });

  it('says the order does not exist when the API answers 404', async () => {
    fakeApi({
      'GET /v1/partners/partner-a/orders/:seq': () => apiError(404, 'not_found', 'No order 99 for partner-a'),
    });
    renderWithClient(<OrderDetail partnerId="partner-a" sequenceNumber={99} />);

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('There is no order #99 for partner-a');
    expect(alert.textContent).toContain('No order 99 for partner-a');
  });
});
