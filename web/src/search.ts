import { ApiError, answer, api } from './api';
import { executionHref, href, submissionHref } from './router';

// What the header's search box takes, and where each kind of term leads. A term is tried as every kind it
// could be, in the order below, for the selected partner first and then the others; the first hit opens
// its page, and a miss says everything that was tried.

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const sequenceNumber = /^[1-9]\d{0,14}$/;

/** One lookup the search makes: what it reads, and where a hit leads. */
export interface SearchAttempt {
  /** In words, for the "nothing found" answer: "order number 12 of partner-a". */
  label: string;
  /** The page to open on a hit, or undefined on a miss. */
  run: (signal?: AbortSignal) => Promise<string | undefined>;
}

export type SearchResult = { found: true; target: string } | { found: false; tried: string[] };

/** The lookups for a term, in the order they are tried. */
export function searchAttempts(
  term: string,
  partnerId: string | undefined,
  partnerIds: readonly string[],
): SearchAttempt[] {
  const text = term.trim();
  if (text === '') return [];
  if (text.startsWith('arn:')) return [executionAttempt(text, partnerId)];
  const partners = [...new Set([...(partnerId === undefined ? [] : [partnerId]), ...partnerIds])];
  const attempts: SearchAttempt[] = [];
  for (const partner of partners) {
    if (uuid.test(text)) attempts.push(submissionAttempt(text, partner));
    if (sequenceNumber.test(text) && partner === partnerId)
      attempts.push(orderNumberAttempt(Number(text), partner));
    // Stored ids are trimmed, so the trimmed term is the id; its case is kept: ORD-1 is not ord-1.
    attempts.push(externalIdAttempt(text, partner));
  }
  return attempts;
}

/** Runs the lookups in order and stops at the first hit. */
export async function search(
  attempts: readonly SearchAttempt[],
  signal?: AbortSignal,
): Promise<SearchResult> {
  for (const attempt of attempts) {
    const target = await attempt.run(signal);
    if (target !== undefined) return { found: true, target };
  }
  return { found: false, tried: attempts.map((attempt) => attempt.label) };
}

// A 404 or a 400 (a term that is not that kind of id) is a miss; anything else is a failure to report.
async function missOn404<T>(read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof ApiError && (error.status === 404 || error.status === 400)) return undefined;
    throw error;
  }
}

function executionAttempt(executionArn: string, partnerId: string | undefined): SearchAttempt {
  return {
    label: `execution ${executionArn}`,
    run: async (signal) => {
      const execution = await missOn404(() =>
        answer(
          api.GET('/v1/executions/{executionId}', {
            params: { path: { executionId: executionArn } },
            signal,
          }),
        ),
      );
      return execution === undefined ? undefined : executionHref(executionArn, partnerId);
    },
  };
}

function submissionAttempt(submissionId: string, partnerId: string): SearchAttempt {
  return {
    label: `submission ${submissionId} of ${partnerId}`,
    run: async (signal) => {
      const submission = await missOn404(() =>
        answer(
          api.GET('/v1/partners/{partnerId}/submissions/{submissionId}', {
            params: { path: { partnerId, submissionId } },
            signal,
          }),
        ),
      );
      return submission === undefined ? undefined : submissionHref(submissionId, partnerId);
    },
  };
}

function orderNumberAttempt(number: number, partnerId: string): SearchAttempt {
  return {
    label: `order number ${number} of ${partnerId}`,
    run: async (signal) => {
      const order = await missOn404(() =>
        answer(
          api.GET('/v1/partners/{partnerId}/orders/{sequenceNumber}', {
            params: { path: { partnerId, sequenceNumber: number } },
            signal,
          }),
        ),
      );
      return order === undefined ? undefined : href(`/orders/${number}`, partnerId);
    },
  };
}

function externalIdAttempt(externalOrderId: string, partnerId: string): SearchAttempt {
  return {
    label: `order id “${externalOrderId}” of ${partnerId}`,
    run: async (signal) => {
      const page = await missOn404(() =>
        answer(
          api.GET('/v1/partners/{partnerId}/orders', {
            params: { path: { partnerId }, query: { externalOrderId } },
            signal,
          }),
        ),
      );
      const [order] = page?.items ?? [];
      return order === undefined ? undefined : href(`/orders/${order.sequenceNumber}`, partnerId);
    },
  };
}
