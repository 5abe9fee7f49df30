// @vitest-environment happy-dom
import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { formatDateTime } from '../format';
import { type ApiCall, fakeApi } from '../test/fake-api';
import { issue, orderError } from '../test/fixtures';
import { renderWithClient } from '../test/render';
import { ErrorsView } from './errors-view';

const path = '/v1/partners/partner-a/errors';

describe('ErrorsView', () => {
  it('lists each error newest first with every issue path and message', async () => {
    fakeApi({
      [`GET ${path}`]: () => ({
        items: [
          orderError({
            submissionId: 'sub-new',
            issues: [
              issue('quantity', 'not_integer', 'quantity must be an integer'),
              issue('transactionTimeMs', 'future_time', 'time is more than 5 minutes ahead'),
            ],
          }),
          orderError({
            submissionId: 'sub-old',
            category: 'conflict',
            issues: [
              issue(
                'externalOrderId',
                'conflict',
                'order ORD-1 was already accepted as number 1 with different content',
              ),
            ],
          }),
        ],
        nextCursor: null,
      }),
    });
    renderWithClient(<ErrorsView partnerId="partner-a" />);

    const items = await screen.findAllByTestId('error-item');
    expect(items).toHaveLength(2);
    const newest = within(items[0] as HTMLElement);
    expect(newest.getByText('sub-new')).toBeTruthy();
    const issues = newest.getAllByTestId('error-issue').map((issue) => issue.textContent);
    expect(issues[0]).toContain('quantity');
    expect(issues[0]).toContain('quantity must be an integer');
    expect(issues[1]).toContain('transactionTimeMs');
    expect(issues[1]).toContain('time is more than 5 minutes ahead');
    const oldest = within(items[1] as HTMLElement);
    expect(oldest.getByText('conflict', { selector: '.badge' })).toBeTruthy();
    expect(oldest.getByTestId('error-issue').textContent).toContain('already accepted as number 1');
  });

  it('marks a rejection accepted later as superseded, linking its order and its submission', async () => {
    fakeApi({
      [`GET ${path}`]: () => ({
        items: [
          orderError({
            submissionId: 'sub-later',
            supersededBy: { status: 'accepted', sequenceNumber: 12 },
            supersededAt: '2025-05-02T08:00:00.000Z',
          }),
          orderError({ submissionId: 'sub-standing' }),
        ],
        nextCursor: null,
      }),
    });
    renderWithClient(<ErrorsView partnerId="partner-a" />);
    const [later, standing] = (await screen.findAllByTestId('error-item')).map((item) => within(item));
    expect(later?.getByTestId('error-superseded').textContent).toContain('accepted later as order #12');
    expect(later?.getByRole('link', { name: 'order #12' }).getAttribute('href')).toBe(
      '#/orders/12?partner=partner-a',
    );
    expect(later?.getByRole('link', { name: 'sub-later' }).getAttribute('href')).toBe(
      '#/submissions/sub-later?partner=partner-a',
    );
    expect(standing?.queryByTestId('error-superseded')).toBeNull();
  });

  it('pretty-prints a payload that parses and shows one that does not as received', async () => {
    fakeApi({
      [`GET ${path}`]: () => ({
        items: [
          orderError({ submissionId: 'sub-json', payload: '{"orderId":"ORD-1","quantity":0}' }),
          orderError({ submissionId: 'sub-cut', payload: '{"orderId":"ORD-2","qua', payloadTruncated: true }),
        ],
        nextCursor: null,
      }),
    });
    renderWithClient(<ErrorsView partnerId="partner-a" />);

    const payloads = await screen.findAllByTestId('error-payload');
    expect(payloads[0]?.textContent).toBe('{\n  "orderId": "ORD-1",\n  "quantity": 0\n}');
    expect(payloads[1]?.textContent).toBe('{"orderId":"ORD-2","qua');
    expect(screen.getByText(/not valid JSON, shown as received/)).toBeTruthy();
    expect(screen.getByText(/\(truncated\)/)).toBeTruthy();
  });

  it('renders hostile payloads and messages as inert text', async () => {
    const hostile = '<img src=x onerror=alert(1)><script>alert(2)</script>';
    fakeApi({
      [`GET ${path}`]: () => ({
        items: [
          orderError({
            payload: hostile,
            issues: [issue('<b>path</b>', 'type', '<img src=y onerror=alert(3)>')],
          }),
          orderError({ submissionId: 'sub-2', payload: JSON.stringify({ orderId: hostile }) }),
        ],
        nextCursor: null,
      }),
    });
    const { container } = renderWithClient(<ErrorsView partnerId="partner-a" />);

    const payloads = await screen.findAllByTestId('error-payload');
    expect(payloads[0]?.textContent).toBe(hostile);
    expect(payloads[1]?.textContent).toContain(hostile);
    expect(screen.getByText('<img src=y onerror=alert(3)>')).toBeTruthy();
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('script')).toBeNull();
    expect(container.querySelector('b')).toBeNull();
  });

  it('says when each error expires as a date and relative to now', async () => {
    const expiresAt = Math.floor(Date.now() / 1000) + 29 * 24 * 3600 + 60;
    fakeApi({ [`GET ${path}`]: () => ({ items: [orderError({ expiresAt })], nextCursor: null }) });
    renderWithClient(<ErrorsView partnerId="partner-a" />);

    const expires = await screen.findByTestId('error-expires');
    expect(expires.textContent).toBe(`expires ${formatDateTime(expiresAt * 1000)} (in 29 days)`);
  });

  it('asks for the next page with the next cursor', async () => {
    const api = fakeApi({
      [`GET ${path}`]: (call: ApiCall) =>
        call.url.searchParams.get('cursor') === 'page-2'
          ? { items: [orderError({ submissionId: 'sub-page-2' })], nextCursor: null }
          : { items: [orderError({ submissionId: 'sub-page-1' })], nextCursor: 'page-2' },
    });
    renderWithClient(<ErrorsView partnerId="partner-a" />);
    await screen.findByText('sub-page-1');

    fireEvent.click(screen.getByRole('button', { name: /Next/ }));
    expect(await screen.findByText('sub-page-2')).toBeTruthy();
    expect(api.callsTo(path).at(-1)?.url.searchParams.get('cursor')).toBe('page-2');
  });

  it('says so when there are no errors', async () => {
    fakeApi({ [`GET ${path}`]: () => ({ items: [], nextCursor: null }) });
    renderWithClient(<ErrorsView partnerId="partner-a" />);

    expect(await screen.findByText(/No rejected orders/)).toBeTruthy();
  });
});
