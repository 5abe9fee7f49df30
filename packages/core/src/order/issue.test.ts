import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { describeType, Issue } from './issue';

describe('Issue', () => {
  it('accepts an issue with a code from outside validation, such as a conflict', () => {
    const conflict = { path: '', code: 'conflict', message: 'orderId was already used for another order' };
    expect(v.safeParse(Issue, conflict).success).toBe(true);
  });

  it('rejects an issue without a code', () => {
    expect(v.safeParse(Issue, { path: 'qty', code: '', message: 'qty is required' }).success).toBe(false);
  });
});

describe('describeType', () => {
  it.each([
    ['x', 'a string'],
    [1, 'a number'],
    [Number.NaN, 'NaN'],
    [Number.POSITIVE_INFINITY, 'Infinity'],
    [Number.NEGATIVE_INFINITY, '-Infinity'],
    [true, 'a boolean'],
    [null, 'null'],
    [undefined, 'undefined'],
    [[1], 'an array'],
    [{ a: 1 }, 'an object'],
    [10n, 'a bigint'],
  ])('names the type of %s as %s without echoing the value', (value, expected) => {
    expect(describeType(value)).toBe(expected);
  });
});
