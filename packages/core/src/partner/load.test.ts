import { afterEach, describe, expect, it } from 'vitest';
import { normalize } from '../order/normalize';
import {
  cachedPartners,
  PartnerFileError,
  type PartnerFormatInput,
  parsePartners,
  parsePartnersJson,
} from './index';
import type { Partner } from './partner';
import { repositoryPartners, usePartners } from './registry';

// cachedPartners puts what it reads in force; every test starts from the repository's partners again.
afterEach(() => usePartners(repositoryPartners));

const source = 'config/partners.json';
const now = new Date('2024-05-01T12:00:00.000Z');
const context = { submissionId: 'sub-1', receivedAt: '2024-05-01T12:00:01.000Z', now };

const formatA = {
  fields: {
    externalOrderId: 'orderId',
    productId: 'skuId',
    customerId: 'customerId',
    quantity: 'quantity',
    unitPrice: 'unitPrice',
    taxRate: 'taxRate',
    transactionTime: 'transactionTimeMs',
  },
  time: 'epoch-ms',
  tax: 'decimal',
} satisfies PartnerFormatInput;

const orderA = {
  orderId: 'C-1',
  skuId: 'SKU-1',
  customerId: 'CUST-1',
  quantity: 3,
  unitPrice: 19.99,
  taxRate: 0.2,
  transactionTimeMs: Date.parse('2024-05-01T11:00:00.000Z'),
};

function fileWith(format: unknown, extra: Record<string, unknown> = {}) {
  return { partners: [{ id: 'partner-c', name: 'Partner C', format, ...extra }] };
}

function partnerWith(format: Record<string, unknown>): Partner {
  const [partner] = parsePartners(fileWith(format), source);
  if (partner === undefined) throw new Error('no partner');
  return partner;
}

function errorOf(content: unknown): string {
  try {
    parsePartners(content, source);
  } catch (error) {
    expect(error).toBeInstanceOf(PartnerFileError);
    return (error as Error).message;
  }
  throw new Error('the file was accepted');
}

describe('loading a partner file', () => {
  it('fills in the default bounds and the 5-minute future tolerance', () => {
    expect(partnerWith(formatA).format).toEqual({
      ...formatA,
      bounds: { quantity: { min: 1, max: 1_000_000 }, unitPrice: { max: Number.MAX_SAFE_INTEGER } },
      rules: { futureToleranceSeconds: 300 },
    });
  });

  it.each([
    [
      'a field mapped to a number',
      { ...formatA, fields: { ...formatA.fields, quantity: 5 } },
      'format.fields.quantity',
    ],
    [
      'a missing field',
      { ...formatA, fields: { ...formatA.fields, taxRate: undefined } },
      'format.fields.taxRate',
    ],
    [
      'a field name that is not a name',
      { ...formatA, fields: { ...formatA.fields, skuId: 'a b' } },
      'format.fields.skuId',
    ],
    [
      'a prototype key as field',
      { ...formatA, fields: { ...formatA.fields, productId: '__proto__' } },
      'format.fields.productId',
    ],
    [
      'an unknown target',
      { ...formatA, fields: { ...formatA.fields, discount: 'd' } },
      'format.fields.discount',
    ],
    ['an unknown time encoding', { ...formatA, time: 'epoch-us' }, 'format.time'],
    ['an unknown tax encoding', { ...formatA, tax: 'basis-points' }, 'format.tax'],
    [
      'a fractional quantity bound',
      { ...formatA, bounds: { quantity: { max: 2.5 } } },
      'format.bounds.quantity.max',
    ],
    [
      'a unit price bound of 0',
      { ...formatA, bounds: { unitPrice: { max: 0 } } },
      'format.bounds.unitPrice.max',
    ],
    [
      'a negative tolerance',
      { ...formatA, rules: { futureToleranceSeconds: -1 } },
      'format.rules.futureToleranceSeconds',
    ],
    [
      'a tolerance of more than a day',
      { ...formatA, rules: { futureToleranceSeconds: 86_401 } },
      'format.rules.futureToleranceSeconds',
    ],
    [
      'an unknown rule',
      { ...formatA, rules: { pastToleranceSeconds: 1 } },
      'format.rules.pastToleranceSeconds',
    ],
  ])('refuses %s, naming the partner and the field', (_, format, path) => {
    expect(errorOf(fileWith(format))).toMatch(
      new RegExp(`^config/partners\\.json: partner "partner-c": ${path.replaceAll('.', '\\.')}: .+`),
    );
  });

  it('says a missing field is required', () => {
    const { taxRate: _, ...fields } = formatA.fields;
    expect(errorOf(fileWith({ ...formatA, fields }))).toBe(
      'config/partners.json: partner "partner-c": format.fields.taxRate: is required',
    );
  });

  it('refuses one field mapped to two values, naming the second', () => {
    const format = { ...formatA, fields: { ...formatA.fields, customerId: 'orderId' } };
    expect(errorOf(fileWith(format))).toBe(
      'config/partners.json: partner "partner-c": format.fields.customerId: "orderId" already holds externalOrderId; each value needs its own field',
    );
  });

  it('refuses a quantity minimum above its maximum', () => {
    expect(errorOf(fileWith({ ...formatA, bounds: { quantity: { min: 10, max: 5 } } }))).toMatch(
      /partner "partner-c": format\.bounds\.quantity\.min: 10 is above max 5$/,
    );
  });

  it('refuses keys in the file: they are secrets', () => {
    expect(errorOf(fileWith(formatA, { keys: ['k'] }))).toMatch(
      /^config\/partners\.json: partner "partner-c": keys: /,
    );
  });

  it('refuses a partner id that is not lowercase, and names the entry by its id', () => {
    expect(errorOf({ partners: [{ id: 'Partner-C', name: 'C', format: formatA }] })).toMatch(
      /^config\/partners\.json: partner "Partner-C": id: must be lowercase/,
    );
  });

  it('names an entry without an id by its position', () => {
    expect(errorOf({ partners: [{ name: 'C', format: formatA }] })).toBe(
      'config/partners.json: partner #1: id: is required',
    );
  });

  it('refuses duplicate partner ids', () => {
    const entry = { id: 'partner-c', name: 'Partner C', format: formatA };
    expect(errorOf({ partners: [entry, { ...entry, name: 'Partner C again' }] })).toBe(
      'config/partners.json: partner "partner-c": id: "partner-c" is registered twice; partner ids are unique',
    );
  });

  it('reports every bad partner, not just the first', () => {
    const message = errorOf({
      partners: [
        { id: 'partner-c', name: 'C', format: { ...formatA, time: 'soon' } },
        { id: 'partner-d', name: 'D', format: { ...formatA, tax: 'none' } },
      ],
    });
    expect(message.split('\n')).toEqual([
      expect.stringMatching(/^config\/partners\.json: partner "partner-c": format\.time: /),
      expect.stringMatching(/^config\/partners\.json: partner "partner-d": format\.tax: /),
    ]);
  });

  it('refuses a file without a partners array, and text that is not JSON', () => {
    expect(errorOf([])).toMatch(/^config\/partners\.json: /);
    expect(errorOf({ partners: {} })).toMatch(/^config\/partners\.json: partners: /);
    expect(() => parsePartnersJson('{"partners": [', 'p.json')).toThrow(/^p\.json: is not JSON/);
  });
});

describe('a format from the file', () => {
  it('reads epoch seconds as the instant they name', () => {
    const partner = partnerWith({
      ...formatA,
      fields: { ...formatA.fields, transactionTime: 'soldAt' },
      time: 'epoch-s',
    });
    const { transactionTimeMs: _, ...rest } = orderA;
    const result = normalize(
      partner,
      { ...rest, soldAt: Date.parse('2024-05-01T11:00:00Z') / 1000 },
      context,
    );
    expect(result).toMatchObject({ ok: true, order: { transactionTime: '2024-05-01T11:00:00.000Z' } });
  });

  it('refuses fractional epoch seconds and milliseconds mistaken for seconds', () => {
    const partner = partnerWith({ ...formatA, time: 'epoch-s' });
    const issues = (value: number) => {
      const result = normalize(partner, { ...orderA, transactionTimeMs: value }, context);
      return result.ok ? [] : result.issues.map(({ path, code }) => ({ path, code }));
    };
    expect(issues(1_714_561_200.5)).toEqual([{ path: 'transactionTimeMs', code: 'not_integer' }]);
    expect(issues(Date.parse('2024-05-01T11:00:00Z'))).toEqual([
      { path: 'transactionTimeMs', code: 'future_time' },
    ]);
  });

  it('reads a percentage as a decimal rate, and a decimal rate as it is', () => {
    const percent = partnerWith({ ...formatA, tax: 'percent' });
    const decimal = partnerWith(formatA);
    expect(normalize(percent, { ...orderA, taxRate: 7.25 }, context)).toMatchObject({
      ok: true,
      order: { taxRate: 0.0725, taxAmount: '4.35' },
    });
    expect(normalize(decimal, { ...orderA, taxRate: 0.0725 }, context)).toMatchObject({
      ok: true,
      order: { taxRate: 0.0725, taxAmount: '4.35' },
    });
    expect(normalize(decimal, { ...orderA, taxRate: 7.25 }, context)).toMatchObject({ ok: false });
  });

  it('rejects with a tightened future tolerance what the default accepts', () => {
    const twoMinutesAhead = { ...orderA, transactionTimeMs: now.getTime() + 2 * 60_000 };
    const lenient = partnerWith(formatA);
    const strict = partnerWith({ ...formatA, rules: { futureToleranceSeconds: 60 } });
    expect(normalize(lenient, twoMinutesAhead, context).ok).toBe(true);
    expect(normalize(strict, twoMinutesAhead, context)).toEqual({
      ok: false,
      issues: [
        {
          path: 'transactionTimeMs',
          code: 'future_time',
          message: 'transactionTimeMs must not be more than 1 minute in the future',
        },
      ],
    });
  });

  it('applies its own quantity and unit price bounds, tightened or relaxed', () => {
    const partner = partnerWith({
      ...formatA,
      bounds: { quantity: { min: 2, max: 5_000_000 }, unitPrice: { max: 100 } },
    });
    const issues = (order: Record<string, unknown>) => {
      const result = normalize(partner, { ...orderA, ...order }, context);
      return result.ok ? [] : result.issues;
    };
    expect(issues({ quantity: 2_000_000 })).toEqual([]);
    expect(issues({ quantity: 1 })).toEqual([
      {
        path: 'quantity',
        code: 'out_of_range',
        message: 'quantity must be an integer between 2 and 5000000',
      },
    ]);
    expect(issues({ unitPrice: 100.01 })).toEqual([
      { path: 'unitPrice', code: 'out_of_range', message: 'unitPrice must be a number of at most 100' },
    ]);
  });
});

describe('cachedPartners', () => {
  const file = (name: string) => JSON.stringify(fileWith(formatA, { name }));

  it('reads once within its time to live, and keeps the last good registry when a read fails', async () => {
    let reads = 0;
    let text = file('First');
    const read = async () => {
      reads++;
      return text;
    };
    const partners = cachedPartners({ source: 'p', read }, 0);
    expect((await partners()).partners[0]?.name).toBe('First');
    text = '{ not json';
    expect((await partners()).partners[0]?.name).toBe('First');
    text = file('Second');
    expect((await partners()).partners[0]?.name).toBe('Second');
    expect(reads).toBe(3);
    const cached = cachedPartners({ source: 'p', read }, 60_000);
    await cached();
    await cached();
    expect(reads).toBe(4);
  });

  it('throws, naming the source, when the first read is invalid', async () => {
    const partners = cachedPartners({ source: '/orders/test/partners', read: async () => '[]' });
    await expect(partners()).rejects.toThrow(/^\/orders\/test\/partners: /);
  });
});
