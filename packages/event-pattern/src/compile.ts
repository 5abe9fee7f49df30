import { singleAddressRange } from './cidr';
import { reject } from './errors';
import type { JsonNode } from './json-text';
import type { Matcher } from './matcher';
import { comparableNumber } from './numbers';
import { compileMatchExpression } from './operators';
import { utf8Text } from './text';

type MutableBranch = Map<string, readonly Matcher[]>;
type Entries = ReadonlyArray<readonly [string, JsonNode]>;

const OR = '$or';

// Field names AWS keeps for operators, present and future, and refuses inside `$or`.
const RESERVED_IN_OR: ReadonlySet<string> = new Set([
  'exactly',
  'equals-ignore-case',
  'prefix',
  'suffix',
  'anything-but',
  'exists',
  'wildcard',
  'numeric',
  'cidr',
  '=',
  '<',
  '<=',
  '>',
  '>=',
  'regex',
  'not-wildcard',
  'not-equals-ignore-case',
  'date-after',
  'date-on-or-after',
  'date-before',
  'date-on-or-before',
  'in-date-range',
  'ip-address-in-range',
  'ip-address-not-in-range',
]);

/** Joins path steps as AWS does, including its quirk that a lone empty step leaves no dot behind. */
export function extendPath(path: readonly string[], step: string): string {
  const base = path.join('.');
  return base === '' ? step : `${base}.${step}`;
}

function valueMatchers(node: JsonNode): Matcher[] {
  switch (node.kind) {
    case 'object':
      return [compileMatchExpression(node.entries)];
    case 'string': {
      const range = singleAddressRange(node.value);
      return [range === undefined ? { kind: 'string', value: utf8Text(node.value) } : { kind: 'ip', range }];
    }
    case 'number': {
      // A number matches numerically when it can be compared, and by its literal text regardless.
      const value = comparableNumber(node.text);
      const literal: Matcher = { kind: 'literal', text: node.text };
      return value === undefined ? [literal] : [{ kind: 'numeric-equals', value }, literal];
    }
    case 'literal':
      return [{ kind: 'literal', text: node.text }];
    case 'array':
      return reject('Match value must be String, number, true, false, or null');
  }
}

class Compiler {
  branches: MutableBranch[] = [];
  private readonly path: string[] = [];

  object(entries: Entries, insideOr: boolean): void {
    for (const [key, value] of entries) {
      if (key === OR) {
        this.or(value);
        continue;
      }
      if (insideOr && RESERVED_IN_OR.has(key)) {
        reject(`${key} is Ruler reserved fieldName which cannot be used inside ${OR}.`);
      }
      if (value.kind === 'object') {
        this.path.push(key);
        this.object(value.entries, insideOr);
        this.path.pop();
      } else if (value.kind === 'array') {
        this.field(extendPath(this.path, key), value.items);
      } else {
        reject(`"${key}" must be an object or an array`);
      }
    }
    if (entries.length === 0) reject('Empty objects are not allowed');
  }

  // A later occurrence of the same path replaces the earlier one in every branch, as in AWS.
  private field(path: string, items: readonly JsonNode[]): void {
    const matchers = items.flatMap(valueMatchers);
    if (matchers.length === 0) reject('Empty arrays are not allowed');
    if (this.branches.length === 0) this.branches.push(new Map());
    for (const branch of this.branches) branch.set(path, matchers);
  }

  // Each `$or` element forks every branch built so far; keys after the `$or` apply to all forks.
  private or(value: JsonNode): void {
    const before = this.branches;
    this.branches = [];
    if (value.kind !== 'array') reject(`It must be an Array followed with ${OR}.`);
    for (const item of value.items) {
      if (item.kind !== 'object') reject(`Only JSON object is allowed in array of ${OR} relationship.`);
      const outer = this.branches;
      this.branches = before.length === 0 ? [new Map()] : before.map((branch) => new Map(branch));
      this.object(item.entries, true);
      this.branches = [...outer, ...this.branches];
    }
    if (value.items.length < 2) reject(`There must have at least 2 Objects in ${OR} relationship.`);
  }
}

/** Validates a parsed pattern and expands it into branches (one per combination of `$or` choices). */
export function compileBranches(root: JsonNode): ReadonlyArray<ReadonlyMap<string, readonly Matcher[]>> {
  if (root.kind !== 'object') return reject('Filter is not an object');
  const compiler = new Compiler();
  compiler.object(root.entries, false);
  return compiler.branches;
}
