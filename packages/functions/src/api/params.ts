import * as Http from '@orders/core/contract/http';
import { formatInstant, parseZonedIsoDateTime } from '@orders/core/order/time';
import { isTransient } from '@orders/core/storage/retry';
import * as v from 'valibot';
import { HttpError, type HttpEvent } from './http';

// The listings' query-string parameters, parsed once for every GET route: a malformed one is a 400 that
// names it, never a read with a guessed value.

/** `limit` from the query string: 1 to 100, 50 when absent. */
export function limitOf(event: HttpEvent): number {
  const text = event.queryStringParameters?.limit;
  if (text === undefined) return Http.defaultPageLimit;
  const parsed = v.safeParse(Http.PageLimitParameter, text);
  if (!parsed.success) {
    throw new HttpError(400, 'invalid_limit', 'limit must be a whole number from 1 to 100');
  }
  return parsed.output;
}

/**
 * `from`/`to` from the query string as UTC ISO strings. Each must be a real instant with a zone (no 30
 * February, no hour 24, an offset within ±23:59), read as the instant its offset names; malformed or
 * reversed bounds are a 400.
 */
export function timeRange(event: HttpEvent): { from?: string; to?: string } {
  const parse = (name: 'from' | 'to'): string | undefined => {
    const text = event.queryStringParameters?.[name];
    if (text === undefined || text === '') return undefined;
    const ms = parseZonedIsoDateTime(text);
    if (ms === undefined) {
      throw new HttpError(
        400,
        'invalid_time',
        `${name} must be a real ISO 8601 instant with a zone, e.g. 2024-05-01T12:00:00Z`,
      );
    }
    return formatInstant(ms);
  };
  const from = parse('from');
  const to = parse('to');
  if (from !== undefined && to !== undefined && from > to) {
    throw new HttpError(400, 'invalid_time_range', 'from must not be after to');
  }
  return { ...(from === undefined ? {} : { from }), ...(to === undefined ? {} : { to }) };
}

// A cursor that decodes but that storage cannot use (tampered or stale) is the caller's mistake, not ours.
export async function guardCursor<T>(cursor: string | null, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    // A signed cursor was ours; an outage while following it is the platform's, answered 503 by `respond`.
    if (cursor !== null && isCursorError(error) && !isTransient(error)) {
      throw new HttpError(
        400,
        'invalid_cursor',
        'cursor is not one this listing issued; start again without it',
      );
    }
    throw error;
  }
}

function isCursorError(error: unknown): boolean {
  for (let current = error; current instanceof Error; current = current.cause) {
    if (
      current.name === 'ValidationException' ||
      current.name === 'ElectroError' ||
      current.name === 'InvalidSubmissionCursorError'
    )
      return true;
  }
  return false;
}

/**
 * One of a fixed list of values from the query string, or undefined when absent; anything else is a 400
 * that lists what the parameter takes.
 */
export function choiceOf<const T extends readonly string[]>(
  event: HttpEvent,
  name: string,
  schema: v.PicklistSchema<T, undefined>,
): T[number] | undefined {
  const text = event.queryStringParameters?.[name];
  if (text === undefined || text === '') return undefined;
  const parsed = v.safeParse(schema, text);
  if (!parsed.success) {
    throw new HttpError(400, `invalid_${name}`, `${name} must be one of: ${schema.options.join(', ')}`);
  }
  return parsed.output;
}

/** The query-string parameters a request names, among `names`. */
export function namedParameters(event: HttpEvent, names: readonly string[]): string[] {
  const given = event.queryStringParameters ?? {};
  return names.filter((name) => given[name] !== undefined);
}

/**
 * The time series' `from`, `to`, `bucket` and `partnerId`, parsed with `Http.TimeseriesQuery`; every
 * problem is one issue of a 400 `invalid_query`, named by its parameter.
 */
export function timeseriesQueryOf(event: HttpEvent): Http.TimeseriesQuery {
  const query = event.queryStringParameters ?? {};
  const parsed = v.safeParse(Http.TimeseriesQuery, {
    ...(query.from === undefined ? {} : { from: query.from }),
    ...(query.to === undefined ? {} : { to: query.to }),
    ...(query.bucket === undefined ? {} : { bucket: query.bucket }),
    ...(query.partnerId === undefined ? {} : { partnerId: query.partnerId }),
  });
  if (parsed.success) return parsed.output;
  const issues = parsed.issues.map((issue) => {
    const path = v.getDotPath(issue) ?? '';
    const message =
      issue.type === 'picklist'
        ? `${path} must be one of ${Http.TrendBucketParameter.options.join(', ')}`
        : `${path} ${issue.message}`;
    return { path, code: issue.type, message };
  });
  throw new HttpError(400, 'invalid_query', issues.map((issue) => issue.message).join('; '), issues);
}
