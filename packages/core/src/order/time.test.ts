import { describe, expect, it } from 'vitest';
import { earliestTransactionMs, isZonedIsoDateTime, parseZonedIsoDateTime } from './time';

const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

describe('parseZonedIsoDateTime', () => {
  it.each([
    ['2024-05-01T12:00:00Z', '2024-05-01T12:00:00.000Z'],
    ['2024-05-01T12:00:00.5Z', '2024-05-01T12:00:00.500Z'],
    ['2024-05-01T12:00:00.123Z', '2024-05-01T12:00:00.123Z'],
    ['2024-05-01T12:00:00.123999999Z', '2024-05-01T12:00:00.123Z'],
    ['2024-05-01T12:00Z', '2024-05-01T12:00:00.000Z'],
    ['2024-05-01T17:30:00+05:30', '2024-05-01T12:00:00.000Z'],
    ['2024-05-01T08:00:00-04:00', '2024-05-01T12:00:00.000Z'],
    ['2024-05-01T12:00:00+00:00', '2024-05-01T12:00:00.000Z'],
    ['2024-05-01T12:00:00-00:00', '2024-05-01T12:00:00.000Z'],
    ['2024-05-02T02:00:00+14:00', '2024-05-01T12:00:00.000Z'],
    ['2024-02-29T00:00:00Z', '2024-02-29T00:00:00.000Z'],
    ['2000-02-29T00:00:00Z', '2000-02-29T00:00:00.000Z'],
    ['2024-12-31T23:59:59.999Z', '2024-12-31T23:59:59.999Z'],
    ['0050-01-01T00:00:00Z', '0050-01-01T00:00:00.000Z'],
  ])('reads %s as the instant %s', (text, expected) => {
    expect(iso(parseZonedIsoDateTime(text))).toBe(expected);
  });

  it.each([
    '2024-02-30T00:00:00Z',
    '2023-02-29T00:00:00Z',
    '1900-02-29T00:00:00Z',
    '2024-04-31T00:00:00Z',
    '2024-13-01T00:00:00Z',
    '2024-00-10T00:00:00Z',
    '2024-05-00T00:00:00Z',
    '2024-05-01T25:00:00Z',
    '2024-05-01T24:00:00Z',
    '2024-05-01T12:60:00Z',
    '2024-05-01T12:00:60Z',
    '2024-05-01T12:00:00+24:00',
    '2024-05-01T12:00:00+05:60',
  ])('rejects the impossible date-time %s', (text) => {
    expect(isZonedIsoDateTime(text)).toBe(true);
    expect(parseZonedIsoDateTime(text)).toBeUndefined();
  });

  it.each([
    '2024-05-01T12:00:00',
    '2024-05-01T12:00:00.000',
    '2024-05-01',
    '2024-05-01T12:00:00+0530',
    '2024-05-01T12:00:00+05',
    '2024-05-01 12:00:00Z',
    '2024-05-01t12:00:00z',
    '2024-5-1T12:00:00Z',
    '2024-05-01T12:00:00 Z',
    ' 2024-05-01T12:00:00Z',
    '2024-05-01T12:00:00.Z',
    '2024-05-01T12:00:00.1234567890Z',
    'May 1, 2024 12:00 UTC',
    '1714564800000',
    '',
  ])('rejects %j, which is not ISO 8601 with a zone', (text) => {
    expect(isZonedIsoDateTime(text)).toBe(false);
    expect(parseZonedIsoDateTime(text)).toBeUndefined();
  });
});

describe('earliestTransactionMs', () => {
  it('is the first millisecond of the year 2000 in UTC', () => {
    expect(new Date(earliestTransactionMs).toISOString()).toBe('2000-01-01T00:00:00.000Z');
  });
});
