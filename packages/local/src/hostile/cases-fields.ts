// Hostile values in the orders' own fields: every field of each format × each class of bad value, NaN and
// Infinity spellings, huge and tiny numbers.

import {
  accepted,
  caseList,
  type Expectation,
  type Field,
  type Format,
  formats,
  hourAhead,
  iso,
  minuteAgo,
  missing,
  names,
  orderText,
  type RawValue,
  refused,
  rejected,
  text,
} from './build';

const { cases, add } = caseList();

// Wrong types and values: every field of each format × each class of bad value.
const badValues: Record<Field | 'timeA' | 'timeB' | 'taxB', [label: string, raw: RawValue, code: string][]> =
  {
    id: [
      ['a number', '42', 'type'],
      ['true', 'true', 'type'],
      ['null', 'null', 'type'],
      ['an array', '["A-1"]', 'type'],
      ['an object', '{"id":"A-1"}', 'type'],
      ['an empty string', '""', 'empty'],
      ['only whitespace', '" \\t\\n "', 'empty'],
      ['129 characters', text('x'.repeat(129)), 'too_long'],
      ['missing', missing, 'required'],
    ],
    product: [],
    customer: [],
    quantity: [
      ['a numeric string', '"5"', 'type'],
      ['a fraction', '2.5', 'not_integer'],
      ['zero', '0', 'out_of_range'],
      ['negative', '-3', 'out_of_range'],
      ['over a million', '1000001', 'out_of_range'],
      ['true', 'true', 'type'],
      ['null', 'null', 'type'],
      ['an array', '[3]', 'type'],
      ['an object', '{"value":3}', 'type'],
      ['missing', missing, 'required'],
    ],
    price: [
      ['a numeric string', '"19.99"', 'type'],
      ['zero', '0', 'out_of_range'],
      ['negative', '-19.99', 'out_of_range'],
      ['false', 'false', 'type'],
      ['null', 'null', 'type'],
      ['an object', '{"amount":19.99,"currency":"EUR"}', 'type'],
      ['missing', missing, 'required'],
    ],
    tax: [
      ['a numeric string', '"0.2"', 'type'],
      ['above 1', '1.5', 'out_of_range'],
      ['negative', '-0.1', 'out_of_range'],
      ['null', 'null', 'type'],
      ['missing', missing, 'required'],
    ],
    taxB: [
      ['a percent string', '"20%"', 'type'],
      ['above 100', '100.5', 'out_of_range'],
      ['negative', '-1', 'out_of_range'],
      ['null', 'null', 'type'],
      ['missing', missing, 'required'],
    ],
    time: [],
    timeA: [
      ['an ISO string', iso(minuteAgo), 'type'],
      ['a fraction of a millisecond', `${minuteAgo}.5`, 'not_integer'],
      ['before 2000', '946684799999', 'out_of_range'],
      ['an hour ahead', String(hourAhead), 'future_time'],
      ['null', 'null', 'type'],
      ['missing', missing, 'required'],
    ],
    timeB: [
      ['epoch milliseconds', String(minuteAgo), 'type'],
      ['a date without time', '"2024-05-01"', 'invalid_time'],
      ['a time without zone', '"2024-05-01T12:00:00"', 'invalid_time'],
      ['February 30', '"2024-02-30T12:00:00Z"', 'invalid_time'],
      ['hour 24', '"2024-05-01T24:00:00Z"', 'invalid_time'],
      ['offset +24:00', '"2024-05-01T12:00:00+24:00"', 'invalid_time'],
      ['before 2000', '"1999-12-31T23:59:59.999Z"', 'out_of_range'],
      ['an hour ahead', iso(hourAhead), 'future_time'],
      ['missing', missing, 'required'],
    ],
  };
badValues.product = badValues.id.filter(([label]) => label !== 'an array' && label !== 'an object');
badValues.customer = badValues.id.filter(([label]) =>
  ['a number', 'an empty string', 'missing'].includes(label),
);
for (const format of formats) {
  for (const field of Object.keys(names[format]) as Field[]) {
    const table =
      field === 'time'
        ? badValues[format === 'partner-a' ? 'timeA' : 'timeB']
        : field === 'tax' && format === 'partner-b'
          ? badValues.taxB
          : badValues[field];
    for (const [label, raw, code] of table) {
      add('wrong types', {
        name: `${format} ${names[format][field]} as ${label}`,
        partnerId: format,
        body: orderText(format, { [field]: raw }),
        expect: rejected(names[format][field], code),
      });
    }
  }
}
for (const [from, to] of [formats, [...formats].reverse()] as [Format, Format][]) {
  add('wrong types', {
    name: `a ${from} order sent as ${to}`,
    partnerId: to,
    body: orderText(from),
    expect: rejected(names[to].id, 'required'),
  });
}

// NaN and Infinity: JSON has no such literals (400); as strings they are the wrong type (rejected).
for (const format of formats) {
  for (const field of ['quantity', 'price', 'tax', 'time'] as const) {
    for (const spelling of ['NaN', '-Infinity', 'Infinity', '+Infinity', 'nan', 'inf']) {
      add('NaN and Infinity', {
        name: `${format} ${names[format][field]} as ${spelling}`,
        partnerId: format,
        body: orderText(format, { [field]: spelling }),
        expect: refused(400, 'malformed_json'),
      });
    }
  }
  for (const spelling of ['"NaN"', '"Infinity"']) {
    add('NaN and Infinity', {
      name: `${format} quantity as the string ${spelling}`,
      partnerId: format,
      body: orderText(format, { quantity: spelling }),
      expect: rejected(names[format].quantity, 'type'),
    });
  }
}

// Huge and tiny numbers: JSON.parse turns 1e400 into Infinity (sent on as null), 1e-400 into 0.
const numbers: [string, Field, string, Expectation][] = [
  ['quantity 1e400', 'quantity', '1e400', rejected('quantity', 'type')],
  ['quantity -1e400', 'quantity', '-1e400', rejected('quantity', 'type')],
  ['quantity as a 400-digit integer', 'quantity', `1${'0'.repeat(400)}`, rejected('quantity', 'type')],
  ['quantity 2^53 + 1', 'quantity', '9007199254740993', rejected('quantity', 'out_of_range')],
  ['quantity 1e21', 'quantity', '1e21', rejected('quantity', 'out_of_range')],
  ['quantity -0', 'quantity', '-0', rejected('quantity', 'out_of_range')],
  ['unit price 1e308', 'price', '1e308', rejected('unitPrice', 'out_of_range')],
  ['unit price 1e126', 'price', '1e126', rejected('unitPrice', 'out_of_range')],
  ['unit price 5e-324', 'price', '5e-324', rejected('unitPrice', 'out_of_range')],
  ['unit price 1e-400, which parses as 0', 'price', '1e-400', rejected('unitPrice', 'out_of_range')],
  [
    'unit price with 5,000 decimals',
    'price',
    `0.${'0'.repeat(4_999)}1`,
    rejected('unitPrice', 'out_of_range'),
  ],
  ['tax rate 1e-300', 'tax', '1e-300', rejected('taxRate', 'out_of_range')],
  ['transaction time 1e400', 'time', '1e400', rejected('transactionTimeMs', 'type')],
  [
    'transaction time at the end of time',
    'time',
    '8640000000000000',
    rejected('transactionTimeMs', 'future_time'),
  ],
  [
    'transaction time before the epoch',
    'time',
    '-8640000000000001',
    rejected('transactionTimeMs', 'out_of_range'),
  ],
  ['unit price 1e-7 (exponent form)', 'price', '1e-7', accepted],
  ['unit price 0.30000000000000004', 'price', '0.30000000000000004', accepted],
  ['tax rate -0', 'tax', '-0', accepted],
  ['unit price 1e21', 'price', '1e21', rejected('unitPrice', 'out_of_range')],
  ['unit price 2^53', 'price', '9007199254740992', rejected('unitPrice', 'out_of_range')],
  ['unit price 2^53 - 1', 'price', '9007199254740991', accepted],
  ['unit price 1e-130', 'price', '1e-130', accepted],
];
for (const [name, field, raw, expect] of numbers) {
  add('huge numbers', { name, body: orderText('partner-a', { [field]: raw }), expect });
}
add('huge numbers', {
  name: 'tax 1e-200 percent',
  partnerId: 'partner-b',
  body: orderText('partner-b', { tax: '1e-200' }),
  expect: rejected('tax', 'out_of_range'),
});

export const fieldCases = cases;
