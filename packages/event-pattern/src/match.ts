import { ipHex, parseIp, rangeAccepts } from './cidr';
import type { EventField, EventValue, Membership } from './event';
import type { CompiledField, FieldFlags } from './machine';
import type { Matcher } from './matcher';
import { comparableNumber, comparableNumberBytes } from './numbers';
import { endsIgnoringCase, equalsIgnoringCase, startsIgnoringCase } from './text';
import { matchesWildcard } from './wildcard';

function inNumericRange(matcher: Extract<Matcher, { kind: 'range' }>, value: number): boolean {
  const aboveLow = matcher.lowOpen ? value > matcher.low : value >= matcher.low;
  const belowHigh = matcher.highOpen ? value < matcher.high : value <= matcher.high;
  return aboveLow && belowHigh;
}

// Whether an anything-but pattern is ruled out by a string value.
function excludesString(matcher: Matcher, value: string): boolean {
  switch (matcher.kind) {
    case 'anything-but':
      return matcher.strings.has(value);
    case 'anything-but-prefix':
      return matcher.values.some((prefix) => value.startsWith(prefix));
    case 'anything-but-suffix':
      return matcher.values.some((suffix) => value.endsWith(suffix));
    case 'anything-but-ignore-case':
      return matcher.values.some((pattern) => equalsIgnoringCase(pattern, value));
    case 'anything-but-wildcard':
      return matcher.values.some((wildcard) => matchesWildcard(wildcard, value));
    default:
      return false;
  }
}

function matchesString(matcher: Matcher, value: string, flags: FieldFlags): boolean {
  switch (matcher.kind) {
    case 'string':
      return matcher.value === value;
    case 'prefix':
      return value.startsWith(matcher.value);
    case 'suffix':
      return value.endsWith(matcher.value);
    case 'prefix-ignore-case':
      return startsIgnoringCase(matcher.value, value);
    case 'suffix-ignore-case':
      return endsIgnoringCase(matcher.value, value);
    case 'equals-ignore-case':
      return equalsIgnoringCase(matcher.value, value);
    case 'wildcard':
      return matchesWildcard(matcher.wildcard, value);
    case 'ip':
    case 'literal': {
      // AWS also feeds an IP-shaped string in as hex digits when the field has address patterns;
      // a number pattern's literal text can then coincide with those digits.
      const address = flags.hasIp ? parseIp(value) : undefined;
      if (address === undefined) return false;
      return matcher.kind === 'ip'
        ? rangeAccepts(matcher.range, ipHex(address))
        : ipHex(address) === matcher.text;
    }
    default:
      return matcher.kind.startsWith('anything-but') && !excludesString(matcher, value);
  }
}

// A number AWS can compare is fed in as sortable bytes when the field has numeric patterns, where
// suffix patterns can (rarely) fire on its bytes. Otherwise it is fed in as its text, which only
// literal patterns and the digit walk of address ranges look at.
function matchesNumber(matcher: Matcher, value: number, flags: FieldFlags): boolean {
  if (flags.hasNumeric && comparableNumber(String(value)) !== undefined) {
    const bytes = (): string => comparableNumberBytes(value);
    switch (matcher.kind) {
      case 'numeric-equals':
        return matcher.value === value;
      case 'range':
        return inNumericRange(matcher, value);
      case 'anything-but':
        return !matcher.numbers.includes(value);
      case 'suffix':
        return bytes().endsWith(`${matcher.value}"`);
      case 'suffix-ignore-case':
        return endsIgnoringCase([...matcher.value, ['"']], bytes());
      case 'anything-but-suffix':
        return !matcher.values.some((suffix) => bytes().endsWith(`${suffix}"`));
      default:
        return matcher.kind.startsWith('anything-but');
    }
  }
  const text = String(value);
  if (matcher.kind === 'literal') return matcher.text === text;
  if (matcher.kind === 'ip') return rangeAccepts(matcher.range, text);
  return matcher.kind.startsWith('anything-but');
}

function matchesLiteral(matcher: Matcher, text: string): boolean {
  if (matcher.kind === 'literal') return matcher.text === text;
  return matcher.kind.startsWith('anything-but');
}

/** Whether one event leaf satisfies one matcher (`exists` and `absent` are handled by the caller). */
export function matchesValue(matcher: Matcher, value: EventValue, flags: FieldFlags): boolean {
  if (matcher.kind === 'exists') return true;
  switch (value.kind) {
    case 'string':
      return matchesString(matcher, value.value, flags);
    case 'number':
      return matchesNumber(matcher, value.value, flags);
    case 'literal':
      return matchesLiteral(matcher, value.text);
  }
}

/**
 * Combines array positions seen so far with a leaf's: two leaves from different elements of the same
 * event array never satisfy one branch together. Returns undefined when they conflict.
 */
function combine(soFar: Membership, next: Membership): Membership | undefined {
  if (next.size === 0) return soFar;
  let combined: Map<number, number> | undefined;
  for (const [array, index] of next) {
    const seen = soFar.get(array);
    if (seen === undefined) {
      combined ??= new Map(soFar);
      combined.set(array, index);
    } else if (seen !== index) {
      return undefined;
    }
  }
  return combined ?? soFar;
}

/**
 * Tries the branch's fields in path order, as AWS does. `exists: false` is judged against the array
 * positions fixed by earlier fields only, so its outcome can depend on how the paths sort.
 */
export function matchesBranch(
  fields: readonly CompiledField[],
  event: ReadonlyMap<string, readonly EventField[]>,
): boolean {
  const search = (index: number, membership: Membership): boolean => {
    const field = fields[index];
    if (field === undefined) return true;
    const leaves = event.get(field.path) ?? [];
    const valueMatchers = field.matchers.filter((matcher) => matcher.kind !== 'absent');
    for (const leaf of leaves) {
      const next = combine(membership, leaf.membership);
      if (next === undefined) continue;
      if (
        valueMatchers.some((matcher) => matchesValue(matcher, leaf.value, field.flags)) &&
        search(index + 1, next)
      ) {
        return true;
      }
    }
    if (field.matchers.some((matcher) => matcher.kind === 'absent')) {
      const present = leaves.some((leaf) => combine(membership, leaf.membership) !== undefined);
      if (!present && search(index + 1, membership)) return true;
    }
    return false;
  };
  return search(0, new Map());
}
