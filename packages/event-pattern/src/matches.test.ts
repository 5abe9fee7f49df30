import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compileEventPattern,
  type EventPattern,
  InvalidEventPatternException,
  matches,
  parseEventPattern,
  validatePattern,
} from './index';

function rejection(pattern: unknown): string {
  try {
    validatePattern(pattern);
  } catch (error) {
    if (error instanceof InvalidEventPatternException) return error.message;
    throw error;
  }
  return 'accepted';
}

describe('exact values', () => {
  it('matches a string exactly and case-sensitively', () => {
    expect(matches({ source: ['aws.ec2'] }, { source: 'aws.ec2' })).toBe(true);
    expect(matches({ source: ['aws.ec2'] }, { source: 'AWS.EC2' })).toBe(false);
  });

  it('matches any of several listed values', () => {
    expect(matches({ source: ['a', 'b'] }, { source: 'b' })).toBe(true);
  });

  it('compares numbers numerically, so 300 matches 3.0e2', () => {
    expect(matches({ n: [300] }, JSON.parse('{"n": 3.0e2}'))).toBe(true);
    expect(matches(parseEventPattern('{"n": [3.0e2]}'), { n: 300 })).toBe(true);
  });

  it('never matches a number against its string form', () => {
    expect(matches({ n: [300] }, { n: '300' })).toBe(false);
    expect(matches({ n: ['300'] }, { n: 300 })).toBe(false);
  });

  it('matches null and booleans only against the same JSON literal', () => {
    expect(matches({ v: [null] }, { v: null })).toBe(true);
    expect(matches({ v: [null] }, { v: 'null' })).toBe(false);
    expect(matches({ v: [false] }, { v: false })).toBe(true);
    expect(matches({ v: [false] }, { v: 0 })).toBe(false);
  });

  it('does not treat a missing field or an empty array as null', () => {
    expect(matches({ v: [null] }, {})).toBe(false);
    expect(matches({ v: [null] }, { v: [] })).toBe(false);
  });

  it('matches an IP literal value against any spelling of the same address', () => {
    expect(matches({ ip: ['::1'] }, { ip: '0:0:0:0:0:0:0:1' })).toBe(true);
  });
});

describe('nesting and arrays', () => {
  it('follows nested objects and treats dotted keys as the same path', () => {
    expect(matches({ detail: { state: ['on'] } }, { detail: { state: 'on' } })).toBe(true);
    expect(matches({ 'detail.state': ['on'] }, { detail: { state: 'on' } })).toBe(true);
    expect(matches({ detail: { state: ['on'] } }, { 'detail.state': 'on' })).toBe(true);
  });

  it('matches when any element of an event array matches', () => {
    expect(matches({ resources: ['b'] }, { resources: ['a', 'b'] })).toBe(true);
    expect(matches({ resources: ['c'] }, { resources: ['a', 'b'] })).toBe(false);
  });

  it('requires fields of one branch to come from the same element of an event array', () => {
    const pattern = { items: { id: ['1'], state: ['done'] } };
    expect(
      matches(pattern, {
        items: [
          { id: '1', state: 'open' },
          { id: '2', state: 'done' },
        ],
      }),
    ).toBe(false);
    expect(
      matches(pattern, {
        items: [
          { id: '2', state: 'open' },
          { id: '1', state: 'done' },
        ],
      }),
    ).toBe(true);
  });

  it('requires every field of the pattern to match', () => {
    expect(matches({ a: ['1'], b: ['2'] }, { a: '1', b: '3' })).toBe(false);
  });

  it('does not look inside JSON that is encoded as a string', () => {
    expect(matches({ detail: { key: ['v'] } }, { detail: '{"key": "v"}' })).toBe(false);
  });
});

describe('prefix and suffix', () => {
  it('matches a prefix of a string value', () => {
    expect(matches({ time: [{ prefix: '2024-01' }] }, { time: '2024-01-02T00:00:00Z' })).toBe(true);
    expect(matches({ time: [{ prefix: '2024-02' }] }, { time: '2024-01-02T00:00:00Z' })).toBe(false);
  });

  it('matches a prefix ignoring case', () => {
    expect(matches({ s: [{ prefix: { 'equals-ignore-case': 'EventB' } }] }, { s: 'eventbridge' })).toBe(true);
  });

  it('matches a suffix, with or without case', () => {
    expect(matches({ f: [{ suffix: '.png' }] }, { f: 'a.png' })).toBe(true);
    expect(matches({ f: [{ suffix: '.png' }] }, { f: 'a.PNG' })).toBe(false);
    expect(matches({ f: [{ suffix: { 'equals-ignore-case': '.png' } }] }, { f: 'a.PNG' })).toBe(true);
  });

  it('lets an empty prefix match any string but nothing else', () => {
    expect(matches({ v: [{ prefix: '' }] }, { v: '' })).toBe(true);
    expect(matches({ v: [{ prefix: '' }] }, { v: 5 })).toBe(false);
  });
});

describe('equals-ignore-case', () => {
  it('matches a whole string regardless of case', () => {
    expect(matches({ n: [{ 'equals-ignore-case': 'alice' }] }, { n: 'ALICE' })).toBe(true);
    expect(matches({ n: [{ 'equals-ignore-case': 'alice' }] }, { n: 'alice2' })).toBe(false);
  });
});

describe('wildcard', () => {
  it('lets each star stand for any run of characters', () => {
    const pattern = { arn: [{ wildcard: 'arn:aws:events:*:*:event-bus/*' }] };
    expect(matches(pattern, { arn: 'arn:aws:events:us-east-1:123:event-bus/main' })).toBe(true);
    expect(matches(pattern, { arn: 'arn:aws:sqs:us-east-1:123:queue' })).toBe(false);
  });

  it('treats an escaped star as a literal star', () => {
    expect(matches({ v: [{ wildcard: 'a\\*b' }] }, { v: 'a*b' })).toBe(true);
    expect(matches({ v: [{ wildcard: 'a\\*b' }] }, { v: 'axb' })).toBe(false);
  });

  it('rejects consecutive stars, stray escapes and overly complex patterns', () => {
    expect(rejection({ v: [{ wildcard: 'a**' }] })).toContain('Consecutive wildcard characters at pos 2');
    expect(rejection({ v: [{ wildcard: 'a\\b' }] })).toContain('Invalid escape character at pos 2');
    expect(rejection({ v: [{ wildcard: '*:*:*:*:*:event-bus/*' }] })).toContain('Rule is too complex');
  });
});

describe('anything-but', () => {
  it('matches anything except the listed strings or numbers', () => {
    expect(matches({ s: [{ 'anything-but': ['a', 'b'] }] }, { s: 'c' })).toBe(true);
    expect(matches({ s: [{ 'anything-but': ['a', 'b'] }] }, { s: 'b' })).toBe(false);
    expect(matches({ n: [{ 'anything-but': [1, 2] }] }, { n: 2.0 })).toBe(false);
  });

  it('matches null and other types but never a missing field', () => {
    expect(matches({ s: [{ 'anything-but': 'a' }] }, { s: null })).toBe(true);
    expect(matches({ s: [{ 'anything-but': 'a' }] }, { s: 12 })).toBe(true);
    expect(matches({ s: [{ 'anything-but': 'a' }] }, {})).toBe(false);
  });

  it('supports prefix, suffix, ignore-case and wildcard forms', () => {
    expect(matches({ s: [{ 'anything-but': { prefix: 'init' } }] }, { s: 'initial' })).toBe(false);
    expect(matches({ s: [{ 'anything-but': { suffix: ['.txt', '.md'] } }] }, { s: 'a.md' })).toBe(false);
    expect(matches({ s: [{ 'anything-but': { 'equals-ignore-case': 'x' } }] }, { s: 'X' })).toBe(false);
    expect(matches({ s: [{ 'anything-but': { wildcard: '*/lib/*' } }] }, { s: 'a/bin/b' })).toBe(true);
  });

  it('rejects mixed lists, null operands and empty prefixes', () => {
    expect(rejection({ s: [{ 'anything-but': ['a', 1] }] })).toContain('mixed type is not supported');
    expect(rejection({ s: [{ 'anything-but': null }] })).toContain(
      'must be an array or single string/number',
    );
    expect(rejection({ s: [{ 'anything-but': { prefix: '' } }] })).toContain(
      'Null prefix/suffix not allowed',
    );
  });
});

describe('numeric', () => {
  it('matches one bound or a lower bound followed by an upper bound', () => {
    expect(matches({ n: [{ numeric: ['>', 0, '<=', 5] }] }, { n: 5 })).toBe(true);
    expect(matches({ n: [{ numeric: ['>', 0, '<=', 5] }] }, { n: 0 })).toBe(false);
    expect(matches({ n: [{ numeric: ['=', 301.8] }] }, { n: 301.8 })).toBe(true);
  });

  it('ignores strings and null', () => {
    expect(matches({ n: [{ numeric: ['>', 1] }] }, { n: '5' })).toBe(false);
    expect(matches({ n: [{ numeric: ['>', 1] }] }, { n: null })).toBe(false);
  });

  it('rejects ranges in the wrong order, empty ranges and bad operands', () => {
    expect(rejection({ n: [{ numeric: ['<', 5, '>', 1] }] })).toContain(
      'Too many elements in numeric expression',
    );
    expect(rejection({ n: [{ numeric: ['>', 5, '<', 5] }] })).toContain('Bottom must be less than top');
    expect(rejection({ n: [{ numeric: ['>', 0, '>', 0] }] })).toContain('Bad numeric range operator: >');
    expect(rejection({ n: [{ numeric: 5 }] })).toContain('Value of numeric must be an array.');
  });
});

describe('exists', () => {
  it('checks for a leaf value, so objects and empty arrays do not count', () => {
    expect(matches({ a: [{ exists: true }] }, { a: 'x' })).toBe(true);
    expect(matches({ a: [{ exists: true }] }, { a: { b: 1 } })).toBe(false);
    expect(matches({ a: [{ exists: true }] }, { a: [] })).toBe(false);
    expect(matches({ a: [{ exists: false }] }, { a: { b: 1 } })).toBe(true);
  });

  it('matches an absent field with exists false', () => {
    expect(matches({ a: { b: [{ exists: false }] } }, { a: { c: 1 } })).toBe(true);
    expect(matches({ a: { b: [{ exists: false }] } }, { a: { b: null } })).toBe(false);
  });
});

describe('cidr', () => {
  it('matches IPv4 and IPv6 addresses inside the block', () => {
    expect(matches({ ip: [{ cidr: '10.0.0.0/24' }] }, { ip: '10.0.0.255' })).toBe(true);
    expect(matches({ ip: [{ cidr: '10.0.0.0/24' }] }, { ip: '10.0.1.0' })).toBe(false);
    expect(matches({ ip: [{ cidr: '2001:db8::/64' }] }, { ip: '2001:0db8:0:0:1::' })).toBe(true);
  });

  it('rejects malformed blocks with AWS’s reasons', () => {
    expect(rejection({ ip: [{ cidr: 'bad' }] })).toContain("Malformed CIDR, one '/' required");
    expect(rejection({ ip: [{ cidr: '10.0.0.0/x' }] })).toContain('mask bits must be an integer');
    expect(rejection({ ip: [{ cidr: '10.0.0.0/32' }] })).toContain('IPv4 mask bits must be < 32');
  });
});

describe('$or', () => {
  it('matches when any alternative matches, at any level', () => {
    const pattern: EventPattern = { detail: { $or: [{ a: ['1'] }, { b: [{ numeric: ['>', 5] }] }] } };
    expect(matches(pattern, { detail: { b: 6 } })).toBe(true);
    expect(matches(pattern, { detail: { a: '2', b: 1 } })).toBe(false);
  });

  it('needs at least two alternatives and refuses operator names as fields', () => {
    expect(rejection({ $or: [{ a: ['1'] }] })).toContain('at least 2 Objects');
    expect(rejection({ $or: [{ prefix: ['1'] }, { a: ['2'] }] })).toContain(
      'prefix is Ruler reserved fieldName',
    );
  });
});

describe('pattern validation', () => {
  it('rejects empty objects, empty arrays and bare values', () => {
    expect(rejection({})).toContain('Empty objects are not allowed');
    expect(rejection({ a: [] })).toContain('Empty arrays are not allowed');
    expect(rejection({ a: 'x' })).toContain('"a" must be an object or an array');
    expect(rejection(['x'])).toContain('Filter is not an object');
  });

  it('rejects unknown or misspelt operators', () => {
    expect(rejection({ a: [{ EXISTS: true }] })).toContain('Unrecognized match type EXISTS');
  });

  it('reports the error as an InvalidEventPatternException', () => {
    expect(() => validatePattern({ a: [] })).toThrow(InvalidEventPatternException);
    expect(() => matches({ a: [] } as EventPattern, {})).toThrow(/Event pattern is not valid/);
  });

  it('lets the last of repeated keys win when parsing pattern text', () => {
    const compiled = parseEventPattern('{"a": [{"prefix": "us-"}], "a": [{"anything-but": "us-east"}]}');
    expect(compiled.matches({ a: 'eu-west-1' })).toBe(true);
  });
});

const scalar = fc.oneof(
  fc.string(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
);
const key = fc.constantFrom('a', 'b', 'c', 'detail', 'x-y');
const event = fc.dictionary(key, fc.oneof(scalar, fc.dictionary(key, scalar, { maxKeys: 3 })), {
  maxKeys: 4,
});

describe('properties', () => {
  it('matches an exact-value pattern built from any top-level field of the event', () => {
    fc.assert(
      fc.property(event, key, scalar, (base, field, value) => {
        const withField = { ...base, [field]: value };
        // JSON cannot carry -0 apart from 0, so build the pattern from the serialized value.
        const fieldValue = JSON.parse(JSON.stringify(value)) as string | number | boolean | null;
        expect(matches({ [field]: [fieldValue] }, withField)).toBe(true);
      }),
    );
  });

  it('never matches anything-but [v] when the field is exactly v', () => {
    fc.assert(
      fc.property(event, key, fc.oneof(fc.string(), fc.integer()), (base, field, value) => {
        expect(matches({ [field]: [{ 'anything-but': [value] }] }, { ...base, [field]: value })).toBe(false);
      }),
    );
  });

  it('matches exists:true exactly when exists:false does not, for any top-level field', () => {
    fc.assert(
      fc.property(event, key, (sample, field) => {
        const present = matches({ [field]: [{ exists: true }] }, sample);
        const absent = matches({ [field]: [{ exists: false }] }, sample);
        expect(present).toBe(!absent);
      }),
    );
  });

  it('gives the same answer whether a pattern is compiled once or matched directly', () => {
    fc.assert(
      fc.property(event, key, fc.string(), (sample, field, prefix) => {
        const pattern = { [field]: [{ prefix }] };
        expect(compileEventPattern(pattern).matches(sample)).toBe(matches(pattern, sample));
      }),
    );
  });
});
