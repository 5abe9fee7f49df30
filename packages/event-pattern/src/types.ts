/** The JSON literals and strings an event pattern can list for exact matching. */
export type ExactValue = string | number | boolean | null;

/** A string operand, optionally matched without regard to case. */
export type CaseOperand = string | { readonly 'equals-ignore-case': string };

/** Operand of `numeric`: `=` with a value, one bound, or a lower bound followed by an upper bound. */
export type NumericOperand =
  | readonly ['=', number]
  | readonly ['<' | '<=' | '>' | '>=', number]
  | readonly ['>' | '>=', number, '<' | '<=', number];

type OneOrMany<T> = T | readonly T[];

/** Operand of `anything-but`. */
export type AnythingButOperand =
  | string
  | number
  | readonly string[]
  | readonly number[]
  | { readonly prefix: OneOrMany<string> }
  | { readonly suffix: OneOrMany<string> }
  | { readonly 'equals-ignore-case': OneOrMany<string> }
  | { readonly wildcard: OneOrMany<string> };

/** A content filter inside a field's value list; exactly one operator per object. */
export type MatchExpression =
  | { readonly prefix: CaseOperand }
  | { readonly suffix: CaseOperand }
  | { readonly 'equals-ignore-case': string }
  | { readonly wildcard: string }
  | { readonly exactly: string }
  | { readonly 'anything-but': AnythingButOperand }
  | { readonly numeric: NumericOperand }
  | { readonly exists: boolean }
  | { readonly cidr: string };

/** One entry of a field's value list: the field matches when any entry does. */
export type PatternValue = ExactValue | MatchExpression;

/**
 * An EventBridge event pattern: nested objects mirror the event, arrays list what a leaf may be, and
 * `$or` (at any level) lists alternative sub-patterns.
 */
export interface EventPattern {
  readonly [field: string]: readonly PatternValue[] | EventPattern | readonly EventPattern[];
}
