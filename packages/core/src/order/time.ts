/** Orders cannot be older than this instant (2000-01-01T00:00:00.000Z). */
export const earliestTransactionMs = Date.UTC(2000, 0, 1);

/** How far ahead of `now` a transaction time may be, to absorb partners' clock drift. */
export const maxClockSkewMs = 5 * 60 * 1000;

// ECMAScript dates cover ±100,000,000 days around the epoch; beyond that `toISOString` throws.
const maxDateMs = 8.64e15;

// Extended ISO 8601 date-time with a mandatory zone. Seconds and a fraction are optional; a fraction
// finer than milliseconds is accepted and truncated, since orders are stored with millisecond precision.
const zonedIsoPattern =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:(Z)|([+-])(\d{2}):(\d{2}))$/;

/** Tells whether `text` has the shape of an ISO 8601 date-time with a zone (`Z` or `±hh:mm`). */
export function isZonedIsoDateTime(text: string): boolean {
  return zonedIsoPattern.test(text);
}

/**
 * Parses an ISO 8601 date-time with a zone into epoch milliseconds; `undefined` when the shape is wrong
 * or any piece is out of its calendar range (2024-02-30, 25:00, +24:00 …).
 */
export function parseZonedIsoDateTime(text: string): number | undefined {
  const match = zonedIsoPattern.exec(text);
  if (match === null) return undefined;
  const [, year, month, day, hour, minute, second = '0', fraction = '', utc, sign, offsetHour, offsetMinute] =
    match;
  const pieces = {
    year: Number(year),
    month: Number(month),
    day: Number(day),
    hour: Number(hour),
    minute: Number(minute),
    second: Number(second),
    millisecond: Number(fraction.padEnd(3, '0').slice(0, 3)),
    offsetMinutes:
      utc === 'Z' ? 0 : (sign === '-' ? -1 : 1) * (Number(offsetHour) * 60 + Number(offsetMinute)),
  };
  const validOffset = utc === 'Z' || (Number(offsetHour) <= 23 && Number(offsetMinute) <= 59);
  if (!validOffset || !isRealWallClock(pieces)) return undefined;
  return toUtcMillis(pieces) - pieces.offsetMinutes * 60_000;
}

/** Tells whether `ms` is an epoch-millisecond value that a JavaScript Date can represent. */
export function isRepresentableInstant(ms: number): boolean {
  return Number.isInteger(ms) && Math.abs(ms) <= maxDateMs;
}

/** Formats epoch milliseconds as UTC ISO 8601 with millisecond precision, e.g. 2024-05-01T12:00:00.000Z. */
export function formatInstant(ms: number): string {
  return new Date(ms).toISOString();
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

function isRealWallClock({ year, month, day, hour, minute, second }: WallClock): boolean {
  // Hour 24 and leap second 60 are legal ISO 8601 spellings, but no partner system should need them
  // and JavaScript dates cannot hold a leap second, so both are rejected.
  return (
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month) &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 59
  );
}

function daysInMonth(year: number, month: number): number {
  // Day 0 of the next month is the last day of this one, so Date applies the leap-year rules for us.
  const date = new Date(0);
  date.setUTCFullYear(year, month, 0);
  return date.getUTCDate();
}

function toUtcMillis({ year, month, day, hour, minute, second, millisecond }: WallClock): number {
  // setUTCFullYear, unlike Date.UTC, does not map years 0–99 onto 1900–1999.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, millisecond);
  return date.getTime();
}
