// The building blocks of the hostile-input corpus: the case shape, valid orders of each format as raw JSON
// text with fields replaced or removed, and the expectations.

/** The partners' API keys the corpus is written for (some cases spell variants of them). */
export const corpusKeys = { 'partner-a': 'hostile-key-a', 'partner-b': 'hostile-key-b' } as const;

/** `own`: the key of the partner in the path; `other`: a valid key of another partner; else the literal key. */
export type KeyChoice = 'own' | 'other' | 'missing' | 'wrong' | (string & {});

export interface Expectation {
  /**
   * An HTTP status with an error `code`; `accepted-then-rejected`: 202, then a rejected submission with an
   * issue at `path` (and of `code`, when given); `accepted`: hostile content in an order that is still valid,
   * stored with its id exactly as sent; 202: every submission settles, whichever way.
   */
  status: number | 'accepted-then-rejected' | 'accepted';
  code?: string;
  path?: string;
}

/** A token of `TokenKinds` (sent as `Bearer <token>`), or the literal Authorization header. */
export type TokenChoice =
  | 'operator'
  | 'admin'
  | 'noRole'
  | 'forged'
  | 'expired'
  | 'unsigned'
  | 'tampered'
  | (string & {});

export interface HostileCase {
  category: string;
  name: string;
  /** POST by default, to the partner's orders. */
  method?: 'GET' | 'POST';
  /** The whole path, when not `/v1/partners/{partnerId}/orders`. */
  path?: string;
  /** An Authorization header to send. */
  token?: TokenChoice;
  /** Put into the path as is, so malformed percent-encoding can be expressed. */
  partnerId: string;
  key: KeyChoice;
  /** Sent as is (UTF-8). */
  body: string;
  contentType?: string;
  expect: Expectation;
}

export type Format = 'partner-a' | 'partner-b';
export type Field = 'id' | 'product' | 'customer' | 'quantity' | 'price' | 'tax' | 'time';
export const formats: Format[] = ['partner-a', 'partner-b'];

export const names: Record<Format, Record<Field, string>> = {
  'partner-a': {
    id: 'orderId',
    product: 'skuId',
    customer: 'customerId',
    quantity: 'quantity',
    price: 'unitPrice',
    tax: 'taxRate',
    time: 'transactionTimeMs',
  },
  'partner-b': {
    id: 'transactionId',
    product: 'itemCode',
    customer: 'clientId',
    quantity: 'qty',
    price: 'price',
    tax: 'tax',
    time: 'purchaseTime',
  },
};

export const minuteAgo = Date.now() - 60_000;
export const hourAhead = Date.now() + 60 * 60_000;
export const iso = (ms: number) => JSON.stringify(new Date(ms).toISOString());
export const text = (value: unknown) => JSON.stringify(value);
export const missing = Symbol('missing');
export type RawValue = string | typeof missing;

let serial = 0;
/** A fresh external id, so orders meant to be accepted are never duplicates of each other. */
const freshId = () => text(`H-${++serial}`);

/**
 * A valid order of `format` as JSON text, with some fields replaced by raw JSON text (so `NaN`, `1e400` and
 * broken escapes can be written) or removed (`missing`); `extra` appends raw `"key":value` members.
 */
export function orderText(
  format: Format,
  changes: Partial<Record<Field, RawValue>> = {},
  extra = '',
): string {
  const valid: Record<Field, string> = {
    id: freshId(),
    product: text('SKU-1'),
    customer: text('C-1'),
    quantity: '3',
    price: '19.99',
    tax: format === 'partner-a' ? '0.2' : '20',
    time: format === 'partner-a' ? String(minuteAgo) : iso(minuteAgo),
  };
  const members = (Object.keys(valid) as Field[]).flatMap((field) => {
    const value = field in changes ? changes[field] : valid[field];
    return value === missing || value === undefined ? [] : [`${text(names[format][field])}:${value}`];
  });
  return `{${[...members, ...(extra === '' ? [] : [extra])].join(',')}}`;
}

/** Collects the cases of one module; every case defaults to partner-a with its own key. */
export function caseList() {
  const cases: HostileCase[] = [];
  const add = (
    category: string,
    partial: Omit<HostileCase, 'category' | 'partnerId' | 'key'> & Partial<HostileCase>,
  ) => {
    cases.push({ category, partnerId: 'partner-a', key: 'own', ...partial });
  };
  return { cases, add };
}

/** 202, then a rejected submission with an issue at `path` (of `code`, when given). */
export const rejected = (path: string, code?: string): Expectation => ({
  status: 'accepted-then-rejected',
  path,
  ...(code === undefined ? {} : { code }),
});
/** A 4xx answer with the error code. */
export const refused = (status: number, code: string): Expectation => ({ status, code });
/** Hostile content in an order that is still valid. */
export const accepted: Expectation = { status: 'accepted' };

export const megabyte = 1024 * 1024;
/** `body` followed by spaces up to `bytes` bytes. */
export const padded = (body: string, bytes: number) => body + ' '.repeat(bytes - Buffer.byteLength(body));
