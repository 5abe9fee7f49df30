// Hostile text: prototype keys, control characters, very long strings, Unicode edge cases, script and HTML.

import {
  accepted,
  caseList,
  type Expectation,
  type Field,
  type Format,
  missing,
  orderText,
  type RawValue,
  refused,
  rejected,
  text,
} from './build';

const { cases, add } = caseList();

// Prototype keys: JSON.parse makes them own properties; nothing may reach Object.prototype.
const pollute = '{"polluted":1,"orderId":"P-1","quantity":1}';
const prototypeCases: [string, string, Expectation][] = [
  ['only __proto__', `{"__proto__":${pollute}}`, rejected('orderId', 'required')],
  ['only constructor.prototype', `{"constructor":{"prototype":${pollute}}}`, rejected('orderId', 'required')],
  ['a valid order with __proto__', orderText('partner-a', {}, `"__proto__":${pollute}`), accepted],
  [
    'a valid order with constructor.prototype',
    orderText('partner-a', {}, `"constructor":{"prototype":${pollute}}`),
    accepted,
  ],
  ['a valid order with __proto__ null', orderText('partner-a', {}, '"__proto__":null'), accepted],
  ['a valid order with __proto__ as an array', orderText('partner-a', {}, '"__proto__":[1,2]'), accepted],
  [
    'a valid order with __proto__ twice',
    orderText('partner-a', {}, `"__proto__":${pollute},"__proto__":{"x":1}`),
    accepted,
  ],
  [
    'a valid order with a nested __proto__',
    orderText('partner-a', {}, `"meta":{"__proto__":${pollute}}`),
    accepted,
  ],
  [
    'a valid order with hasOwnProperty, toString, valueOf and toJSON',
    orderText('partner-a', {}, '"hasOwnProperty":1,"toString":"x","valueOf":[],"toJSON":"y"'),
    accepted,
  ],
  ['an order id of __proto__', orderText('partner-a', { id: '"__proto__"' }), accepted],
  ['an order id of constructor', orderText('partner-a', { id: '"constructor"' }), accepted],
  [
    'a quantity of __proto__',
    orderText('partner-a', { quantity: `{"__proto__":${pollute}}` }),
    rejected('quantity', 'type'),
  ],
  [
    'an array of orders with __proto__',
    `[{"__proto__":${pollute}},${orderText('partner-a', {}, `"__proto__":${pollute}`)}]`,
    { status: 202 },
  ],
];
for (const [name, body, expect] of prototypeCases) add('prototype keys', { name, body, expect });
add('prototype keys', {
  name: 'a partner-b order with __proto__ and constructor',
  partnerId: 'partner-b',
  body: orderText('partner-b', {}, `"__proto__":${pollute},"constructor":{"prototype":${pollute}}`),
  expect: accepted,
});

// Control characters: escaped they are legal string content; ids keep them, numbers refuse them.
const controls: [string, string][] = [
  ['NUL', '\\u0000'],
  ['BEL', '\\u0007'],
  ['an ANSI colour escape', '\\u001b[31mred\\u001b[0m'],
  ['CR LF with a header', '\\r\\nX-Injected: 1'],
  ['DEL', '\\u007f'],
  ['NEL', '\\u0085'],
  ['a line separator', '\\u2028'],
  ['backspaces', '\\b\\b\\b'],
];
for (const [i, [label, escaped]] of controls.entries()) {
  add('control characters', {
    name: `an order id with ${label}`,
    body: orderText('partner-a', { id: `"C-${i}${escaped}"` }),
    expect: accepted,
  });
  add('control characters', {
    name: `a quantity of ${label}`,
    body: orderText('partner-a', { quantity: `"${escaped}"` }),
    expect: rejected('quantity', 'type'),
  });
}
for (const [label, escaped] of [
  ['tabs and newlines', '\\t\\n\\r'],
  ['no-break spaces', '\\u00a0\\u3000'],
]) {
  add('control characters', {
    name: `a customer id of only ${label}`,
    body: orderText('partner-a', { customer: `"${escaped}"` }),
    expect: rejected('customerId', 'empty'),
  });
}
add('control characters', {
  name: 'a key with a NUL in its name',
  body: orderText('partner-a', { id: missing }, '"order\\u0000Id":"A-1"'),
  expect: rejected('orderId', 'required'),
});
add('control characters', {
  name: 'a purchase time with a NUL',
  partnerId: 'partner-b',
  body: orderText('partner-b', { time: '"2024-05-01T12:00:00Z\\u0000"' }),
  expect: rejected('purchaseTime', 'invalid_time'),
});

// Very long strings.
const long: [string, Partial<Record<Field, RawValue>>, string, Expectation][] = [
  ['an order id of exactly 128 characters', { id: text(`L1${'x'.repeat(126)}`) }, '', accepted],
  ['an order id of 128 characters inside whitespace', { id: text(`  L2${'x'.repeat(126)}  `) }, '', accepted],
  ['a sku id of 10,000 characters', { product: text('s'.repeat(10_000)) }, '', rejected('skuId', 'too_long')],
  [
    'a customer id of 150,000 characters (under the per-order bound)',
    { customer: text('c'.repeat(150_000)) },
    '',
    rejected('customerId', 'too_long'),
  ],
  ['an order id of 64 emoji (128 UTF-16 units)', { id: text(`${'😀'.repeat(63)}L3`) }, '', accepted],
  [
    'an order id of 65 emoji (130 UTF-16 units)',
    { id: text('😀'.repeat(65)) },
    '',
    rejected('orderId', 'too_long'),
  ],
  [
    'a quantity as a 100,000-character string',
    { quantity: text('9'.repeat(100_000)) },
    '',
    rejected('quantity', 'type'),
  ],
  ['an extra field name of 100,000 characters', {}, `${text('k'.repeat(100_000))}:1`, accepted],
  ['10,000 extra fields', {}, Array.from({ length: 10_000 }, (_, i) => `"f${i}":${i}`).join(','), accepted],
];
for (const [name, changes, extra, expect] of long) {
  add('long strings', { name, body: orderText('partner-a', changes, extra), expect });
}
add('long strings', {
  name: 'an API key of 20,000 characters',
  key: 'k'.repeat(20_000),
  body: orderText('partner-a'),
  expect: refused(431, 'headers_too_large'),
});
add('long strings', {
  name: 'a partner id of 2,000 characters',
  partnerId: 'p'.repeat(2_000),
  key: 'other',
  body: orderText('partner-a'),
  expect: refused(403, 'wrong_partner'),
});
add('long strings', {
  name: 'a partner id of 20,000 characters',
  partnerId: 'p'.repeat(20_000),
  key: 'other',
  body: orderText('partner-a'),
  expect: refused(431, 'headers_too_large'),
});

// Unicode edge cases, written as JSON escapes so lone surrogates survive the trip as text.
const unicode: [string, Format, Partial<Record<Field, RawValue>>, string, Expectation][] = [
  ['an order id of a lone high surrogate', 'partner-a', { id: '"U-1\\ud800"' }, '', accepted],
  ['an order id of a lone low surrogate', 'partner-a', { id: '"\\udfffU-2"' }, '', accepted],
  ['an order id with a reversed surrogate pair', 'partner-a', { id: '"U-3\\udc00\\ud800"' }, '', accepted],
  ['an order id with an escaped emoji', 'partner-a', { id: '"U-4\\ud83d\\ude00"' }, '', accepted],
  ['an order id with combining accents', 'partner-a', { id: '"U-5e\\u0301\\u0301\\u0301"' }, '', accepted],
  ['an order id with a right-to-left override', 'partner-a', { id: '"U-6\\u202egnp.exe"' }, '', accepted],
  ['an order id with zero-width characters', 'partner-a', { id: '"U-7\\u200b\\u200d\\u2060"' }, '', accepted],
  [
    'an order id with the non-characters U+FFFE and U+FFFF',
    'partner-a',
    { id: '"U-8\\ufffe\\uffff"' },
    '',
    accepted,
  ],
  ['an order id with the last code point', 'partner-a', { id: '"U-9\\udbff\\udfff"' }, '', accepted],
  ['an order id with a replacement character', 'partner-a', { id: '"U-10\\ufffd"' }, '', accepted],
  ['an order id with a byte order mark around it', 'partner-a', { id: '"\\ufeffU-11\\ufeff"' }, '', accepted],
  [
    'an order id of only a byte order mark',
    'partner-a',
    { id: '"\\ufeff"' },
    '',
    rejected('orderId', 'empty'),
  ],
  ['an order id in Devanagari and CJK', 'partner-a', { id: text('U-12-नमस्ते-注文') }, '', accepted],
  ['a field name spelt with escapes', 'partner-a', { id: missing }, '"\\u006frderId":"U-13"', accepted],
  [
    'a field name with a Cyrillic o',
    'partner-a',
    { id: missing },
    '"\u043erderId":"U-14"',
    rejected('orderId', 'required'),
  ],
  [
    'a field name in full-width letters',
    'partner-a',
    { id: missing },
    '"ｏｒｄｅｒＩｄ":"U-15"',
    rejected('orderId', 'required'),
  ],
  ['a quantity of full-width digits', 'partner-a', { quantity: '"３"' }, '', rejected('quantity', 'type')],
  [
    'a unit price of Arabic-Indic digits',
    'partner-a',
    { price: '"١٩٫٩٩"' },
    '',
    rejected('unitPrice', 'type'),
  ],
  [
    'a purchase time with a Unicode minus in the offset',
    'partner-b',
    { time: '"2024-05-01T12:00:00\u221205:00"' },
    '',
    rejected('purchaseTime', 'invalid_time'),
  ],
  [
    'a purchase time with full-width digits',
    'partner-b',
    { time: '"２０２４-05-01T12:00:00Z"' },
    '',
    rejected('purchaseTime', 'invalid_time'),
  ],
  [
    'a purchase time with a lone surrogate',
    'partner-b',
    { time: '"2024-05-01T12:00:00Z\\ud800"' },
    '',
    rejected('purchaseTime', 'invalid_time'),
  ],
  [
    'a transaction id of a lone surrogate pair reversed',
    'partner-b',
    { id: '"U-16\\udfff\\udbff"' },
    '',
    accepted,
  ],
];
for (const [name, format, changes, extra, expect] of unicode) {
  add('unicode', { name, partnerId: format, body: orderText(format, changes, extra), expect });
}

// Script and HTML: stored and answered as plain data; the web app renders it as text.
const scripts = [
  '<script>globalThis.hostile=1</script>',
  '<img src=x onerror="globalThis.hostile=1">',
  '"><svg onload=globalThis.hostile=1>',
  'javascript:globalThis.hostile=1',
  "{{constructor.constructor('globalThis.hostile=1')()}}",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, meant as literal text
  '${globalThis.hostile=1}',
  '</textarea><iframe srcdoc="<script>parent.hostile=1</script>">',
  "' OR '1'='1' --",
];
scripts.forEach((script, i) => {
  add('script and HTML', {
    name: `a sku id of ${script}`,
    body: orderText('partner-a', { product: text(script) }),
    expect: accepted,
  });
  add('script and HTML', {
    name: `an order id of ${script}`,
    partnerId: 'partner-b',
    body: orderText('partner-b', { id: text(`${script}#${i}`) }),
    expect: accepted,
  });
  add('script and HTML', {
    name: `a quantity of ${script}`,
    body: orderText('partner-a', { quantity: text(script) }),
    expect: rejected('quantity', 'type'),
  });
});
add('script and HTML', {
  name: 'a NoSQL operator as the customer id',
  body: orderText('partner-a', { customer: '{"$ne":null}' }),
  expect: rejected('customerId', 'type'),
});
add('script and HTML', {
  name: 'a field name that is markup',
  body: orderText('partner-a', {}, '"<script>globalThis.hostile=1</script>":"<b>x</b>"'),
  expect: accepted,
});

export const textCases = cases;
