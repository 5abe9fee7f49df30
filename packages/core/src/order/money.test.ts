import Big from 'big.js';
import { describe, expect, it } from 'vitest';
import { computeAmounts, formatMoney, percentToRate, roundToCents, toDecimal } from './money';

describe('computeAmounts', () => {
  it.each([
    // [quantity, unitPrice, taxRate, gross, tax, net]
    [3, 19.99, 0, '59.97', '0.00', '59.97'],
    [3, 0.1, 0, '0.30', '0.00', '0.30'],
    [3, 1.1, 0.2, '3.30', '0.66', '3.96'],
    [1, 0.3, 0.1, '0.30', '0.03', '0.33'],
    [1, 1.005, 0, '1.01', '0.00', '1.01'],
    [1, 2.675, 0, '2.68', '0.00', '2.68'],
    [1, 0.35, 0.1, '0.35', '0.04', '0.39'],
    [1, 21.15, 0.1, '21.15', '2.12', '23.27'],
    [1, 1.5, 0.15, '1.50', '0.23', '1.73'],
    [1, 0.125, 0, '0.13', '0.00', '0.13'],
    [1, 1.5, 1, '1.50', '1.50', '3.00'],
  ])(
    'charges %d × %d at rate %d as gross %s, tax %s, net %s',
    (quantity, unitPrice, taxRate, gross, tax, net) => {
      expect(computeAmounts({ quantity, unitPrice, taxRate })).toEqual({
        grossAmount: gross,
        taxAmount: tax,
        netAmount: net,
      });
    },
  );

  it('gets the cases right where naive floating-point arithmetic is wrong', () => {
    expect(0.1 * 3).not.toBe(0.3);
    expect((Math.round(1.005 * 100) / 100).toFixed(2)).toBe('1.00');
    expect((Math.round(0.35 * 0.1 * 100) / 100).toFixed(2)).toBe('0.03');
    expect(computeAmounts({ quantity: 3, unitPrice: 0.1, taxRate: 0 }).grossAmount).toBe('0.30');
    expect(computeAmounts({ quantity: 1, unitPrice: 1.005, taxRate: 0 }).grossAmount).toBe('1.01');
    expect(computeAmounts({ quantity: 1, unitPrice: 0.35, taxRate: 0.1 }).taxAmount).toBe('0.04');
  });

  it('rounds the gross amount before computing tax on it', () => {
    // Unrounded, 3 × 0.335 = 1.005 would give tax 0.5025 → 0.50; rounded gross 1.01 gives 0.505 → 0.51.
    expect(computeAmounts({ quantity: 3, unitPrice: 0.335, taxRate: 0.5 })).toEqual({
      grossAmount: '1.01',
      taxAmount: '0.51',
      netAmount: '1.52',
    });
  });

  it('keeps every digit of a large quantity times a large price', () => {
    expect(computeAmounts({ quantity: 1_000_000, unitPrice: 12_345_678.91, taxRate: 0.0725 })).toEqual({
      grossAmount: '12345678910000.00',
      taxAmount: '895061720975.00',
      netAmount: '13240740630975.00',
    });
  });

  it('computes exact amounts where the product is beyond safe integers', () => {
    const amounts = computeAmounts({ quantity: 999_999, unitPrice: 123_456_789_012.34, taxRate: 0.19 });
    // Checked with Python's decimal module; as a float the gross is 123456665555550980, cents lost.
    expect(amounts).toEqual({
      grossAmount: '123456665555550987.66',
      taxAmount: '23456766455554687.66',
      netAmount: '146913432011105675.32',
    });
  });

  it('writes amounts in plain notation even for the largest finite price', () => {
    const { grossAmount } = computeAmounts({ quantity: 2, unitPrice: Number.MAX_VALUE, taxRate: 0 });
    expect(grossAmount).toMatch(/^3595386269724631\d{293}\.00$/);
  });

  it('rounds a price far below a cent to zero amounts', () => {
    expect(computeAmounts({ quantity: 1, unitPrice: 1e-7, taxRate: 1 })).toEqual({
      grossAmount: '0.00',
      taxAmount: '0.00',
      netAmount: '0.00',
    });
  });
});

describe('roundToCents', () => {
  it.each([
    ['2.345', '2.35'],
    ['-2.345', '-2.35'],
    ['0.005', '0.01'],
    ['-0.005', '-0.01'],
    ['0.0049999', '0.00'],
    ['2.344999999999999999999', '2.34'],
    ['0.125', '0.13'],
    ['0.135', '0.14'],
  ])('rounds %s half away from zero to %s', (value, expected) => {
    expect(roundToCents(new Big(value)).toFixed(2)).toBe(expected);
  });
});

describe('toDecimal', () => {
  it.each([
    [0.1, '0.1'],
    [19.99, '19.99'],
    [1e-7, '1e-7'],
    [1e21, '1e+21'],
    [5e-324, '5e-324'],
  ])('reads %d as the decimal the partner wrote', (value, written) => {
    expect(toDecimal(value).eq(new Big(written))).toBe(true);
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])('refuses %d', (value) => {
    expect(() => toDecimal(value)).toThrow(RangeError);
  });
});

describe('formatMoney', () => {
  it.each([
    ['1e+21', '1000000000000000000000.00'],
    ['1e-7', '0.00'],
    ['-0', '0.00'],
    ['12.3', '12.30'],
  ])('formats %s as %s', (value, expected) => {
    expect(formatMoney(new Big(value))).toBe(expected);
  });
});

describe('percentToRate', () => {
  it.each([
    [0, 0],
    [100, 1],
    [20, 0.2],
    [7.25, 0.0725],
    [8.2, 0.082],
    [0.29, 0.0029],
    [1e-25, 1e-27],
  ])('turns %d percent into the rate %d', (percent, rate) => {
    expect(percentToRate(percent)).toBe(rate);
  });

  it('turns the percentages that float division gets wrong into the exact rate', () => {
    expect(8.2 / 100).not.toBe(0.082);
    expect(percentToRate(8.2)).toBe(0.082);
  });

  it('turns minus zero percent into a plain zero rate', () => {
    expect(Object.is(percentToRate(-0), 0)).toBe(true);
  });
});
