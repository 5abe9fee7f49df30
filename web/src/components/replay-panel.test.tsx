// @vitest-environment happy-dom
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { saveSession } from '../auth';
import { fakeApi, reply } from '../test/fake-api';
import { renderWithClient } from '../test/render';
import { ReplayPanel } from './replay-panel';

function signedInWith(claims: Record<string, unknown>): void {
  const part = (value: object) => btoa(JSON.stringify(value)).replace(/=+$/, '');
  saveSession({
    accessToken: `${part({ alg: 'RS256' })}.${part(claims)}.signature`,
    expiresAt: Date.now() + 3_600_000,
    user: 'operator',
  });
}

describe('ReplayPanel', () => {
  it('starts a replay of this partner after confirming and follows it until it completes', async () => {
    signedInWith({ 'cognito:groups': ['admin'] });
    let polls = 0;
    const replay = {
      name: 'orders-20250501T120000Z-ab12cd34',
      from: '2025-05-01T11:00:00.000Z',
      to: '2025-05-01T12:00:00.000Z',
      partnerId: 'partner-a',
    };
    const api = fakeApi({
      'POST /v1/replays': () => reply(202, { ...replay, state: 'STARTING' }),
      'GET /v1/replays/:name': () =>
        ++polls < 2
          ? { ...replay, state: 'RUNNING' }
          : { ...replay, state: 'COMPLETED', lastReplayedAt: '2025-05-01T11:59:00.000Z' },
    });
    renderWithClient(<ReplayPanel partnerId="partner-a" />);
    fireEvent.click(screen.getByRole('button', { name: 'Replay' }));
    expect(screen.getByRole('dialog').textContent).toContain('by partner-a');
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(api.callsTo('/v1/replays')).toHaveLength(0);

    fireEvent.click(screen.getByRole('button', { name: 'Replay' }));
    fireEvent.click(screen.getByRole('button', { name: 'Start replay' }));
    await waitFor(() => expect(api.callsTo('/v1/replays')).toHaveLength(1));
    const body = JSON.parse(api.callsTo('/v1/replays')[0]?.body ?? '{}');
    expect(body).toMatchObject({ partnerId: 'partner-a', from: expect.any(String), to: expect.any(String) });
    expect(Date.parse(body.to) - Date.parse(body.from)).toBeGreaterThan(59 * 60 * 1000);
    await waitFor(() => expect(screen.getByTestId('replay-progress').textContent).toContain('completed'), {
      timeout: 5_000,
    });
    expect(api.callsTo(`/v1/replays/${replay.name}`).length).toBeGreaterThanOrEqual(2);
  });

  it('is not offered to an operator without the admin role', () => {
    signedInWith({ 'cognito:groups': ['operator'] });
    fakeApi({});
    renderWithClient(<ReplayPanel partnerId="partner-a" />);
    expect(screen.queryByRole('button', { name: 'Replay' })).toBeNull();
  });
});
