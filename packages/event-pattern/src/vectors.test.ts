import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import {
  type EventPattern,
  InvalidEventPatternException,
  matches,
  parseEventPattern,
  validatePattern,
} from './index';

interface Vector {
  readonly name: string;
  readonly expect: 'match' | 'no-match' | 'invalid';
  readonly note?: string;
  readonly event: unknown;
  readonly pattern: unknown;
  readonly patternText?: string;
  readonly awsError?: { readonly code: string; readonly message: string };
}

const file = fileURLToPath(new URL('../../../../shared/vectors/eventbridge-patterns.json', import.meta.url));
const vectors = JSON.parse(readFileSync(file, 'utf8')) as Vector[];

// The one vector whose pattern repeats a key has no object form; its raw text goes through the
// duplicate-key-aware parser, where (as in AWS) the last occurrence of the key wins.
function hasRawTextOnly(vector: Vector): vector is Vector & { readonly patternText: string } {
  return vector.pattern === null && vector.patternText !== undefined;
}

function validate(vector: Vector): void {
  if (hasRawTextOnly(vector)) parseEventPattern(vector.patternText);
  else validatePattern(vector.pattern);
}

function evaluate(vector: Vector): boolean {
  if (hasRawTextOnly(vector)) return parseEventPattern(vector.patternText).matches(vector.event);
  return matches(vector.pattern as EventPattern, vector.event);
}

function outcome(vector: Vector): Vector['expect'] {
  try {
    validate(vector);
    return evaluate(vector) ? 'match' : 'no-match';
  } catch (error) {
    if (error instanceof InvalidEventPatternException) return 'invalid';
    throw error;
  }
}

let agreed = 0;

afterAll(() => {
  console.log(`event patterns: ${agreed}/${vectors.length} vectors agree`);
});

describe('EventBridge pattern vectors recorded against AWS', () => {
  it('loads every vector', () => {
    expect(vectors.length).toBeGreaterThan(0);
  });

  describe.each(vectors.map((vector) => [vector.name, vector] as const))('%s', (_name, vector) => {
    if (vector.expect === 'invalid') {
      it('is rejected with AWS’s InvalidEventPatternException', () => {
        let thrown: unknown;
        try {
          validate(vector);
        } catch (error) {
          thrown = error;
        }
        expect(thrown).toBeInstanceOf(InvalidEventPatternException);
        expect((thrown as Error).name).toBe('InvalidEventPatternException');
        if (vector.awsError !== undefined) expect((thrown as Error).message).toBe(vector.awsError.message);
        if (outcome(vector) === 'invalid') agreed++;
      });
    } else {
      it(`is accepted and gives ${vector.expect}`, () => {
        expect(() => validate(vector)).not.toThrow();
        expect(evaluate(vector)).toBe(vector.expect === 'match');
        if (outcome(vector) === vector.expect) agreed++;
      });
    }
  });
});
