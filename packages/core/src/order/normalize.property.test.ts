import Big from 'big.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Partner } from '../partner/partner';
import { issueCodes } from './issue';
import { type NormalizeResult, normalize } from './normalize';
import {
  context,
  now,
  partnerA,
  partnerB,
  validPartnerAOrder,
  validPartnerBOrder,
} from './normalize-fixtures';
import type { NewOrder } from './order';
import { earliestTransactionMs, maxClockSkewMs } from './time';

// Extends the properties in normalize.test.ts (never throws, amounts for integer tax percentages, both
// formats agree) to hostile input: JSON-shaped payloads of both formats, prototype keys, frozen payloads.

const formats = [
  { partner: partnerA, valid: validPartnerAOrder as Record<string, unknown> },
  { partner: partnerB, valid: validPartnerBOrder as Record<string, unknown> },
];
const format = fc.constantFrom(...formats);

// Keys that mean something to JavaScript objects; JSON.parse makes them plain own properties.
const hostileKey = fc.constantFrom(
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
  'toJSON',
  '__defineGetter__',
);

/** Parses JSON text built from entries, so keys such as `__proto__` arrive exactly as a partner sends them. */
function parseEntries(entries: readonly (readonly [string, unknown])[]): unknown {
  const members = entries.map(([key, value]) => `${JSON.stringify(key)}:${JSON.stringify(value) ?? 'null'}`);
  return JSON.parse(`{${members.join(',')}}`);
}

/** A payload of the format's shape: each known field valid, any JSON value or missing, plus unknown fields. */
const jsonShaped = format.chain(({ partner, valid }) =>
  fc
    .tuple(
      fc.tuple(
        ...Object.entries(valid).map(([field, value]) =>
          fc.oneof(
            { arbitrary: fc.constant([[field, value]] as [string, unknown][]), weight: 3 },
            fc.jsonValue().map((json): [string, unknown][] => [[field, json]]),
            fc.constant([] as [string, unknown][]),
          ),
        ),
      ),
      fc.array(fc.tuple(fc.oneof(hostileKey, fc.string()), fc.jsonValue()), { maxLength: 4 }),
    )
    .map(([fields, extras]) => ({
      partner,
      payload: parseEntries([...fields.flat(), ...extras.filter(([key]) => !Object.hasOwn(valid, key))]),
    })),
);

/** Everything wrong with a result's shape; empty when it is well formed. */
function malformations(partner: Partner, result: NormalizeResult): string[] {
  if (result.ok) return amountProblems(result.order);
  const fields = Object.keys(partner.id === 'partner-a' ? validPartnerAOrder : validPartnerBOrder);
  const problems: string[] = [];
  if (result.issues.length === 0) problems.push('a rejection without issues');
  const positions = result.issues.map((issue) => fields.indexOf(issue.path));
  for (const issue of result.issues) {
    const known = issue.path === '' ? issue.code === 'not_object' : fields.includes(issue.path);
    if (!known) problems.push(`issue at unknown path ${JSON.stringify(issue.path)} (${issue.code})`);
    if (!(issueCodes as readonly string[]).includes(issue.code)) problems.push(`unknown code ${issue.code}`);
    const subject = issue.path === '' ? 'the order ' : `${issue.path} `;
    if (!issue.message.startsWith(subject) || issue.message.length <= subject.length)
      problems.push(`message ${JSON.stringify(issue.message)} does not explain ${issue.path}`);
  }
  if (positions.some((position, i) => i > 0 && position <= (positions[i - 1] ?? -1)))
    problems.push(`issues not one per field in field order: ${positions.join(',')}`);
  return problems;
}

function amountProblems(order: NewOrder): string[] {
  const amounts = [order.grossAmount, order.taxAmount, order.netAmount];
  if (!amounts.every((amount) => /^\d+\.\d{2}$/.test(amount))) return [`amounts ${amounts.join(' ')}`];
  return new Big(order.grossAmount).plus(order.taxAmount).eq(order.netAmount) ? [] : ['net ≠ gross + tax'];
}

describe('normalize, for hostile input', () => {
  it('never throws and explains every rejection field by field, in field order, with known codes', () => {
    fc.assert(
      fc.property(
        fc.oneof(jsonShaped, fc.record({ partner: format.map((f) => f.partner), payload: fc.anything() })),
        ({ partner, payload }) => {
          expect(malformations(partner, normalize(partner, payload, context))).toEqual([]);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('reports a field of the wrong JSON type as exactly one type issue at that field', () => {
    const wrongType = format.chain(({ partner, valid }) =>
      fc.constantFrom(...Object.keys(valid)).chain((field) =>
        fc
          .jsonValue()
          .filter((value) => value === null || typeof value !== typeof valid[field] || Array.isArray(value))
          .map((value) => ({ partner, field, payload: { ...valid, [field]: value } })),
      ),
    );
    fc.assert(
      fc.property(wrongType, ({ partner, field, payload }) => {
        const result = normalize(partner, payload, context);
        expect(result.ok ? [] : result.issues.map(({ path, code }) => ({ path, code }))).toEqual([
          { path: field, code: 'type' },
        ]);
      }),
    );
  });

  it('keeps a valid order valid and unchanged under any unknown fields, prototype keys included', () => {
    const withExtras = format.chain(({ partner, valid }) =>
      fc
        .array(fc.tuple(fc.oneof(hostileKey, fc.string()), fc.jsonValue()), { minLength: 1, maxLength: 6 })
        .map((extras) => ({
          partner,
          valid,
          payload: parseEntries([
            ...Object.entries(valid),
            ...extras.filter(([key]) => !Object.hasOwn(valid, key)),
          ]),
        })),
    );
    fc.assert(
      fc.property(withExtras, ({ partner, valid, payload }) => {
        expect(normalize(partner, payload, context)).toEqual(normalize(partner, valid, context));
        expect(Object.keys(Object.prototype)).toEqual([]);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
    );
  });

  it('neither changes nor depends on the payload: a deep-frozen payload gives the same result twice', () => {
    fc.assert(
      fc.property(jsonShaped, ({ partner, payload }) => {
        const before = JSON.stringify(payload);
        const frozen = deepFreeze(payload);
        const first = normalize(partner, frozen, context);
        expect(normalize(partner, frozen, context)).toEqual(first);
        expect(JSON.stringify(frozen)).toBe(before);
      }),
    );
  });

  it('never echoes a value the partner sent in its messages', () => {
    const marked = format.chain(({ partner, valid }) =>
      fc
        .tuple(
          fc.subarray(Object.keys(valid), { minLength: 1 }),
          fc.stringMatching(/^[A-Za-z0-9]{8,40}$/).map((tail) => `ECHO-${tail}`),
          fc.boolean(),
        )
        .map(([fields, marker, padded]) => ({
          partner,
          payload: {
            ...valid,
            ...Object.fromEntries(
              fields.map((field) => [field, padded ? `${marker}${' '.repeat(130)}x` : marker]),
            ),
          },
        })),
    );
    fc.assert(
      fc.property(marked, ({ partner, payload }) => {
        const result = normalize(partner, payload, context);
        const messages = result.ok ? [] : result.issues.map((issue) => issue.message);
        expect(messages.filter((message) => message.includes('ECHO-'))).toEqual([]);
      }),
    );
  });
});

describe('normalize, for any valid order of either format', () => {
  const validOrder = fc
    .record({
      id: fc.string({ minLength: 1, maxLength: 64, unit: 'binary' }).filter((id) => id.trim() !== ''),
      quantity: fc.integer({ min: 1, max: 1_000_000 }),
      // Prices in tenths of a cent and rates such as 50 % make exact half-cent ties common.
      unitPrice: fc.oneof(
        fc.integer({ min: 1, max: 10_000_000 }).map((mills) => mills / 1000),
        fc.double({ min: 0.01, max: 10_000, noNaN: true }),
        fc.double({ min: 1e-130, max: Number.MAX_SAFE_INTEGER, noNaN: true }),
      ),
      rate: fc.oneof(
        fc.constantFrom(0.5, 0.25, 0.05, 0.125),
        fc.integer({ min: 0, max: 10_000 }).map((basisPoints) => basisPoints / 10_000),
        fc.double({ min: 0, max: 1, noNaN: true }),
      ),
      timeMs: fc.integer({ min: earliestTransactionMs, max: now.getTime() + maxClockSkewMs }),
      format: fc.constantFrom('partner-a', 'partner-b'),
    })
    // Rates so small that storage cannot hold them are refused; they are not what this property is about.
    .filter(({ rate }) => rate === 0 || rate >= 1e-100);

  it('computes amounts as two-decimal strings with net = gross + tax, each rounded half away from zero', () => {
    fc.assert(
      fc.property(validOrder, ({ id, quantity, unitPrice, rate, timeMs, format }) => {
        const result =
          format === 'partner-a'
            ? normalize(
                partnerA,
                {
                  ...validPartnerAOrder,
                  orderId: id,
                  quantity,
                  unitPrice,
                  taxRate: rate,
                  transactionTimeMs: timeMs,
                },
                context,
              )
            : normalize(
                partnerB,
                {
                  ...validPartnerBOrder,
                  transactionId: id,
                  qty: quantity,
                  price: unitPrice,
                  tax: rate * 100,
                  purchaseTime: new Date(timeMs).toISOString(),
                },
                context,
              );
        if (!result.ok) throw new Error(`rejected: ${JSON.stringify(result.issues)}`);
        const { order } = result;
        expect(amountProblems(order)).toEqual([]);
        expect(order.externalOrderId).toBe(id.trim());
        expect(isRoundedHalfAwayFromZero(order.grossAmount, new Big(quantity).times(String(unitPrice)))).toBe(
          true,
        );
        expect(
          isRoundedHalfAwayFromZero(order.taxAmount, new Big(order.grossAmount).times(String(order.taxRate))),
        ).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

/** Whether `cents` is `exact` rounded to two decimals, a tie going away from zero (amounts are never negative). */
function isRoundedHalfAwayFromZero(cents: string, exact: Big): boolean {
  const difference = new Big(cents).minus(exact);
  return difference.abs().lt('0.005') || difference.eq('0.005');
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
