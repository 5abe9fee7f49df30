// Hostile access: missing, wrong and other partners' keys, partner ids in the path that are not what they
// seem, another partner's key on every read, and bad operator tokens.

import {
  caseList,
  corpusKeys,
  type Expectation,
  type HostileCase,
  type KeyChoice,
  megabyte,
  orderText,
  padded,
  refused,
  type TokenChoice,
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

// Cross-partner reads: partner-b's key on every one of partner-a's routes, and the other way round.
const aSubmission = '6a7e8feb-b491-4cf7-a9f1-bf3703467718';
const partnerRoutes = [
  '/orders',
  '/orders/1',
  '/orders?from=2025-01-01T00:00:00Z&to=2030-01-01T00:00:00Z',
  '/orders?limit=100',
  '/errors',
  '/errors?limit=1',
  `/submissions/${aSubmission}`,
];
const crossCases: HostileCase[] = [];
for (const partnerId of ['partner-a', 'partner-b']) {
  for (const route of partnerRoutes) {
    crossCases.push({
      category: 'cross-partner',
      name: `another partner’s key on GET ${partnerId}${route}`,
      method: 'GET',
      path: `/v1/partners/${partnerId}${route}`,
      partnerId,
      key: 'other',
      body: '',
      expect: refused(403, 'wrong_partner'),
    });
  }
}
for (const path of ['/v1/partners', '/v1/stats', '/v1/executions', '/v1/executions/x']) {
  crossCases.push(
    {
      category: 'cross-partner',
      name: `a partner’s own key on GET ${path}`,
      method: 'GET',
      path,
      partnerId: 'partner-a',
      key: 'own',
      body: '',
      expect: refused(403, 'operators_only'),
    },
    {
      category: 'cross-partner',
      name: `no credential on GET ${path}`,
      method: 'GET',
      path,
      partnerId: 'partner-a',
      key: 'missing',
      body: '',
      expect: refused(401, 'missing_credentials'),
    },
  );
}

// Tokens where partner data is: the handler verifies them itself (on AWS no authorizer stands in front).
const tokenCases: [string, TokenChoice, KeyChoice, Expectation][] = [
  ['a forged token', 'forged', 'missing', refused(401, 'invalid_token')],
  ['an expired token', 'expired', 'missing', refused(401, 'invalid_token')],
  ['an alg: none token', 'unsigned', 'missing', refused(401, 'invalid_token')],
  ['a tampered token', 'tampered', 'missing', refused(401, 'invalid_token')],
  ['a token without a role', 'noRole', 'missing', refused(403, 'no_role')],
  ['a bearer of garbage', 'Bearer not.a.token', 'missing', refused(401, 'invalid_token')],
  ['an empty bearer', 'Bearer ', 'missing', refused(401, 'invalid_token')],
  ['basic credentials', 'Basic b3BlcmF0b3I6cGFzc3dvcmQ=', 'missing', refused(401, 'invalid_token')],
  ['a partner key as a bearer token', `Bearer ${keyA}`, 'missing', refused(401, 'invalid_token')],
  ['an admin token with the own key too', 'admin', 'own', refused(401, 'ambiguous_credentials')],
];
for (const [name, token, key, expect] of tokenCases) {
  for (const route of ['/orders', '/errors', `/submissions/${aSubmission}`]) {
    add('tokens', {
      name: `${name} on GET partner-a${route}`,
      method: 'GET',
      path: `/v1/partners/partner-a${route}`,
      key,
      token,
      body: '',
      expect,
    });
  }
  add('tokens', { name: `${name} on POST orders`, key, token, body: orderText('partner-a'), expect });
}
add('tokens', {
  name: 'an operator token on POST orders',
  key: 'missing',
  token: 'operator',
  body: orderText('partner-a'),
  expect: refused(403, 'operators_do_not_submit'),
});
add('tokens', {
  name: 'an admin token on POST orders',
  key: 'missing',
  token: 'admin',
  body: orderText('partner-a'),
  expect: refused(403, 'operators_do_not_submit'),
});
cases.push(...crossCases);

export const accessCases = cases;
