// @vitest-environment happy-dom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { type ApiCall, apiError, fakeApi } from '../test/fake-api';
import { order } from '../test/fixtures';
import { renderWithClient } from '../test/render';
import { OrdersView } from './orders-view';

const path = '/v1/partners/partner-a/orders';

/** Three pages of two orders; the cursor names the first sequence number of its page. */
function pagedOrders(call: ApiCall) {
  const first = Number(call.url.searchParams.get('cursor') ?? '1');
  const items = [order(first), order(first + 1)];
  return { items, nextCursor: first < 5 ? String(first + 2) : null };
}

function shownSequenceNumbers() {
  return screen.getAllByTestId('order-seq').map((cell) => cell.textContent);
}

describe('OrdersView', () => {
  it('lists orders by sequence number with their amounts', async () => {
    fakeApi({ [`GET ${path}`]: pagedOrders });
    renderWithClient(<OrdersView partnerId="partner-a" />);

    const rows = await screen.findAllByTestId('order-row');
    expect(rows).toHaveLength(2);
    const first = within(rows[0] as HTMLElement);
    expect(first.getByRole('link', { name: '1' }).getAttribute('href')).toBe('#/orders/1?partner=partner-a');
    expect(first.getByText('ORD-1')).toBeTruthy();
    expect(first.getByText('71.96')).toBeTruthy();
  });

  it('pages forward with the next cursor and back through the cursor stack', async () => {
    const api = fakeApi({ [`GET ${path}`]: pagedOrders });
    renderWithClient(<OrdersView partnerId="partner-a" />);
    await screen.findAllByTestId('order-row');
    expect(shownSequenceNumbers()).toEqual(['1', '2']);
    expect(api.callsTo(path)[0]?.url.searchParams.has('cursor')).toBe(false);

    fireEvent.click(screen.getByRole('button', { name: /Next/ }));
    await waitFor(() => expect(shownSequenceNumbers()).toEqual(['3', '4']));
    expect(api.callsTo(path).at(-1)?.url.searchParams.get('cursor')).toBe('3');

    fireEvent.click(screen.getByRole('button', { name: /Next/ }));
    await waitFor(() => expect(shownSequenceNumbers()).toEqual(['5', '6']));
    expect(api.callsTo(path).at(-1)?.url.searchParams.get('cursor')).toBe('5');
    expect(screen.getByText('Page 3')).toBeTruthy();
    // The last page has no next cursor.
    expect((screen.getByRole('button', { name: /Next/ }) as HTMLButtonElement).disabled).toBe(true);

    fireEvent.click(screen.getByRole('button', { name: /Previous/ }));
    await waitFor(() => expect(shownSequenceNumbers()).toEqual(['3', '4']));
    fireEvent.click(screen.getByRole('button', { name: /Previous/ }));
    await waitFor(() => expect(shownSequenceNumbers()).toEqual(['1', '2']));
    expect(screen.getByText('Page 1')).toBeTruthy();
    expect((screen.getByRole('button', { name: /Previous/ }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('passes the time range to the API as from and to instants and starts again at page one', async () => {
    const api = fakeApi({ [`GET ${path}`]: pagedOrders });
    renderWithClient(<OrdersView partnerId="partner-a" />);
    await screen.findAllByTestId('order-row');
    fireEvent.click(screen.getByRole('button', { name: /Next/ }));
    await waitFor(() => expect(shownSequenceNumbers()).toEqual(['3', '4']));

    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2025-11-20T09:00' } });
    fireEvent.change(screen.getByLabelText('To'), { target: { value: '2025-11-20T18:30' } });
    fireEvent.click(screen.getByRole('button', { name: 'Apply' }));

    await waitFor(() => expect(api.callsTo(path).at(-1)?.url.searchParams.get('from')).not.toBeNull());
    const params = api.callsTo(path).at(-1)?.url.searchParams;
    // datetime-local values are local times; the API gets the same instants in ISO form.
    expect(params?.get('from')).toBe(new Date('2025-11-20T09:00').toISOString());
    expect(params?.get('to')).toBe(new Date('2025-11-20T18:30').toISOString());
    expect(params?.has('cursor')).toBe(false);
    await screen.findByText('Page 1');
  });

  it('refuses a time range that ends before it starts', async () => {
    const api = fakeApi({ [`GET ${path}`]: pagedOrders });
    renderWithClient(<OrdersView partnerId="partner-a" />);
    await screen.findAllByTestId('order-row');

    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2025-11-20T18:00' } });
    fireEvent.change(screen.getByLabelText('To'), { target: { value: '2025-11-20T09:00' } });
    fireEvent.click(screen.getByRole('button', { name: 'Apply' }));

    expect((await screen.findByRole('alert')).textContent).toContain('“From” must be before “To”');
    expect(api.callsTo(path).some((call) => call.url.searchParams.has('from'))).toBe(false);
  });

  it('says so when the partner has no orders yet', async () => {
    fakeApi({ [`GET ${path}`]: () => ({ items: [], nextCursor: null }) });
    renderWithClient(<OrdersView partnerId="partner-a" />);

    expect(await screen.findByText('No orders yet for this partner.')).toBeTruthy();
  });

  it('shows the API error message when the orders cannot be loaded', async () => {
    fakeApi({ [`GET ${path}`]: () => apiError(400, 'invalid_cursor', 'The cursor is not valid') });
    renderWithClient(<OrdersView partnerId="partner-a" />);

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Could not load orders (400 invalid_cursor)');
    expect(alert.textContent).toContain('The cursor is not valid');
    expect(within(alert).getByRole('button', { name: 'Try again' })).toBeTruthy();
  });
});
