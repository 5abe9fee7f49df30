import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type EventPattern,
  InvalidEventPatternException,
  matches,
  parseEventPattern,
  validatePattern,
} from './index';

// Extends the properties at the end of matches.test.ts (top-level exact values and anything-but, exists,
// compiled vs direct) to arbitrary JSON, nested and array-held leaves, `$or`, and prefix/suffix.

type Scalar = string | number | boolean | null;
type Json = Scalar | Json[] | { [key: string]: Json };

const operators = [
  'prefix',
  'suffix',
  'equals-ignore-case',
  'wildcard',
  'exactly',
  'anything-but',
  'numeric',
  'exists',
  'cidr',
  '$or',
  'regex',
  'Prefix',
];

/** Runs `task`; anything it throws must be an InvalidEventPatternException. Answers whether it threw. */
function throwsOnlyInvalidPattern(task: () => unknown): boolean {
  try {
    task();
    return false;
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidEventPatternException);
    return true;
  }
}

const isValid = (pattern: unknown): pattern is EventPattern =>
  !throwsOnlyInvalidPattern(() => validatePattern(pattern));

describe('validatePattern and matches, for arbitrary input', () => {
  // Pattern-shaped JSON: fields holding lists of values and operator objects with arbitrary operands.
  const operatorObject = fc.dictionary(fc.constantFrom(...operators), fc.jsonValue({ maxDepth: 2 }), {
    minKeys: 1,
    maxKeys: 2,
  });
  const { patternLike } = fc.letrec((tie) => ({
    patternLike: fc.dictionary(
      fc.oneof(fc.constantFrom('a', 'b', '$or', 'detail'), fc.string()),
      fc.oneof(
        fc.array(fc.oneof(fc.jsonValue({ maxDepth: 1 }), operatorObject), { maxLength: 3 }),
        fc.array(tie('patternLike'), { maxLength: 3 }),
        tie('patternLike'),
        fc.jsonValue({ maxDepth: 1 }),
      ),
      { maxKeys: 3, depthIdentifier: 'pattern' },
    ),
  }));
  const anyPattern = fc.oneof(patternLike, fc.jsonValue(), fc.anything());
  const anyEvent = fc.oneof(fc.jsonValue(), fc.anything());

  it('throw nothing but InvalidEventPatternException, and a valid pattern matches any event without throwing', () => {
    fc.assert(
      fc.property(anyPattern, anyEvent, (pattern, event) => {
        if (!isValid(pattern)) {
          expect(() => matches(pattern as EventPattern, event)).toThrow(InvalidEventPatternException);
          return;
        }
        expect(typeof matches(pattern, event)).toBe('boolean');
      }),
      { numRuns: 2000 },
    );
  });

  it('parse any pattern text without throwing anything but InvalidEventPatternException', () => {
    const text = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.json(),
      patternLike.map((pattern) => JSON.stringify(pattern)),
      // Valid JSON cut short or with a character changed, which the reader must refuse cleanly.
      fc.tuple(patternLike, fc.nat(), fc.string({ maxLength: 1 })).map(([pattern, at, replacement]) => {
        const json = JSON.stringify(pattern);
        const position = json.length === 0 ? 0 : at % json.length;
        return json.slice(0, position) + replacement + json.slice(position + 1);
      }),
    );
    fc.assert(
      fc.property(text, (patternText) => {
        throwsOnlyInvalidPattern(() => parseEventPattern(patternText));
      }),
      { numRuns: 2000 },
    );
  });
});

// Events over a few keys without dots or empty names (AWS joins paths with dots and drops a lone empty step).
const key = fc.oneof(
  fc.constantFrom('a', 'b', 'detail', 'x-y', '__proto__', 'constructor'),
  fc.string({ minLength: 1, maxLength: 6 }).filter((name) => !name.includes('.') && name !== '$or'),
);
const scalar: fc.Arbitrary<Scalar> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
);
const { node } = fc.letrec<{ node: Json }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', depthIdentifier: 'event' },
    scalar,
    fc.array(tie('node'), { maxLength: 3 }),
    fc.dictionary(key, tie('node'), { maxKeys: 3 }),
  ),
}));
const event = fc.dictionary(key, node, { minKeys: 1, maxKeys: 4 });

/** Every leaf of an event with its path of object keys; arrays add no step, as in EventBridge. */
function leavesOf(value: Json, path: string[] = []): { path: string[]; value: Scalar }[] {
  if (Array.isArray(value)) return value.flatMap((item) => leavesOf(item, path));
  if (typeof value === 'object' && value !== null)
    return Object.entries(value).flatMap(([name, child]) => leavesOf(child, [...path, name]));
  return [{ path, value }];
}

/** `{ a: { b: inner } }` for the path a.b, with computed keys, so `__proto__` stays a plain field name. */
function nest(path: readonly string[], inner: unknown): EventPattern {
  return path.reduceRight<unknown>((child, name) => ({ [name]: child }), inner) as EventPattern;
}

describe('matches, for any event', () => {
  it('matches an exact-value pattern built from any leaf, however deep and inside arrays', () => {
    const withLeaf = event.chain((sample) => {
      const leaves = leavesOf(sample).filter((leaf) => leaf.path.length > 0);
      return leaves.length === 0
        ? fc.constant(undefined)
        : fc.constantFrom(...leaves).map((leaf) => ({ sample, leaf }));
    });
    fc.assert(
      fc.property(withLeaf, (picked) => {
        if (picked === undefined) return;
        // JSON cannot carry -0 apart from 0, so the pattern takes the value as JSON would.
        const value = JSON.parse(JSON.stringify(picked.leaf.value)) as Scalar;
        expect(matches(nest(picked.leaf.path, [value]), picked.sample)).toBe(true);
      }),
    );
  });

  it('never matches anything-but [v] on a nested field that is exactly v, and always on a different string', () => {
    const path = fc.array(key, { minLength: 1, maxLength: 3 });
    const operand = fc.oneof(fc.string(), fc.integer(), fc.double({ min: -5e9, max: 5e9, noNaN: true }));
    fc.assert(
      fc.property(event, path, operand, fc.string(), (base, fieldPath, value, other) => {
        const [top = 'a'] = fieldPath;
        const { [top]: _, ...siblings } = base;
        const pattern = nest(fieldPath, [{ 'anything-but': [value] }]);
        // AWS refuses numbers it cannot compare exactly (beyond ±5e9, or finer than it keeps).
        fc.pre(isValid(pattern));
        expect(matches(pattern, { ...siblings, ...nest(fieldPath, value) })).toBe(false);
        // A leading 'z' keeps both strings from reading as the same IP address in two spellings.
        if (typeof value === 'string' && value !== other) {
          const stringPattern = nest(fieldPath, [{ 'anything-but': [`z${value}`] }]);
          expect(matches(stringPattern, { ...siblings, ...nest(fieldPath, `z${other}`) })).toBe(true);
        }
      }),
    );
  });

  it('matches a prefix or a suffix of a field’s string, cut at any character', () => {
    const cut = fc.tuple(fc.string({ unit: 'binary' }), fc.nat(), fc.nat()).map(([text, start, end]) => {
      const chars = Array.from(text);
      return {
        text,
        prefix: chars.slice(0, start % (chars.length + 1)).join(''),
        suffix: chars.slice(end % (chars.length + 1)).join(''),
      };
    });
    fc.assert(
      fc.property(event, key, cut, (base, field, { text, prefix, suffix }) => {
        const sample = { ...base, [field]: text };
        expect(matches({ [field]: [{ prefix }] }, sample)).toBe(true);
        expect(matches({ [field]: [{ suffix }] }, sample)).toBe(true);
        expect(matches({ [field]: [{ prefix: `${text}!` }] }, sample)).toBe(false);
      }),
    );
  });

  it('matches an ASCII prefix whatever its case with equals-ignore-case', () => {
    fc.assert(
      fc.property(event, key, fc.string(), fc.nat(), (base, field, text, at) => {
        const prefix = text.slice(0, at % (text.length + 1));
        const pattern = { [field]: [{ prefix: { 'equals-ignore-case': prefix.toUpperCase() } }] };
        expect(matches(pattern, { ...base, [field]: text.toLowerCase() })).toBe(true);
      }),
    );
  });
});

describe('$or', () => {
  // Small key and value spaces, so the generated patterns and events actually meet.
  const field = fc.constantFrom('a', 'b', 'c');
  const word = fc.constantFrom('', 'x', 'xy', 'y', 'XY');
  const operand = fc.oneof(
    word,
    fc.integer({ min: -3, max: 3 }),
    fc.boolean(),
    fc.constant(null),
    word.filter((text) => text !== '').map((prefix) => ({ prefix })),
    word.map((suffix) => ({ suffix })),
    word.map((text) => ({ 'equals-ignore-case': text })),
    fc.array(word, { minLength: 1, maxLength: 2 }).map((values) => ({ 'anything-but': values })),
    fc
      .tuple(fc.constantFrom('<', '<=', '>', '>=', '='), fc.integer({ min: -3, max: 3 }))
      .map((range) => ({ numeric: range })),
    fc.boolean().map((exists) => ({ exists })),
  );
  const values = fc.array(operand, { minLength: 1, maxLength: 3 });
  const pattern = fc.dictionary(
    field,
    fc.oneof(values, fc.dictionary(field, values, { minKeys: 1, maxKeys: 2 })),
    {
      minKeys: 1,
      maxKeys: 2,
    },
  );
  const leaf = fc.oneof(word, fc.integer({ min: -3, max: 3 }), fc.boolean(), fc.constant(null));
  const flatEvent = fc.dictionary(
    field,
    fc.oneof(leaf, fc.array(leaf, { maxLength: 2 }), fc.dictionary(field, leaf)),
  );
  const anyEvent = fc.dictionary(field, fc.oneof(leaf, flatEvent, fc.array(flatEvent, { maxLength: 2 })));

  it('matches exactly when either alternative matches', () => {
    fc.assert(
      fc.property(pattern, pattern, anyEvent, (first, second, sample) => {
        fc.pre(isValid(first) && isValid(second));
        const either: EventPattern = { $or: [first, second] };
        fc.pre(isValid(either));
        expect(matches(either, sample)).toBe(matches(first, sample) || matches(second, sample));
      }),
      { numRuns: 500 },
    );
  });

  it('applies a field beside the $or to every alternative', () => {
    fc.assert(
      fc.property(values, pattern, pattern, flatEvent, leaf, (beside, first, second, sample, q) => {
        const alternatives: EventPattern = { $or: [first, second] };
        fc.pre(isValid(alternatives) && isValid({ q: beside }));
        const combined: EventPattern = { q: beside, ...alternatives };
        const withQ = { ...sample, q };
        expect(matches(combined, withQ)).toBe(matches({ q: beside }, withQ) && matches(alternatives, withQ));
      }),
      { numRuns: 500 },
    );
  });
});
