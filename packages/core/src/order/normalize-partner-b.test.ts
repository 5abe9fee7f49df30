import { describe, expect, it } from 'vitest';
import {
  absent,
  issuesOf,
  labelled,
  now,
  orderOf,
  partnerB,
  validPartnerBOrder,
  withField,
} from './normalize-fixtures';

const withB = (field: string, value: unknown) => withField(validPartnerBOrder, field, value);
const rejectsB = (field: string, value: unknown, code: string) =>
  expect(issuesOf(partnerB, withB(field, value))).toEqual([
    { path: field, code, message: expect.stringMatching(new RegExp(`^${field} `)) },
  ]);

describe('a partner-b order', () => {
  it('is normalized into the common order shape with exact amounts', () => {
    expect(orderOf(partnerB, validPartnerBOrder)).toEqual({
      partnerId: 'partner-b',
      externalOrderId: 'B-2002',
      productId: 'ITEM-42',
      customerId: 'CL-7',
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

  describe('with tax as a percentage from 0 to 100', () => {
    it.each([
      [0, 0],
      [0.01, 0.0001],
      [7.25, 0.0725],
      [8.2, 0.082],
      [99.99, 0.9999],
      [100, 1],
    ])('stores %d percent as the decimal rate %d, bounds included', (percent, rate) => {
      expect(orderOf(partnerB, withB('tax', percent)).taxRate).toBe(rate);
    });

    it.each([-0.01, 100.01, -1, 1000])('rejects %d as out of range', (percent) =>
      rejectsB('tax', percent, 'out_of_range'),
    );

    it.each(labelled(['20', true, null, [20], Number.NaN, Number.NEGATIVE_INFINITY]))(
      'rejects %s as the wrong type',
      (_, percent) => rejectsB('tax', percent, 'type'),
    );

    it('is rejected as required when missing', () => rejectsB('tax', absent, 'required'));

    it('accepts a percentage as small as 1e-128 and rejects smaller ones, whose rate cannot be stored', () => {
      expect(orderOf(partnerB, withB('tax', 1e-128)).taxRate).toBe(1e-130);
      rejectsB('tax', 1e-129, 'out_of_range');
      rejectsB('tax', 5e-324, 'out_of_range');
    });

    it('explains the range in the message', () => {
      expect(issuesOf(partnerB, withB('tax', 100.01))[0]?.message).toBe(
        'tax must be a percentage between 0 and 100 (both included), e.g. 20 for 20 %',
      );
    });
  });

  describe('with purchaseTime as ISO 8601 with a zone', () => {
    it.each([
      ['2000-01-01T00:00:00Z', '2000-01-01T00:00:00.000Z'],
      ['2000-01-01T05:30:00+05:30', '2000-01-01T00:00:00.000Z'],
      ['1999-12-31T19:00:00-05:00', '2000-01-01T00:00:00.000Z'],
      ['2024-05-01T17:30:00+05:30', '2024-05-01T12:00:00.000Z'],
      ['2024-05-01T08:00:00.250-04:00', '2024-05-01T12:00:00.250Z'],
      ['2024-05-01T11:00Z', '2024-05-01T11:00:00.000Z'],
      ['2024-05-01T11:00:00.123456Z', '2024-05-01T11:00:00.123Z'],
      ['2024-02-29T23:59:59.999Z', '2024-02-29T23:59:59.999Z'],
      ['2024-05-01T12:05:00Z', '2024-05-01T12:05:00.000Z'],
      ['2024-05-01T17:35:00+05:30', '2024-05-01T12:05:00.000Z'],
    ])('accepts %s as %s', (text, instant) => {
      expect(orderOf(partnerB, withB('purchaseTime', text)).transactionTime).toBe(instant);
    });

    it.each(['1999-12-31T23:59:59.999Z', '2000-01-01T05:29:59.999+05:30', '1999-12-31T18:59:59.999-05:00'])(
      'rejects %s, just before 2000 in UTC, as out of range',
      (text) => rejectsB('purchaseTime', text, 'out_of_range'),
    );

    it.each(['2024-05-01T12:05:00.001Z', '2024-05-01T17:35:00.001+05:30', '2030-01-01T00:00:00Z'])(
      'rejects %s, more than five minutes after now, as a future time',
      (text) => rejectsB('purchaseTime', text, 'future_time'),
    );

    it('measures the future from the now it is given', () => {
      const later = new Date(now.getTime() + 60 * 60_000);
      expect(issuesOf(partnerB, withB('purchaseTime', '2024-05-01T12:05:00.001Z'), later)).toEqual([]);
    });

    it.each(['2024-05-01T11:00:00', '2024-05-01T11:00:00.000', '2024-05-01', '2024-05-01T11:00:00+0530'])(
      'rejects %s, which carries no zone in the ±hh:mm form, as an invalid time',
      (text) => rejectsB('purchaseTime', text, 'invalid_time'),
    );

    it.each([
      '2024-02-30T00:00:00Z',
      '2023-02-29T00:00:00Z',
      '2024-04-31T10:00:00Z',
      '2024-13-01T10:00:00Z',
      '2024-05-01T25:00:00Z',
      '2024-05-01T24:00:00Z',
      '2024-05-01T11:60:00Z',
      '2024-05-01T11:00:60Z',
      '2024-05-01T11:00:00+24:00',
    ])('rejects the impossible %s as an invalid time', (text) =>
      rejectsB('purchaseTime', text, 'invalid_time'),
    );

    it.each(['', 'yesterday', 'May 1, 2024 11:00 UTC', 'Wed, 01 May 2024 11:00:00 GMT', '1714561200000'])(
      'rejects %j, which Date.parse might accept, as an invalid time',
      (text) => rejectsB('purchaseTime', text, 'invalid_time'),
    );

    it.each(labelled([Date.parse('2024-05-01T11:00:00Z'), true, null, ['2024-05-01T11:00:00Z'], {}]))(
      'rejects %s as the wrong type',
      (_, value) => rejectsB('purchaseTime', value, 'type'),
    );

    it('is rejected as required when missing', () => rejectsB('purchaseTime', absent, 'required'));

    it('says what a zone looks like when one is missing', () => {
      expect(issuesOf(partnerB, withB('purchaseTime', '2024-05-01T11:00:00'))[0]?.message).toBe(
        'purchaseTime must be an ISO 8601 date-time with a zone (Z or ±hh:mm), e.g. 2024-05-01T12:00:00Z',
      );
    });

    it('says the date is not real when a day does not exist', () => {
      expect(issuesOf(partnerB, withB('purchaseTime', '2024-02-30T00:00:00Z'))[0]?.message).toMatch(
        /^purchaseTime is not a real calendar date and time/,
      );
    });
  });
});
