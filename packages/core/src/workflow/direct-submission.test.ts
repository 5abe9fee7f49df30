import { describe, expect, it } from 'vitest';
import { directReceivedAt } from './direct-submission';

const startedAt = '2024-05-01T12:00:00.250Z';

describe('the received time of a direct submission', () => {
  it('is the event’s time when the bus could have received the event then', () => {
    expect(directReceivedAt('2024-05-01T12:00:00Z', startedAt)).toBe('2024-05-01T12:00:00.000Z');
    // EventBridge retries a delivery for up to 24 hours.
    expect(directReceivedAt('2024-04-30T12:00:01Z', startedAt)).toBe('2024-04-30T12:00:01.000Z');
  });

  it('is the execution’s start when the sender set a time in the future, too far back, or none that parses', () => {
    expect(directReceivedAt('2024-05-01T12:00:01Z', startedAt)).toBe(startedAt);
    expect(directReceivedAt('2099-01-01T00:00:00Z', startedAt)).toBe(startedAt);
    expect(directReceivedAt('2024-04-30T11:59:59Z', startedAt)).toBe(startedAt);
    expect(directReceivedAt('yesterday', startedAt)).toBe(startedAt);
  });
});
