import type { IpRange } from './cidr';
import type { CaseInsensitive } from './text';
import type { Wildcard } from './wildcard';

/** One compiled entry of a field's value list. Strings are held in their UTF-8-faithful form. */
export type Matcher =
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'literal'; readonly text: string }
  | { readonly kind: 'numeric-equals'; readonly value: number }
  | {
      readonly kind: 'range';
      readonly low: number;
      readonly lowOpen: boolean;
      readonly high: number;
      readonly highOpen: boolean;
    }
  | { readonly kind: 'ip'; readonly range: IpRange }
  | { readonly kind: 'prefix' | 'suffix'; readonly value: string }
  | {
      readonly kind: 'prefix-ignore-case' | 'suffix-ignore-case' | 'equals-ignore-case';
      readonly source: string;
      readonly value: CaseInsensitive;
    }
  | { readonly kind: 'wildcard'; readonly wildcard: Wildcard }
  | { readonly kind: 'exists' | 'absent' }
  | {
      readonly kind: 'anything-but';
      readonly strings: ReadonlySet<string>;
      readonly numbers: readonly number[];
    }
  | { readonly kind: 'anything-but-prefix' | 'anything-but-suffix'; readonly values: readonly string[] }
  | {
      readonly kind: 'anything-but-ignore-case';
      readonly sources: readonly string[];
      readonly values: readonly CaseInsensitive[];
    }
  | { readonly kind: 'anything-but-wildcard'; readonly values: readonly Wildcard[] };

/** The matchers a field tests, in the order AWS tries them. */
export type FieldRule = readonly Matcher[];

/** One alternative of a pattern (one combination of its `$or` choices): field path to value list. */
export type Branch = ReadonlyMap<string, FieldRule>;

function sorted(values: Iterable<string | number>): string {
  return JSON.stringify([...values].map(String).sort());
}

/** A key that is equal for two matchers exactly when AWS treats them as the same pattern. */
export function matcherKey(matcher: Matcher): string {
  switch (matcher.kind) {
    case 'string':
    case 'prefix':
    case 'suffix':
      return `${matcher.kind}:${matcher.value}`;
    case 'literal':
      return `literal:${matcher.text}`;
    case 'numeric-equals':
      return `numeric-equals:${matcher.value}`;
    case 'range':
      return `range:${matcher.low}:${matcher.lowOpen}:${matcher.high}:${matcher.highOpen}`;
    case 'ip':
      return `ip:${matcher.range.bottom}:${matcher.range.openBottom}:${matcher.range.top}:${matcher.range.openTop}`;
    case 'prefix-ignore-case':
    case 'suffix-ignore-case':
    case 'equals-ignore-case':
      return `${matcher.kind}:${matcher.source}`;
    case 'wildcard':
      return `wildcard:${matcher.wildcard.source}`;
    case 'exists':
    case 'absent':
      return matcher.kind;
    case 'anything-but':
      return `anything-but:${sorted(matcher.strings)}:${sorted(matcher.numbers)}`;
    case 'anything-but-prefix':
    case 'anything-but-suffix':
      return `${matcher.kind}:${sorted(matcher.values)}`;
    case 'anything-but-ignore-case':
      return `${matcher.kind}:${sorted(matcher.sources)}`;
    case 'anything-but-wildcard':
      return `${matcher.kind}:${sorted(matcher.values.map((value) => value.source))}`;
  }
}
