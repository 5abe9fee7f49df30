import * as v from 'valibot';
import { createRule, describeTypeMismatch } from './issue';
import { percentToRate } from './money';
import {
  earliestTransactionMs,
  formatInstant,
  isRepresentableInstant,
  isZonedIsoDateTime,
  maxClockSkewMs,
  parseZonedIsoDateTime,
} from './time';

// Field schemas shared by the partner formats. Messages complete "<field> …"; the field name is prefixed
// when issues are collected, so the same schema serves every format's own field names.

/** Longest id or code accepted, counted in UTF-16 code units (JavaScript string length) after trimming. */
export const maxIdentifierLength = 128;
export const minQuantity = 1;
export const maxQuantity = 1_000_000;

const earliestLabel = formatInstant(earliestTransactionMs);

// What storage can hold: DynamoDB's smallest magnitude is 1e-130, and the document client refuses to write
// numbers beyond Number.MAX_SAFE_INTEGER (they could lose precision). A number outside would pass validation
// and then fail the write, where the partner could only be told the order "could not be processed".
const minStorableMagnitude = 1e-130;
const maxStorableMagnitude = Number.MAX_SAFE_INTEGER;

function isStorableNumber(value: number): boolean {
  const magnitude = Math.abs(value);
  return magnitude === 0 || (magnitude >= minStorableMagnitude && magnitude <= maxStorableMagnitude);
}

function isStorablePercent(percent: number): boolean {
  return percent === 0 || Math.abs(percent) >= minStorableMagnitude * 100;
}

/** An id or code: a string, stored trimmed, non-empty and at most 128 characters once trimmed. */
export const Identifier = v.pipe(
  v.string(describeTypeMismatch('a string')),
  v.trim(),
  v.nonEmpty('must not be empty or only whitespace'),
  v.maxLength(maxIdentifierLength, `must be at most ${maxIdentifierLength} characters long`),
);

/** Builds the schema of a quantity: a whole number of units within `min` … `max` (both included). */
export function createQuantity({ min, max }: { min: number; max: number }) {
  const range = `must be an integer between ${min} and ${max}`;
  return v.pipe(
    v.number(describeTypeMismatch('a number')),
    v.finite(describeTypeMismatch('a finite number')),
    v.integer(range),
    v.minValue(min, range),
    v.maxValue(max, range),
  );
}

/** A whole number of units, 1 … 1,000,000 (the default bounds). */
export const Quantity = createQuantity({ min: minQuantity, max: maxQuantity });

/**
 * Builds the schema of a price per unit: a number above zero, at most `max`, that storage can hold
 * (1e-130 … 2^53 − 1); amounts are computed exactly however many decimals.
 */
export function createUnitPrice({ max }: { max: number } = { max: maxStorableMagnitude }) {
  const positive = v.pipe(
    v.number(describeTypeMismatch('a number')),
    v.finite(describeTypeMismatch('a finite number')),
    v.gtValue(0, 'must be a number greater than 0'),
  );
  const storable = createRule(
    'out_of_range',
    isStorableNumber,
    `must be between ${minStorableMagnitude} and ${maxStorableMagnitude} (both included)`,
  );
  // Without a bound of the partner's own, storage's (with its own message) is the bound.
  if (max >= maxStorableMagnitude) return v.pipe(positive, storable);
  return v.pipe(positive, v.maxValue(max, `must be a number of at most ${max}`), storable);
}

/** A price per unit with no bound but what storage can hold. */
export const UnitPrice = createUnitPrice();

const rateRange = 'must be a decimal rate between 0 and 1 (both included), e.g. 0.2 for 20 %';

/** A tax rate as a decimal fraction, 0 … 1 inclusive. */
export const TaxRate = v.pipe(
  v.number(describeTypeMismatch('a number')),
  v.finite(describeTypeMismatch('a finite number')),
  v.minValue(0, rateRange),
  v.maxValue(1, rateRange),
  createRule('out_of_range', isStorableNumber, 'must be 0 or at least 1e-130'),
  // -0 is a legal rate; it is stored as 0 so equal orders compare equal.
  v.transform((rate) => rate + 0),
);

const percentRange = 'must be a percentage between 0 and 100 (both included), e.g. 20 for 20 %';

/** A tax percentage, 0 … 100 inclusive, converted exactly to a decimal rate. */
export const TaxPercent = v.pipe(
  v.number(describeTypeMismatch('a number')),
  v.finite(describeTypeMismatch('a finite number')),
  v.minValue(0, percentRange),
  v.maxValue(100, percentRange),
  // The stored rate is a hundredth of the percentage, so the percentage needs two more orders of magnitude.
  createRule('out_of_range', isStorablePercent, 'must be 0 or at least 1e-128'),
  v.transform(percentToRate),
);

/** How a tolerance reads in a message: "5 minutes", "1 minute", "90 seconds". */
function describeTolerance(toleranceMs: number): string {
  const seconds = Math.floor(toleranceMs / 1000);
  if (seconds % 60 === 0 && seconds > 0) {
    const minutes = seconds / 60;
    return `${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`;
  }
  return `${seconds} ${seconds === 1 ? 'second' : 'seconds'}`;
}

/**
 * Builds the bounds every transaction time shares, on epoch milliseconds: not before 2000, at most
 * `toleranceMs` (5 minutes unless the format says otherwise) after `now`. It outputs a UTC ISO string.
 */
function createInstantBounds(now: Date, toleranceMs: number) {
  const latestMs = now.getTime() + toleranceMs;
  const future =
    toleranceMs === 0
      ? 'must not be in the future'
      : `must not be more than ${describeTolerance(toleranceMs)} in the future`;
  return v.pipe(
    v.number(),
    v.minValue(earliestTransactionMs, `must not be before ${earliestLabel}`),
    createRule('future_time', (ms: number) => ms <= latestMs, future),
    // Only reachable when `now` itself is near the end of time; it keeps `toISOString` from throwing.
    createRule('invalid_time', isRepresentableInstant, 'is not a representable instant'),
    v.transform(formatInstant),
  );
}

/** Builds the schema of a transaction time given as epoch milliseconds; it outputs a UTC ISO string. */
export function createEpochMillisTime(now: Date, toleranceMs = maxClockSkewMs) {
  return v.pipe(
    v.number(describeTypeMismatch('a number of milliseconds since 1970-01-01T00:00:00Z')),
    v.finite(describeTypeMismatch('a finite number')),
    v.integer('must be a whole number of milliseconds since 1970-01-01T00:00:00Z'),
    createInstantBounds(now, toleranceMs),
  );
}

/**
 * Builds the schema of a transaction time given as whole epoch seconds; it outputs a UTC ISO string.
 * Fractions are refused rather than rounded, so two systems never read one value as two instants.
 */
export function createEpochSecondsTime(now: Date, toleranceMs = maxClockSkewMs) {
  return v.pipe(
    v.number(describeTypeMismatch('a number of seconds since 1970-01-01T00:00:00Z')),
    v.finite(describeTypeMismatch('a finite number')),
    v.integer('must be a whole number of seconds since 1970-01-01T00:00:00Z'),
    v.transform((seconds) => seconds * 1000),
    createInstantBounds(now, toleranceMs),
  );
}

/** Builds the schema of a transaction time given as ISO 8601 with a zone; it outputs a UTC ISO string. */
export function createZonedIsoTime(now: Date, toleranceMs = maxClockSkewMs) {
  return v.pipe(
    v.string(describeTypeMismatch('an ISO 8601 date-time string')),
    createRule(
      'invalid_time',
      isZonedIsoDateTime,
      'must be an ISO 8601 date-time with a zone (Z or ±hh:mm), e.g. 2024-05-01T12:00:00Z',
    ),
    createRule(
      'invalid_time',
      (text: string) => parseZonedIsoDateTime(text) !== undefined,
      'is not a real calendar date and time (check month, day, hour, minute, second and offset)',
    ),
    v.transform((text) => parseZonedIsoDateTime(text) ?? Number.NaN),
    createInstantBounds(now, toleranceMs),
  );
}
