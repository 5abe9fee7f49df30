import { describe, expect, it } from 'vitest';
import {
  absent,
  issuesOf,
  labelled,
  now,
  orderOf,
  partnerA,
  validPartnerAOrder,
  withField,
} from './normalize-fixtures';

const withA = (field: string, value: unknown) => withField(validPartnerAOrder, field, value);
const rejectsA = (field: string, value: unknown, code: string) =>
  expect(issuesOf(partnerA, withA(field, value))).toEqual([
    { path: field, code, message: expect.stringMatching(new RegExp(`^${field} `)) },
  ]);

const minuteMs = 60_000;

describe('a partner-a order', () => {
  it('is normalized into the common order shape with exact amounts', () => {
    expect(orderOf(partnerA, validPartnerAOrder)).toEqual({
      partnerId: 'partner-a',
      externalOrderId: 'A-1001',
      productId: 'SKU-42',
      customerId: 'C-7',
      quantity: 3,
      unitPrice: 19.99,
      taxRate: 0.2,
      grossAmount: '59.97',
      taxAmount: '11.99',
      netAmount: '71.96',
      transactionTime: '2024-05-01T11:00:00.000Z',
      submissionId: 'sub-1',
      receivedAt: '2024-05-01T12:00:01.000Z',
    });
  });

  describe('with taxRate as a decimal from 0 to 1', () => {
    it.each([0, 0.0001, 0.2, 0.9999, 1])('accepts %d, bounds included', (rate) => {
      expect(orderOf(partnerA, withA('taxRate', rate)).taxRate).toBe(rate);
    });

    it.each([-0.0001, 1.0001, -1, 20])('rejects %d as out of range', (rate) =>
      rejectsA('taxRate', rate, 'out_of_range'),
    );

    it.each(labelled(['0.2', true, null, [0.2], Number.NaN, Number.POSITIVE_INFINITY]))(
      'rejects %s as the wrong type',
      (_, rate) => rejectsA('taxRate', rate, 'type'),
    );

    it('is rejected as required when missing', () => rejectsA('taxRate', absent, 'required'));

    it('accepts a rate as small as 1e-130 and rejects smaller ones, which cannot be stored', () => {
      expect(orderOf(partnerA, withA('taxRate', 1e-130)).taxRate).toBe(1e-130);
      rejectsA('taxRate', 1e-131, 'out_of_range');
      rejectsA('taxRate', 5e-324, 'out_of_range');
    });

    it('stores a rate of -0 as 0', () => {
      expect(Object.is(orderOf(partnerA, withA('taxRate', -0)).taxRate, 0)).toBe(true);
    });

    it('explains the range in the message', () => {
      expect(issuesOf(partnerA, withA('taxRate', 20))[0]?.message).toBe(
        'taxRate must be a decimal rate between 0 and 1 (both included), e.g. 0.2 for 20 %',
      );
    });
  });

  describe('with transactionTimeMs as epoch milliseconds', () => {
    const year2000 = Date.parse('2000-01-01T00:00:00.000Z');
    const latest = now.getTime() + 5 * minuteMs;

    it('accepts exactly 2000-01-01T00:00:00Z', () => {
      expect(orderOf(partnerA, withA('transactionTimeMs', year2000)).transactionTime).toBe(
        '2000-01-01T00:00:00.000Z',
      );
    });

    it('rejects one millisecond before 2000 as out of range', () => {
      rejectsA('transactionTimeMs', year2000 - 1, 'out_of_range');
    });

    it.each(labelled([0, -1, 1_714_564_800]))('rejects %s, which is before 2000, as out of range', (_, ms) =>
      rejectsA('transactionTimeMs', ms, 'out_of_range'),
    );

    it('accepts exactly five minutes after now', () => {
      expect(orderOf(partnerA, withA('transactionTimeMs', latest)).transactionTime).toBe(
        '2024-05-01T12:05:00.000Z',
      );
    });

    it('rejects five minutes and one millisecond after now as a future time', () => {
      rejectsA('transactionTimeMs', latest + 1, 'future_time');
    });

    it('rejects microseconds mistaken for milliseconds as a future time', () => {
      rejectsA('transactionTimeMs', now.getTime() * 1000, 'future_time');
    });

    it('measures the future from the now it is given', () => {
      const later = new Date(now.getTime() + 60 * minuteMs);
      expect(issuesOf(partnerA, withA('transactionTimeMs', latest + 1), later)).toEqual([]);
    });

    it('rejects a fractional millisecond as not an integer', () => {
      rejectsA('transactionTimeMs', year2000 + 0.5, 'not_integer');
    });

    it.each(
      labelled([
        String(year2000),
        '2024-05-01T11:00:00Z',
        true,
        null,
        [year2000],
        Number.NaN,
        Number.POSITIVE_INFINITY,
      ]),
    )('rejects %s as the wrong type', (_, ms) => rejectsA('transactionTimeMs', ms, 'type'));

    it('is rejected as required when missing', () => rejectsA('transactionTimeMs', absent, 'required'));

    it('stores the time as UTC ISO 8601 with milliseconds', () => {
      const ms = Date.parse('2024-05-01T11:22:33.456Z');
      expect(orderOf(partnerA, withA('transactionTimeMs', ms)).transactionTime).toBe(
        '2024-05-01T11:22:33.456Z',
      );
    });
  });
});
