// @vitest-environment happy-dom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { type ApiCall, apiError, fakeApi, reply } from '../test/fake-api';
import { executionArn, issue, partners } from '../test/fixtures';
import { renderWithClient } from '../test/render';
import type { Submission } from '../types';
import { SubmitForm } from './submit-form';

const [partnerA, partnerB] = partners as [(typeof partners)[0], (typeof partners)[0]];
const postPath = '/v1/partners/partner-a/orders';

function textarea() {
  return screen.getByLabelText('Order JSON') as HTMLTextAreaElement;
}

describe('SubmitForm', () => {
  it('prefills a partner-a sample with a fresh id and the current time', () => {
    vi.useFakeTimers({ now: new Date('2025-11-20T10:00:00.000Z'), toFake: ['Date'] });
    try {
      renderWithClient(<SubmitForm partner={partnerA} />);
      const sample = JSON.parse(textarea().value);
      expect(sample).toMatchObject({ skuId: expect.any(String), quantity: 3, taxRate: 0.2 });
      expect(sample.orderId).toMatch(/^ORD-/);
      expect(sample.transactionTimeMs).toBe(Date.parse('2025-11-20T10:00:00.000Z'));

      fireEvent.click(screen.getByRole('button', { name: 'New sample' }));
      expect(JSON.parse(textarea().value).orderId).not.toBe(sample.orderId);
    } finally {
      vi.useRealTimers();
    }
  });

  it('prefills a partner-b sample in its own field names', () => {
    renderWithClient(<SubmitForm partner={partnerB} />);
    const sample = JSON.parse(textarea().value);
    expect(Object.keys(sample).sort()).toEqual(
      ['clientId', 'itemCode', 'price', 'purchaseTime', 'qty', 'tax', 'transactionId'].sort(),
    );
    expect(sample.purchaseTime).toMatch(/Z$/);
  });

  it('posts the order with the x-api-key header, shows the submission id and polls until it is accepted', async () => {
    const statuses: Submission['status'][] = ['pending', 'pending', 'accepted'];
    const api = fakeApi({
      [`POST ${postPath}`]: (call: ApiCall) =>
        reply(202, {
          accepted: [{ submissionId: 'sub-123', externalOrderId: JSON.parse(call.body ?? '{}').orderId }],
        }),
      'GET /v1/partners/partner-a/submissions/:id': (_, { id }) => {
        const status = statuses.length > 1 ? statuses.shift() : statuses[0];
        return {
          submissionId: id,
          status,
          receivedAt: '2025-11-20T10:00:00.000Z',
          ...(status === 'accepted' ? { sequenceNumber: 7, executionId: executionArn('exec-7') } : {}),
        };
      },
    });
    renderWithClient(<SubmitForm partner={partnerA} />);
    const body = textarea().value;

    fireEvent.change(screen.getByLabelText('API key'), { target: { value: 'key-a-secret' } });
    fireEvent.click(screen.getByRole('button', { name: 'Submit order' }));

    expect((await screen.findByTestId('submission-id')).textContent).toBe('sub-123');
    const post = api.callsTo(postPath)[0];
    expect(post?.method).toBe('POST');
    expect(post?.headers.get('x-api-key')).toBe('key-a-secret');
    expect(post?.headers.get('content-type')).toBe('application/json');
    expect(post?.body).toBe(body);
    expect(screen.getByText(JSON.parse(body).orderId)).toBeTruthy();

    const submission = within(screen.getByTestId('submission'));
    await waitFor(() => expect(submission.getByTestId('submission-status').textContent).toBe('pending'));
    const link = await submission.findByRole('link', { name: 'order #7' }, { timeout: 5_000 });
    expect(link.getAttribute('href')).toBe('#/orders/7?partner=partner-a');
    expect(submission.getByTestId('submission-status').textContent).toBe('accepted');
    expect(api.callsTo('/v1/partners/partner-a/submissions/sub-123').length).toBe(3);
    expect(submission.getByRole('link', { name: 'exec-7' })).toBeTruthy();
  });

  it('shows the issues of a rejected submission and links to the errors view', async () => {
    fakeApi({
      [`POST ${postPath}`]: () =>
        reply(202, { accepted: [{ submissionId: 'sub-bad', externalOrderId: 'ORD-1' }] }),
      'GET /v1/partners/partner-a/submissions/:id': () => ({
        submissionId: 'sub-bad',
        status: 'rejected',
        receivedAt: '2025-11-20T10:00:00.000Z',
        issues: [issue('quantity', 'out_of_range', 'quantity must be at least 1')],
      }),
    });
    renderWithClient(<SubmitForm partner={partnerA} />);

    fireEvent.click(screen.getByRole('button', { name: 'Submit order' }));

    expect(await screen.findByText('quantity must be at least 1')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'View in the error list' }).getAttribute('href')).toBe(
      '#/errors?partner=partner-a',
    );
  });

  it('keeps the API key in session storage for the partner only', () => {
    window.sessionStorage.setItem('orders.apiKey.partner-a', 'remembered');
    renderWithClient(<SubmitForm partner={partnerA} />);
    const input = screen.getByLabelText('API key') as HTMLInputElement;
    expect(input.value).toBe('remembered');
    expect(input.type).toBe('password');

    fireEvent.change(input, { target: { value: 'changed' } });
    expect(window.sessionStorage.getItem('orders.apiKey.partner-a')).toBe('changed');
    expect(window.localStorage.length).toBe(0);
  });

  it('shows the reason when the API refuses the key', async () => {
    fakeApi({ [`POST ${postPath}`]: () => apiError(401, 'invalid_api_key', 'the API key is not valid') });
    renderWithClient(<SubmitForm partner={partnerA} />);

    fireEvent.change(screen.getByLabelText('API key'), { target: { value: 'wrong' } });
    fireEvent.click(screen.getByRole('button', { name: 'Submit order' }));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The API refused the submission (401 invalid_api_key)');
    expect(alert.textContent).toContain('the API key is not valid');
  });

  it('warns of a body that is not JSON before it is sent', () => {
    renderWithClient(<SubmitForm partner={partnerA} />);

    fireEvent.change(textarea(), { target: { value: '{"orderId": ' } });
    expect(screen.getByText(/Not valid JSON/)).toBeTruthy();
  });

  it('lists the issues of a 400 answer', async () => {
    fakeApi({
      [`POST ${postPath}`]: () =>
        apiError(400, 'invalid_body', 'the body is not an order or an array of orders', [
          issue('[1]', 'not_object', 'each order must be a JSON object'),
        ]),
    });
    renderWithClient(<SubmitForm partner={partnerA} />);

    fireEvent.change(textarea(), { target: { value: '[{"orderId": "ORD-1"}, 7]' } });
    fireEvent.click(screen.getByRole('button', { name: 'Submit order' }));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('the body is not an order or an array of orders');
    expect(alert.textContent).toContain('each order must be a JSON object');
  });
});
