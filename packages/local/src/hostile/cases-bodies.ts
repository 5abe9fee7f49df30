// Hostile bodies as a whole: malformed JSON, bodies over 1 MB, deep nesting, shapes that are not orders and
// content types that do not say JSON.

import {
  accepted,
  caseList,
  type Expectation,
  formats,
  megabyte,
  orderText,
  padded,
  refused,
  rejected,
  text,
} from './build';

const { cases, add } = caseList();

// Malformed JSON: hand-written spellings, then valid orders cut short.
const malformed: [string, string][] = [
  ['an empty body', ''],
  ['only whitespace', ' \n\t '],
  ['an unclosed object', '{'],
  ['a lone closing brace', '}'],
  ['a key without value', '{"orderId":'],
  ['unquoted keys', '{orderId:"A-1"}'],
  ['single quotes', "{'orderId':'A-1'}"],
  ['a trailing comma in an object', '{"orderId":"A-1",}'],
  ['a trailing comma in an array', `[${orderText('partner-a')},]`],
  ['a missing colon', '{"orderId" "A-1"}'],
  ['undefined', 'undefined'],
  ['a leading plus', orderText('partner-a', { quantity: '+3' })],
  ['a leading zero', orderText('partner-a', { quantity: '03' })],
  ['a bare decimal point', orderText('partner-a', { price: '.5' })],
  ['a trailing decimal point', orderText('partner-a', { price: '5.' })],
  ['a hex number', orderText('partner-a', { quantity: '0x10' })],
  ['digit separators', orderText('partner-a', { quantity: '1_000' })],
  ['a byte order mark before the object', `\ufeff${orderText('partner-a')}`],
  ['a raw NUL in a string', orderText('partner-a', { product: '"SKU\u0000"' })],
  ['a raw newline in a string', orderText('partner-a', { product: '"SKU\n1"' })],
  ['a raw tab in a string', orderText('partner-a', { customer: '"C\t1"' })],
  ['an invalid escape', orderText('partner-a', { product: '"\\x41"' })],
  ['a short unicode escape', orderText('partner-a', { product: '"\\u12"' })],
  ['an unterminated string', '{"orderId":"A-1'],
  ['two objects', `${orderText('partner-a')}${orderText('partner-a')}`],
  ['trailing garbage', `${orderText('partner-a')} x`],
  ['a line comment', `// order\n${orderText('partner-a')}`],
  ['a block comment', `/* order */${orderText('partner-a')}`],
  ['XML', '<order><orderId>A-1</orderId></order>'],
  ['a form body', 'orderId=A-1&quantity=3'],
  ['a misspelt literal', orderText('partner-a', { tax: 'nul' })],
  ['an unclosed array of 400,000 levels', '['.repeat(400_000)],
];
for (const [name, body] of malformed)
  add('malformed JSON', { name, body, expect: refused(400, 'malformed_json') });
for (const format of formats) {
  const body = orderText(format);
  for (const cut of [1, 0.25, 0.5, 0.75]) {
    const length = cut === 1 ? body.length - 1 : Math.floor(body.length * cut);
    add('malformed JSON', {
      name: `a ${format} order cut at ${length} of ${body.length} characters`,
      partnerId: format,
      body: body.slice(0, length),
      expect: refused(400, 'malformed_json'),
    });
  }
}

// Large bodies: the API reads at most 1 MB (1,048,576 bytes) and refuses the rest with 413.
const large: [string, string, Expectation][] = [
  ['a 2 MB body', padded(orderText('partner-a'), 2 * megabyte), refused(413, 'body_too_large')],
  ['a body one byte over 1 MB', padded(orderText('partner-a'), megabyte + 1), refused(413, 'body_too_large')],
  ['a body of exactly 1 MB', padded(orderText('partner-a'), megabyte), accepted],
  ['a 2 MB unclosed array', '['.repeat(2 * megabyte), refused(413, 'body_too_large')],
  [
    'a field of 1.1 MB',
    orderText('partner-a', {}, `"padding":${text('x'.repeat(1.1 * megabyte))}`),
    refused(413, 'body_too_large'),
  ],
  [
    'a field of 400,000 three-byte characters (under a million characters, over 1 MB)',
    orderText('partner-a', {}, `"note":${text('€'.repeat(400_000))}`),
    refused(413, 'body_too_large'),
  ],
  [
    '100 orders of 11 KB each',
    `[${Array.from({ length: 100 }, () => orderText('partner-a', {}, `"note":${text('n'.repeat(11_000))}`))}]`,
    refused(413, 'body_too_large'),
  ],
  [
    'one order of 300 KB in a body under 1 MB',
    orderText('partner-a', {}, `"note":${text('n'.repeat(300_000))}`),
    refused(413, 'order_too_large'),
  ],
  [
    '101 orders',
    `[${Array.from({ length: 101 }, () => orderText('partner-a'))}]`,
    refused(400, 'too_many_orders'),
  ],
];
for (const [name, body, expect] of large) add('large bodies', { name, body, expect });

// Deep nesting: JSON.stringify overflows the stack a few thousand levels down, so orders nest at most 32.
const nestedArrays = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
const nestedObjects = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
const deep: [string, string, Expectation][] = [
  ['arrays 10,000 levels deep', nestedArrays(10_000), refused(400, 'invalid_body')],
  ['objects 10,000 levels deep', nestedObjects(10_000), refused(400, 'too_deep')],
  ['objects 100,000 levels deep', nestedObjects(100_000), refused(400, 'too_deep')],
  [
    'an extra field of arrays 10,000 levels deep',
    orderText('partner-a', {}, `"x":${nestedArrays(10_000)}`),
    refused(400, 'too_deep'),
  ],
  [
    'an extra field of arrays 300,000 levels deep',
    orderText('partner-a', {}, `"x":${nestedArrays(300_000)}`),
    refused(400, 'too_deep'),
  ],
  [
    'an extra field of objects 5,000 levels deep',
    orderText('partner-a', {}, `"x":${nestedObjects(5_000)}`),
    refused(400, 'too_deep'),
  ],
  [
    'a quantity wrapped in 40 arrays',
    orderText('partner-a', { quantity: `${'['.repeat(40)}3${']'.repeat(40)}` }),
    refused(400, 'too_deep'),
  ],
  [
    'the second of two orders nested 33 levels',
    `[${orderText('partner-a')},${orderText('partner-a', {}, `"x":${nestedObjects(32)}`)}]`,
    refused(400, 'too_deep'),
  ],
  [
    'an extra field nested to the 32-level limit',
    orderText('partner-a', {}, `"x":${nestedObjects(31)}`),
    accepted,
  ],
  [
    'a quantity wrapped in 2 arrays',
    orderText('partner-a', { quantity: '[[3]]' }),
    rejected('quantity', 'type'),
  ],
];
for (const [name, body, expect] of deep) add('deep nesting', { name, body, expect });

// Body shapes: valid JSON that is not an order or an array of orders.
const shapes: [string, string, Expectation][] = [
  ['a number', '42', refused(400, 'invalid_body')],
  ['a string', '"an order"', refused(400, 'invalid_body')],
  ['true', 'true', refused(400, 'invalid_body')],
  ['null', 'null', refused(400, 'invalid_body')],
  ['an empty array', '[]', refused(400, 'no_orders')],
  ['an array of null', '[null]', refused(400, 'invalid_body')],
  ['an array of an empty array', '[[]]', refused(400, 'invalid_body')],
  ['an array of an array of an order', `[[${orderText('partner-a')}]]`, refused(400, 'invalid_body')],
  ['an order followed by a string', `[${orderText('partner-a')},"x"]`, refused(400, 'invalid_body')],
  ['an empty object', '{}', rejected('orderId', 'required')],
  ['an array of three empty objects', '[{},{},{}]', rejected('skuId', 'required')],
  ['an order wrapped in an envelope', `{"order":${orderText('partner-a')}}`, rejected('orderId', 'required')],
  ['an order as a JSON string', text(orderText('partner-a')), refused(400, 'invalid_body')],
  [
    '100 invalid orders',
    `[${Array.from({ length: 100 }, (_, i) => `{"orderId":"S-${i}","quantity":-${i}}`)}]`,
    rejected('quantity'),
  ],
  [
    'an order with a partnerId of another partner',
    orderText('partner-a', {}, '"partnerId":"partner-b"'),
    accepted,
  ],
];
for (const [name, body, expect] of shapes) add('body shapes', { name, body, expect });

// Content types: the body is read as JSON whatever the header says.
const contentTypes: [string, string, Expectation][] = [
  ['text/plain', orderText('partner-a'), accepted],
  ['application/x-www-form-urlencoded', 'orderId=A-1&quantity=3', refused(400, 'malformed_json')],
  [
    'multipart/form-data; boundary=x',
    '--x\r\nContent-Disposition: form-data; name="orderId"\r\n\r\nA-1\r\n--x--',
    refused(400, 'malformed_json'),
  ],
  ['application/xml', '<order/>', refused(400, 'malformed_json')],
  ['text/html', `<html><body>${orderText('partner-a')}</body></html>`, refused(400, 'malformed_json')],
  ['application/json; charset=utf-16', orderText('partner-a'), accepted],
  ['', orderText('partner-a'), accepted],
];
for (const [contentType, body, expect] of contentTypes) {
  add('content types', {
    name: `a body sent as ${contentType || 'no content type'}`,
    contentType,
    body,
    expect,
  });
}

export const bodyCases = cases;
