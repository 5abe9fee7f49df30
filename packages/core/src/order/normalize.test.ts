import Big from 'big.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { issueCodes } from './issue';
import { normalize } from './normalize';
import {
  context,
  issuesOf,
  labelled,
  now,
  orderOf,
  partnerA,
  partnerB,
  validPartnerAOrder,
  validPartnerBOrder,
} from './normalize-fixtures';
import { earliestTransactionMs, maxClockSkewMs } from './time';

describe('normalize', () => {
  it.each(
    labelled(['an order', 42, true, null, undefined, [], [validPartnerAOrder]]).concat([
      ['a Date', new Date()],
      ['a Map', new Map(Object.entries(validPartnerAOrder))],
    ]),
  )('rejects %s as a payload with a single not_object issue', (_, payload) => {
    expect(issuesOf(partnerA, payload)).toEqual([
      {
        path: '',
        code: 'not_object',
        message: expect.stringMatching(/^the order must be a JSON object, got /),
      },
    ]);
  });

  it('tells a partner that sent an array to send one order per object', () => {
    expect(issuesOf(partnerB, [validPartnerBOrder])[0]?.message).toBe(
      'the order must be a JSON object, got an array (send one order per object)',
    );
  });

  it('accepts an object without a prototype', () => {
    const payload = Object.assign(Object.create(null) as object, validPartnerAOrder);
    expect(orderOf(partnerA, payload).externalOrderId).toBe('A-1001');
  });

  it('ignores unknown fields, even invalid ones, and leaves them out of the order', () => {
    const order = orderOf(partnerA, {
      ...validPartnerAOrder,
      note: 'gift',
      qty: 'five',
      transactionId: null,
    });
    expect(order).not.toHaveProperty('note');
    expect(order).not.toHaveProperty('qty');
    expect(order).not.toHaveProperty('transactionId');
  });

  it('does not accept the other format’s field names', () => {
    expect(issuesOf(partnerA, validPartnerBOrder).map((issue) => issue.code)).toEqual(
      Array.from({ length: 7 }, () => 'required'),
    );
  });

  it('reports every problem of a partner-a order at once, in field order', () => {
    const { customerId: _, ...withoutCustomer } = validPartnerAOrder;
    const payload = {
      ...withoutCustomer,
      orderId: '  ',
      skuId: 42,
      quantity: 1.5,
      unitPrice: 0,
      taxRate: '0.2',
      transactionTimeMs: now.getTime() + 10 * 60_000,
    };
    expect(issuesOf(partnerA, payload)).toEqual([
      { path: 'orderId', code: 'empty', message: 'orderId must not be empty or only whitespace' },
      { path: 'skuId', code: 'type', message: 'skuId must be a string, got a number' },
      { path: 'customerId', code: 'required', message: 'customerId is required' },
      { path: 'quantity', code: 'not_integer', message: 'quantity must be an integer between 1 and 1000000' },
      { path: 'unitPrice', code: 'out_of_range', message: 'unitPrice must be a number greater than 0' },
      { path: 'taxRate', code: 'type', message: 'taxRate must be a number, got a string' },
      {
        path: 'transactionTimeMs',
        code: 'future_time',
        message: 'transactionTimeMs must not be more than 5 minutes in the future',
      },
    ]);
  });

  it('reports every missing field of an empty partner-b order', () => {
    expect(issuesOf(partnerB, {})).toEqual(
      ['transactionId', 'itemCode', 'clientId', 'qty', 'price', 'tax', 'purchaseTime'].map((path) => ({
        path,
        code: 'required',
        message: `${path} is required`,
      })),
    );
  });

  it('reports one issue per field, the first rule the field breaks', () => {
    expect(issuesOf(partnerB, { ...validPartnerBOrder, qty: 1_000_000.5 })).toEqual([
      { path: 'qty', code: 'not_integer', message: 'qty must be an integer between 1 and 1000000' },
    ]);
  });

  it('never echoes what the partner sent in its messages', () => {
    const secret = `SECRET-${'x'.repeat(200)}`;
    const payload = { ...validPartnerBOrder, transactionId: secret, qty: secret, purchaseTime: secret };
    const issues = issuesOf(partnerB, payload);
    expect(issues).toHaveLength(3);
    for (const issue of issues) expect(issue.message).not.toContain('SECRET');
  });

  it('measures the future from the current time when no now is given', () => {
    const recent = { ...validPartnerAOrder, transactionTimeMs: Date.now() - 1000 };
    const future = { ...validPartnerAOrder, transactionTimeMs: Date.now() + 60 * 60_000 };
    const { now: _, ...withoutNow } = context;
    expect(normalize(partnerA, recent, withoutNow).ok).toBe(true);
    expect(normalize(partnerA, future, withoutNow)).toEqual({
      ok: false,
      issues: [expect.objectContaining({ path: 'transactionTimeMs', code: 'future_time' })],
    });
  });

  it('refuses to run with an invalid now, which would disable the future check', () => {
    expect(() => normalize(partnerA, validPartnerAOrder, { ...context, now: new Date(Number.NaN) })).toThrow(
      RangeError,
    );
  });

  it('stamps the order with the partner, submission and arrival time it is given', () => {
    const order = orderOf(partnerB, validPartnerBOrder);
    expect(order).toMatchObject({
      partnerId: 'partner-b',
      submissionId: 'sub-1',
      receivedAt: context.receivedAt,
    });
  });
});

const identifier = fc.string({ minLength: 1, maxLength: 128 }).filter((id) => id.trim() !== '');
const validContent = fc.record({
  id: identifier,
  product: identifier,
  customer: identifier,
  quantity: fc.integer({ min: 1, max: 1_000_000 }),
  unitPrice: fc.oneof(
    // The whole range storage can hold: 1e-130 up to Number.MAX_SAFE_INTEGER.
    fc.double({ min: 1e-130, max: 10_000, noNaN: true }),
    fc.double({ min: 1e-130, max: Number.MAX_SAFE_INTEGER, noNaN: true }),
  ),
  taxPercent: fc.integer({ min: 0, max: 100 }),
  timeMs: fc.integer({ min: earliestTransactionMs, max: now.getTime() + maxClockSkewMs }),
});

describe('normalize, for any input', () => {
  const partners = [partnerA, partnerB];
  const fieldValue = fc.oneof(fc.anything(), fc.string(), fc.double(), fc.integer());
  const looseOrder = fc.dictionary(
    fc.constantFrom(...Object.keys(validPartnerAOrder), ...Object.keys(validPartnerBOrder), 'other'),
    fieldValue,
  );

  it('never throws, and either accepts the order or explains why not with known issue codes', () => {
    fc.assert(
      fc.property(fc.constantFrom(...partners), fc.oneof(fc.anything(), looseOrder), (partner, payload) => {
        const result = normalize(partner, payload, context);
        if (result.ok) return;
        expect(result.issues.length).toBeGreaterThan(0);
        for (const issue of result.issues) expect(issueCodes).toContain(issue.code);
      }),
      { numRuns: 2000 },
    );
  });

  it('accepts every valid order with net = gross + tax exactly and gross within half a cent', () => {
    fc.assert(
      fc.property(validContent, (content) => {
        const order = orderOf(partnerA, {
          orderId: content.id,
          skuId: content.product,
          customerId: content.customer,
          quantity: content.quantity,
          unitPrice: content.unitPrice,
          taxRate: content.taxPercent / 100,
          transactionTimeMs: content.timeMs,
        });
        for (const amount of [order.grossAmount, order.taxAmount, order.netAmount]) {
          expect(amount).toMatch(/^\d+\.\d{2}$/);
        }
        const gross = new Big(order.grossAmount);
        expect(gross.plus(order.taxAmount).eq(order.netAmount)).toBe(true);
        const exact = new Big(content.quantity).times(String(content.unitPrice));
        expect(gross.minus(exact).abs().lte('0.005')).toBe(true);
      }),
    );
  });

  it('gives a partner-b order the same content as the equivalent partner-a order', () => {
    fc.assert(
      fc.property(validContent, (content) => {
        const fromA = orderOf(partnerA, {
          orderId: content.id,
          skuId: content.product,
          customerId: content.customer,
          quantity: content.quantity,
          unitPrice: content.unitPrice,
          taxRate: content.taxPercent / 100,
          transactionTimeMs: content.timeMs,
        });
        const fromB = orderOf(partnerB, {
          transactionId: content.id,
          itemCode: content.product,
          clientId: content.customer,
          qty: content.quantity,
          price: content.unitPrice,
          tax: content.taxPercent,
          purchaseTime: new Date(content.timeMs).toISOString(),
        });
        expect({ ...fromB, partnerId: fromA.partnerId }).toEqual(fromA);
      }),
    );
  });
});
