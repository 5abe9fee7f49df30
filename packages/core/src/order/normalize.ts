import * as v from 'valibot';
import type { Partner } from '../partner/partner';
import { createOrderSchema } from './formats';
import { describeType, toIssues, type ValidationIssue } from './issue';
import { computeAmounts } from './money';
import type { NewOrder } from './order';

export interface NormalizeContext {
  submissionId: string;
  receivedAt: string;
  /** The instant the format's future-time tolerance is measured from; defaults to the current time. */
  now?: Date;
}

export type NormalizeResult = { ok: true; order: NewOrder } | { ok: false; issues: ValidationIssue[] };

/**
 * Validates a partner's payload against its format and turns it into a `NewOrder` with exact amounts.
 * Invalid input is a result, never an exception: every problem found is reported as an issue.
 */
export function normalize(partner: Partner, payload: unknown, context: NormalizeContext): NormalizeResult {
  const now = context.now ?? new Date();
  if (Number.isNaN(now.getTime())) throw new RangeError('normalize needs a valid `now`');
  if (!isPlainObject(payload)) {
    return { ok: false, issues: [{ path: '', code: 'not_object', message: describeNonObject(payload) }] };
  }

  const schema = createOrderSchema(partner.format, now);
  // One issue per field (the first check it fails), but every field is checked.
  const result = v.safeParse(schema, payload, { abortPipeEarly: true });
  if (!result.success) return { ok: false, issues: toIssues(result.issues) };

  const content = result.output;
  return {
    ok: true,
    order: {
      partnerId: partner.id,
      ...content,
      ...computeAmounts(content),
      submissionId: context.submissionId,
      receivedAt: context.receivedAt,
    },
  };
}

// Valibot's object schema accepts arrays and class instances; an order must be a JSON object.
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function describeNonObject(value: unknown): string {
  const message = 'the order must be a JSON object';
  if (Array.isArray(value)) return `${message}, got an array (send one order per object)`;
  const received = typeof value === 'object' && value !== null ? 'a non-plain object' : describeType(value);
  return `${message}, got ${received}`;
}
