import { parseCidr } from './cidr';
import { reject } from './errors';
import type { JsonNode } from './json-text';
import type { Matcher } from './matcher';
import { parseNumericRange, requireComparable } from './numeric';
import { caseInsensitive, javaHashSetOrder, utf8Text } from './text';
import { parseWildcard } from './wildcard';

type Entries = ReadonlyArray<readonly [string, JsonNode]>;

const ONLY_ONE_KEY = 'Only one key allowed in match expression';
// AWS reuses its numeric wording for every surplus key after an anything-but operand.
const TOO_MANY = 'Too many elements in numeric expression';

function stringOperand(node: JsonNode | undefined, message: string): string {
  return node?.kind === 'string' ? node.value : reject(message);
}

function noMoreKeys(rest: Entries, message = ONLY_ONE_KEY): void {
  if (rest.length > 0) reject(message);
}

function ignoreCaseOperand(operand: Entries, operator: 'prefix' | 'suffix'): string {
  const [first, ...rest] = operand;
  const title = operator === 'prefix' ? 'Prefix' : 'Suffix';
  if (first === undefined) return reject(`${title} expression name not found`);
  if (first[0] !== 'equals-ignore-case') return reject(`Unsupported ${operator} pattern: ${first[0]}`);
  const value = stringOperand(first[1], 'equals-ignore-case match pattern must be a string');
  noMoreKeys(rest);
  return value;
}

function prefixOrSuffix(operator: 'prefix' | 'suffix', operand: JsonNode, rest: Entries): Matcher {
  if (operand.kind === 'object') {
    const source = ignoreCaseOperand(operand.entries, operator);
    noMoreKeys(rest);
    return { kind: `${operator}-ignore-case`, source, value: caseInsensitive(source) };
  }
  const value = stringOperand(operand, `${operator} match pattern must be a string`);
  noMoreKeys(rest);
  return { kind: operator, value: utf8Text(value) };
}

type AnythingButKind = 'equals-ignore-case' | 'prefix' | 'suffix' | 'wildcard';

function notAString(kind: AnythingButKind): never {
  if (kind === 'equals-ignore-case') {
    return reject('Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.');
  }
  return reject(
    kind === 'wildcard'
      ? 'wildcard match pattern must be a string'
      : 'prefix/suffix match pattern must be a string',
  );
}

function anythingButStrings(kind: AnythingButKind, nodes: readonly JsonNode[]): Matcher {
  const values = new Set<string>();
  for (const node of nodes) {
    if (node.kind !== 'string') return notAString(kind);
    if ((kind === 'prefix' || kind === 'suffix') && node.value === '')
      reject('Null prefix/suffix not allowed');
    values.add(node.value);
  }
  const list = [...values];
  switch (kind) {
    case 'equals-ignore-case':
      return { kind: 'anything-but-ignore-case', sources: list, values: list.map(caseInsensitive) };
    case 'wildcard': {
      const ordered = javaHashSetOrder(list.map((value) => `"${value}"`)).map((quoted) =>
        quoted.slice(1, -1),
      );
      return { kind: 'anything-but-wildcard', values: ordered.map(parseWildcard) };
    }
    default:
      return { kind: `anything-but-${kind}`, values: list.map(utf8Text) };
  }
}

function anythingButValues(nodes: readonly JsonNode[], isList: boolean): Matcher {
  const strings = new Set<string>();
  const numbers: number[] = [];
  for (const node of nodes) {
    if (node.kind === 'string') strings.add(utf8Text(node.value));
    else if (node.kind === 'number') numbers.push(requireComparable(node.text));
    else reject('Inside anything but list, start|null|boolean is not supported.');
  }
  if (isList && strings.size > 0 === numbers.length > 0) {
    reject('Inside anything but list, either all values are number or string, mixed type is not supported');
  }
  return { kind: 'anything-but', strings, numbers };
}

const ANYTHING_BUT_KINDS: readonly string[] = ['equals-ignore-case', 'prefix', 'suffix', 'wildcard'];

function anythingBut(operand: JsonNode, rest: Entries): Matcher {
  let kind: AnythingButKind | undefined;
  let value = operand;
  let innerRest: Entries = [];
  if (operand.kind === 'object') {
    const [first, ...others] = operand.entries;
    if (first === undefined) return reject('Anything-But expression name not found');
    if (!ANYTHING_BUT_KINDS.includes(first[0]))
      return reject(`Unsupported anything-but pattern: ${first[0]}`);
    kind = first[0] as AnythingButKind;
    value = first[1];
    innerRest = others;
  }
  if (value.kind !== 'array' && value.kind !== 'string' && value.kind !== 'number') {
    return reject('Value of anything-but must be an array or single string/number value.');
  }
  const nodes = value.kind === 'array' ? value.items : [value];
  const matcher =
    kind === undefined ? anythingButValues(nodes, value.kind === 'array') : anythingButStrings(kind, nodes);
  noMoreKeys(kind === undefined ? rest : innerRest, TOO_MANY);
  noMoreKeys(rest, TOO_MANY);
  return matcher;
}

/** Compiles one `{ operator: operand }` object from a field's value list, validating it like AWS. */
export function compileMatchExpression(entries: Entries): Matcher {
  const [first, ...rest] = entries;
  if (first === undefined) return reject('Match expression name not found');
  const [operator, operand] = first;
  switch (operator) {
    case 'exactly': {
      const value = stringOperand(operand, 'exact match pattern must be a string');
      noMoreKeys(rest);
      return { kind: 'string', value: utf8Text(value) };
    }
    case 'prefix':
    case 'suffix':
      return prefixOrSuffix(operator, operand, rest);
    case 'numeric': {
      if (operand.kind !== 'array') return reject('Value of numeric must be an array.');
      const matcher = parseNumericRange(operand.items);
      noMoreKeys(rest, TOO_MANY);
      return matcher;
    }
    case 'anything-but':
      return anythingBut(operand, rest);
    case 'exists': {
      if (operand.kind !== 'literal' || operand.text === 'null') {
        return reject('exists match pattern must be either true or false.');
      }
      noMoreKeys(rest);
      return { kind: operand.text === 'true' ? 'exists' : 'absent' };
    }
    case 'cidr': {
      // AWS really does word this one as "prefix".
      const range = parseCidr(stringOperand(operand, 'prefix match pattern must be a string'));
      noMoreKeys(rest);
      return { kind: 'ip', range };
    }
    case 'equals-ignore-case': {
      const source = stringOperand(operand, 'equals-ignore-case match pattern must be a string');
      noMoreKeys(rest);
      return { kind: 'equals-ignore-case', source, value: caseInsensitive(source) };
    }
    case 'wildcard': {
      const wildcard = parseWildcard(stringOperand(operand, 'wildcard match pattern must be a string'));
      noMoreKeys(rest);
      return { kind: 'wildcard', wildcard };
    }
    default:
      return reject(`Unrecognized match type ${operator}`);
  }
}
