// @vitest-environment happy-dom
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from './app';
import { apiError, fakeApi } from './test/fake-api';
import { order, partners } from './test/fixtures';
import { renderWithClient, signedIn } from './test/render';

function api() {
  signedIn();
  return fakeApi({
    'GET /v1/partners': () => ({ items: partners }),
    'GET /v1/stats': () => ({
      generatedAt: '2025-11-20T10:00:00.000Z',
      partners: partners.map(({ id, accepted, rejected, duplicates, lastSequenceNumber }) => ({
        partnerId: id,
        accepted,
        rejected,
        duplicates,
        lastSequenceNumber,
      })),
    }),
    'GET /v1/partners/:partnerId/orders': (_, { partnerId }) => ({
      items: [order(1, { partnerId, externalOrderId: `${partnerId}-ORD-1` })],
      nextCursor: null,
    }),
    'GET /v1/partners/:partnerId/orders/:seq': (_, { partnerId, seq }) => order(Number(seq), { partnerId }),
  });
}

describe('App', () => {
  it('shows the sign-in page and asks the API for nothing while signed out', async () => {
    const calls = fakeApi({});
    renderWithClient(<App />);
    expect(await screen.findByRole('button', { name: 'Sign in' })).toBeTruthy();
    expect(screen.queryByRole('heading', { name: 'Dashboard' })).toBeNull();
    expect(calls.calls).toEqual([]);
  });

  it('shows who is signed in and sends the operator’s token with every read', async () => {
    const calls = api();
    renderWithClient(<App />);
    expect(await screen.findByText('operator')).toBeTruthy();
    await waitFor(() => expect(calls.calls.length).toBeGreaterThan(0));
    const tokens = calls.calls.map((call) => `${call.url.pathname} ${call.headers.get('authorization')}`);
    expect(tokens).toEqual(calls.calls.map((call) => `${call.url.pathname} Bearer test-token`));
  });

  it('opens the dashboard and puts the first partner into the address', async () => {
    api();
    renderWithClient(<App />);

    expect(await screen.findByRole('heading', { name: 'Dashboard' })).toBeTruthy();
    await waitFor(() => expect(window.location.hash).toBe('#/dashboard?partner=partner-a'));
    expect((screen.getByLabelText('Partner') as HTMLSelectElement).value).toBe('partner-a');
    expect(screen.getByRole('link', { name: 'Order ingestion' })).toBeTruthy();
  });

  it('navigates with the nav links and keeps the partner in every link', async () => {
    api();
    window.location.hash = '#/dashboard?partner=partner-b';
    renderWithClient(<App />);

    const ordersLink = await screen.findByRole('link', { name: 'Orders' });
    expect(ordersLink.getAttribute('href')).toBe('#/orders?partner=partner-b');
    for (const name of ['Dashboard', 'Errors', 'Submit', 'Executions']) {
      expect(screen.getByRole('link', { name }).getAttribute('href')).toContain('?partner=partner-b');
    }

    window.location.hash = '#/orders?partner=partner-b';
    expect(await screen.findByText('partner-b-ORD-1')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Orders' }).getAttribute('aria-current')).toBe('page');
  });

  it('switches partner from the partner list and reloads the view for it', async () => {
    api();
    window.location.hash = '#/orders?partner=partner-a';
    renderWithClient(<App />);
    await screen.findByText('partner-a-ORD-1');

    fireEvent.change(screen.getByLabelText('Partner'), { target: { value: 'partner-b' } });

    await waitFor(() => expect(window.location.hash).toBe('#/orders?partner=partner-b'));
    expect(await screen.findByText('partner-b-ORD-1')).toBeTruthy();
  });

  it('goes back to the order list when the partner changes on an order page', async () => {
    api();
    window.location.hash = '#/orders/1?partner=partner-a';
    renderWithClient(<App />);
    await screen.findByRole('heading', { name: 'Order #1' });

    fireEvent.change(screen.getByLabelText('Partner'), { target: { value: 'partner-b' } });
    await waitFor(() => expect(window.location.hash).toBe('#/orders?partner=partner-b'));
  });

  it('says so for an unknown page and an unknown partner', async () => {
    api();
    window.location.hash = '#/nowhere?partner=partner-a';
    renderWithClient(<App />);
    expect(await screen.findByText(/There is no page at/)).toBeTruthy();

    window.location.hash = '#/orders?partner=partner-z';
    expect(await screen.findByText(/Unknown partner/)).toBeTruthy();
  });

  it('shows a readable message when the partners cannot be loaded', async () => {
    signedIn();
    fakeApi({ 'GET /v1/partners': () => apiError(500, 'internal', 'Storage is down') });
    window.location.hash = '#/orders';
    renderWithClient(<App />);

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Could not load partners (500 internal)');
    expect(alert.textContent).toContain('Storage is down');
  });

  it('opens the order a search for its external id names', async () => {
    api();
    window.location.hash = '#/dashboard?partner=partner-a';
    renderWithClient(<App />);
    const box = await screen.findByLabelText('Find an order');
    fireEvent.change(box, { target: { value: 'partner-a-ORD-1' } });
    fireEvent.click(screen.getByRole('button', { name: 'Find' }));
    await waitFor(() => expect(window.location.hash).toBe('#/orders/1?partner=partner-a'));
    expect(await screen.findByRole('heading', { name: 'Order #1' })).toBeTruthy();
  });

  it('says what a search tried when nothing matches', async () => {
    signedIn();
    fakeApi({
      'GET /v1/partners': () => ({ items: partners }),
      'GET /v1/partners/:partnerId/orders': () => ({ items: [], nextCursor: null }),
    });
    window.location.hash = '#/search?partner=partner-a&q=NOPE-1';
    renderWithClient(<App />);
    expect(await screen.findByRole('heading', { name: 'Nothing found for “NOPE-1”' })).toBeTruthy();
    expect(screen.getByText('order id “NOPE-1” of partner-a')).toBeTruthy();
    expect(screen.getByText('order id “NOPE-1” of partner-b')).toBeTruthy();
    expect((screen.getByLabelText('Find an order') as HTMLInputElement).value).toBe('NOPE-1');
  });
});
