import { describe, expect, it } from 'vitest';
import { absent, formatCases, issuesOf, labelled, orderOf, withField } from './normalize-fixtures';

// The fields both formats share under different names: ids, quantity and unit price.
describe.each(formatCases.map((format) => [format.partner.id, format] as const))(
  'a %s order',
  (_, format) => {
    const { partner, valid, fields } = format;
    const rejects = (field: string, value: unknown, code: string) =>
      expect(issuesOf(partner, withField(valid, field, value))).toEqual([
        { path: field, code, message: expect.stringMatching(new RegExp(`^${field} `)) },
      ]);

    describe.each([
      ['externalOrderId', fields.externalOrderId],
      ['productId', fields.productId],
      ['customerId', fields.customerId],
    ] as const)('with the id field %s (%s)', (target, field) => {
      it('is rejected as required when the field is missing', () => rejects(field, absent, 'required'));
      it('is rejected as required when the field is undefined', () => rejects(field, undefined, 'required'));

      it.each(labelled([42, 0, true, null, ['A-1'], { id: 'A-1' }]))(
        'is rejected as the wrong type for %s',
        (_, value) => rejects(field, value, 'type'),
      );

      it.each(labelled(['', ' ', '   ', '\t\n']))('is rejected as empty for %s', (_, value) =>
        rejects(field, value, 'empty'),
      );

      it('accepts an id of exactly 128 characters', () => {
        expect(orderOf(partner, withField(valid, field, 'x'.repeat(128)))[target]).toBe('x'.repeat(128));
      });

      it('rejects an id of 129 characters as too long', () => rejects(field, 'x'.repeat(129), 'too_long'));

      it('stores the id trimmed', () => {
        expect(orderOf(partner, withField(valid, field, '  A-1\t'))[target]).toBe('A-1');
      });

      it('measures the length after trimming', () => {
        const padded = `  ${'x'.repeat(128)}  `;
        expect(orderOf(partner, withField(valid, field, padded))[target]).toBe('x'.repeat(128));
      });

      it('keeps the inner spaces of an id', () => {
        expect(orderOf(partner, withField(valid, field, ' A 1 '))[target]).toBe('A 1');
      });
    });

    describe(`with the quantity field ${fields.quantity}`, () => {
      const field = fields.quantity;

      it.each([1, 2, 999_999, 1_000_000])('accepts %d', (quantity) => {
        expect(orderOf(partner, withField(valid, field, quantity)).quantity).toBe(quantity);
      });

      it.each([0, -1, 1_000_001, Number.MAX_SAFE_INTEGER])('rejects %d as out of range', (quantity) =>
        rejects(field, quantity, 'out_of_range'),
      );

      it.each([1.5, 0.5, 999_999.9, 1_000_000.5])('rejects %d as not an integer', (quantity) =>
        rejects(field, quantity, 'not_integer'),
      );

      it.each(labelled(['5', '1', true, null, [5], { value: 5 }, Number.NaN, Number.POSITIVE_INFINITY]))(
        'rejects %s as the wrong type',
        (_, quantity) => rejects(field, quantity, 'type'),
      );

      it('is rejected as required when missing', () => rejects(field, absent, 'required'));

      it('explains the allowed range in the message', () => {
        expect(issuesOf(partner, withField(valid, field, 0))[0]?.message).toBe(
          `${field} must be an integer between 1 and 1000000`,
        );
      });
    });

    describe(`with the unit price field ${fields.unitPrice}`, () => {
      const field = fields.unitPrice;

      it.each([1e-130, 0.0001, 0.01, 19.99, Number.MAX_SAFE_INTEGER])('accepts %d', (price) => {
        expect(orderOf(partner, withField(valid, field, price)).unitPrice).toBe(price);
      });

      it.each(labelled([0, -0, -1, -0.01, -Number.MAX_VALUE]))('rejects %s as out of range', (_, price) =>
        rejects(field, price, 'out_of_range'),
      );

      // Storage cannot hold these numbers; accepted, they would fail at the write instead.
      it.each(labelled([5e-324, 1e-131, Number.MAX_SAFE_INTEGER + 1, 1e21, Number.MAX_VALUE]))(
        'rejects %s as out of the range that can be stored',
        (_, price) => rejects(field, price, 'out_of_range'),
      );

      it.each(
        labelled([
          Number.NaN,
          Number.POSITIVE_INFINITY,
          Number.NEGATIVE_INFINITY,
          '19.99',
          true,
          null,
          [19.99],
          { amount: 19.99 },
        ]),
      )('rejects %s as the wrong type', (_, price) => rejects(field, price, 'type'));

      it('is rejected as required when missing', () => rejects(field, absent, 'required'));

      it('says why an infinite price is refused', () => {
        expect(issuesOf(partner, withField(valid, field, Number.POSITIVE_INFINITY))[0]?.message).toBe(
          `${field} must be a finite number, got Infinity`,
        );
      });
    });
  },
);
