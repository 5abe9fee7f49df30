import { formatInstant } from '../order/time';

/** Inclusive bounds on an instant, as UTC ISO strings with milliseconds (`formatInstant`). */
export interface TimeRange {
  from?: string;
  to?: string;
}

/**
 * A time range as sort-key bounds: `from` inclusive, `before` exclusive. In the sort keys a time is
 * followed by more of the key (`#sequenceNumber_…`, `#submissionId_…`), so "at most `to`" cannot be a
 * plain `<=` on the key: it becomes "below the bare key of the next millisecond", which every key at
 * `to` sorts under and none after it does. Stored times all have `formatInstant`'s fixed width.
 */
export function timeKeyRange(range: TimeRange): { from?: string; before?: string } | undefined {
  if (range.from === undefined && range.to === undefined) return undefined;
  return {
    ...(range.from === undefined ? {} : { from: range.from }),
    ...(range.to === undefined ? {} : { before: formatInstant(Date.parse(range.to) + 1) }),
  };
}

/** Whether bounds leave no instant between them (DynamoDB refuses a BETWEEN whose bounds are reversed). */
export function isEmptyKeyRange(range: { from?: string; before?: string }): boolean {
  return range.from !== undefined && range.before !== undefined && range.from >= range.before;
}

/**
 * Read options for one page: DynamoDB is asked for one item more than the page holds, so that a full
 * last page is known to be the last (no cursor to an empty page) and no request reads more than that.
 */
export function pageReadOptions(query: { limit?: number; cursor?: string | null }) {
  const count = pageSize(query) + 1;
  return { count, limit: count, cursor: query.cursor ?? null };
}

/** The page from what `pageReadOptions` read: the cursor points after its last item, if more follow. */
export function toPage<T>(
  read: T[],
  query: { limit?: number },
  cursorAfter: (item: T) => string | null,
): { items: T[]; nextCursor: string | null } {
  const size = pageSize(query);
  if (read.length <= size) return { items: read, nextCursor: null };
  const items = read.slice(0, size);
  const last = items[items.length - 1];
  return { items, nextCursor: last === undefined ? null : cursorAfter(last) };
}

function pageSize(query: { limit?: number }): number {
  return query.limit ?? 50;
}
