import * as v from 'valibot';

/** Stable, machine-readable reasons an order fails validation; partners may branch on them. */
export const issueCodes = [
  'not_object',
  'required',
  'type',
  'empty',
  'too_long',
  'not_integer',
  'out_of_range',
  'invalid_time',
  'future_time',
] as const;

/**
 * Every code a rejection's issues carry: validation's, and those of rejections that are not about a field
 * (an unknown or mismatched source, a conflicting reuse of an id, a processing failure, a stored payload
 * that is not whole). The errors listing filters on these.
 */
export const rejectionCodes = [
  ...issueCodes,
  'unknown_partner',
  'source_mismatch',
  'conflict',
  'processing_failed',
  'payload_unreadable',
] as const;
export type RejectionCode = (typeof rejectionCodes)[number];

export const IssueCode = v.picklist(issueCodes);
export type IssueCode = v.InferOutput<typeof IssueCode>;

/**
 * One problem with a submitted order: `path` is the partner's own field name ('' for the whole payload).
 * `code` is any stable code, because rejections that are not about validation (a conflict, a processing
 * failure) carry issues too, and consumers of old events must keep parsing when new codes appear.
 */
export const Issue = v.object({
  path: v.string(),
  code: v.pipe(v.string(), v.nonEmpty()),
  message: v.string(),
});
export type Issue = v.InferOutput<typeof Issue>;

/** An issue found by validation, whose code is one of `issueCodes`. */
export type ValidationIssue = Issue & { code: IssueCode };

type ValibotIssue = v.BaseIssue<unknown>;

// Valibot names each failed action by its `type`; these are the built-in actions the order schemas use.
const codeByActionType: ReadonlyMap<string, IssueCode> = new Map([
  ['finite', 'type'],
  ['non_empty', 'empty'],
  ['max_length', 'too_long'],
  ['integer', 'not_integer'],
  ['min_value', 'out_of_range'],
  ['max_value', 'out_of_range'],
  ['gt_value', 'out_of_range'],
]);

// Every `v.check` reports type 'check', so each custom rule's test function is remembered with its code
// and recognised again through `issue.requirement`, which valibot sets to that function.
const codeByRuleTest = new WeakMap<object, IssueCode>();

/** Builds a valibot check whose failures map to `code`; `message` completes "<field> …". */
export function createRule<TInput>(
  code: IssueCode,
  test: (input: TInput) => boolean,
  message: string,
): v.CheckAction<TInput, string> {
  codeByRuleTest.set(test, code);
  return v.check(test, message);
}

/** Builds the message for a type mismatch: "must be a <expected>, got <actual type>". */
export function describeTypeMismatch(expected: string): (issue: ValibotIssue) => string {
  return (issue) => `must be ${expected}, got ${describeType(issue.input)}`;
}

/** Names the JSON-ish type of a value without echoing the value itself. */
export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return 'NaN';
    if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity';
    return 'a number';
  }
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'undefined') return 'undefined';
  return `a ${typeof value}`;
}

/** Turns valibot issues into partner-facing issues, one per failed field check, in schema order. */
export function toIssues(issues: readonly ValibotIssue[]): ValidationIssue[] {
  return issues.map(toIssue);
}

function toIssue(issue: ValibotIssue): ValidationIssue {
  const path = v.getDotPath(issue) ?? '';
  const subject = path === '' ? 'the order' : path;
  if (issue.kind === 'schema' && path === '') {
    return { path, code: 'not_object', message: `${subject} must be a JSON object` };
  }
  // A missing key and a key explicitly set to undefined mean the same to a partner.
  if (issue.kind === 'schema' && issue.input === undefined) {
    return { path, code: 'required', message: `${subject} is required` };
  }
  return { path, code: findCode(issue), message: `${subject} ${issue.message}` };
}

function findCode(issue: ValibotIssue): IssueCode {
  if (issue.kind === 'schema') return 'type';
  const ruleCode =
    typeof issue.requirement === 'function' ? codeByRuleTest.get(issue.requirement) : undefined;
  // Falling back to 'type' keeps an unmapped action visible as an issue rather than a crash.
  return ruleCode ?? codeByActionType.get(issue.type) ?? 'type';
}
