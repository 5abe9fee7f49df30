// Hostile access: missing, wrong and other partners' keys, and partner ids in the path that are not what
// they seem.

import {
  caseList,
  corpusKeys,
  type Expectation,
  type KeyChoice,
  megabyte,
  orderText,
  padded,
  refused,
} from './build';

const { cases, add } = caseList();
const { 'partner-a': keyA, 'partner-b': keyB } = corpusKeys;

// API keys: authentication comes before the body is read, whatever the body is.
const keyCases: [string, string, KeyChoice, string, Expectation][] = [
  ['no key', 'partner-a', 'missing', orderText('partner-a'), refused(401, 'missing_api_key')],
  ['an empty key', 'partner-a', '', orderText('partner-a'), refused(401, 'missing_api_key')],
  ['a wrong key', 'partner-a', 'wrong', orderText('partner-a'), refused(401, 'invalid_api_key')],
  ['a wrong key with a malformed body', 'partner-a', 'wrong', '{', refused(401, 'invalid_api_key')],
  [
    'no key with a 2 MB body',
    'partner-b',
    'missing',
    padded(orderText('partner-b'), 2 * megabyte),
    refused(401, 'missing_api_key'),
  ],
  [
    'a key in upper case',
    'partner-a',
    keyA.toUpperCase(),
    orderText('partner-a'),
    refused(401, 'invalid_api_key'),
  ],
  [
    'a key with one more character',
    'partner-a',
    `${keyA}a`,
    orderText('partner-a'),
    refused(401, 'invalid_api_key'),
  ],
  [
    'a key missing its last character',
    'partner-a',
    keyA.slice(0, -1),
    orderText('partner-a'),
    refused(401, 'invalid_api_key'),
  ],
  [
    'a key with Latin-1 letters',
    'partner-a',
    keyA.replace('o', 'ó').replace('e', 'é'),
    orderText('partner-a'),
    refused(401, 'invalid_api_key'),
  ],
  [
    'both keys joined',
    'partner-a',
    `${keyA},${keyB}`,
    orderText('partner-a'),
    refused(401, 'invalid_api_key'),
  ],
  ['a bearer token', 'partner-a', `Bearer ${keyA}`, orderText('partner-a'), refused(401, 'invalid_api_key')],
  [
    'partner-b’s key on partner-a',
    'partner-a',
    'other',
    orderText('partner-a'),
    refused(403, 'wrong_partner'),
  ],
  [
    'partner-a’s key on partner-b',
    'partner-b',
    'other',
    orderText('partner-b'),
    refused(403, 'wrong_partner'),
  ],
  [
    'another partner’s key with a malformed body',
    'partner-b',
    'other',
    '{"transactionId":',
    refused(403, 'wrong_partner'),
  ],
  [
    'another partner’s key with a 2 MB body',
    'partner-a',
    'other',
    padded(orderText('partner-a'), 2 * megabyte),
    refused(403, 'wrong_partner'),
  ],
  [
    'another partner’s key with an order of its own format',
    'partner-b',
    'other',
    orderText('partner-a'),
    refused(403, 'wrong_partner'),
  ],
  [
    'a valid key on an unregistered partner',
    'nobody',
    'other',
    orderText('partner-a'),
    refused(403, 'wrong_partner'),
  ],
  [
    'no key on an unregistered partner',
    'nobody',
    'missing',
    orderText('partner-a'),
    refused(401, 'missing_api_key'),
  ],
];
for (const [name, partnerId, key, body, expect] of keyCases)
  add('API keys', { name, partnerId, key, body, expect });

// Paths: the partner in the path is matched against the key, never trusted.
const paths: [string, string, KeyChoice, Expectation][] = [
  ['malformed percent-encoding', '%ZZ', 'other', refused(404, 'not_found')],
  ['a cut UTF-8 sequence', 'partner-%E0%A4', 'other', refused(404, 'not_found')],
  ['an encoded slash', 'partner-a%2F..%2Fpartner-b', 'other', refused(403, 'wrong_partner')],
  ['an encoded NUL', 'partner-a%00', 'other', refused(403, 'wrong_partner')],
  ['markup', '%3Cscript%3E', 'other', refused(403, 'wrong_partner')],
  ['a partner in upper case', 'PARTNER-A', 'other', refused(403, 'wrong_partner')],
  ['__proto__', '__proto__', 'other', refused(403, 'wrong_partner')],
  ['an empty partner', '', 'other', refused(404, 'not_found')],
];
for (const [name, partnerId, key, expect] of paths) {
  add('paths', { name: `a partner id with ${name}`, partnerId, key, body: orderText('partner-a'), expect });
}

export const accessCases = cases;
