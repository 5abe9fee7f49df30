import { reject } from './errors';
import { type JsonNode, tokenText } from './json-text';
import type { Matcher } from './matcher';
import { cannotCompare, comparableNumber } from './numbers';

/** Reads a number operand, throwing AWS's message if it cannot be compared exactly. */
export function requireComparable(text: string): number {
  const value = comparableNumber(text);
  return value === undefined ? reject(cannotCompare(text)) : value;
}

function numberOperand(node: JsonNode | undefined, operator: string): string {
  return node?.kind === 'number' ? node.text : reject(`Value of ${operator} must be numeric`);
}

function upperBound(items: readonly JsonNode[], low: string, lowOpen: boolean): Matcher {
  const operatorNode = items[2];
  if (operatorNode?.kind !== 'string')
    return reject(`Bad value in numeric range: ${tokenText(operatorNode)}`);
  const operator = operatorNode.value;
  if (operator !== '<' && operator !== '<=') return reject(`Bad numeric range operator: ${operator}`);
  const high = numberOperand(items[3], operator);
  if (items.length > 4) reject('Too many terms in numeric range expression');
  const lowValue = requireComparable(low);
  const highValue = requireComparable(high);
  if (!(lowValue < highValue)) reject('Bottom must be less than top');
  return { kind: 'range', low: lowValue, lowOpen, high: highValue, highOpen: operator === '<' };
}

/**
 * Compiles the operand array of `numeric`. AWS accepts `=` alone, one bound alone, or a lower bound
 * (`>`/`>=`) followed by an upper bound (`<`/`<=`), in that order only.
 */
export function parseNumericRange(items: readonly JsonNode[]): Matcher {
  const first = items[0];
  if (first?.kind !== 'string') return reject(`Invalid member in numeric match: ${tokenText(first)}`);
  const operator = first.value;
  switch (operator) {
    case '=': {
      const value = numberOperand(items[1], 'equals');
      if (items.length > 2) reject('Too many elements in numeric expression');
      return { kind: 'numeric-equals', value: requireComparable(value) };
    }
    case '>':
    case '>=': {
      const low = numberOperand(items[1], operator);
      if (items.length > 2) return upperBound(items, low, operator === '>');
      const value = requireComparable(low);
      return {
        kind: 'range',
        low: value,
        lowOpen: operator === '>',
        high: Number.MAX_VALUE,
        highOpen: false,
      };
    }
    case '<':
    case '<=': {
      const high = numberOperand(items[1], operator);
      if (items.length > 2) reject('Too many elements in numeric expression');
      const value = requireComparable(high);
      return {
        kind: 'range',
        low: -Number.MAX_VALUE,
        lowOpen: false,
        high: value,
        highOpen: operator === '<',
      };
    }
    default:
      return reject(`Unrecognized numeric range operator: ${operator}`);
  }
}
