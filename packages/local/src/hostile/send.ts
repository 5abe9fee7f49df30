import { request } from 'node:http';
import type { HostileCase, KeyChoice } from './corpus';

/** What the server answered to one case; `dropped` when the connection failed instead. */
export interface Sent {
  case: HostileCase;
  status: number | 'dropped';
  text: string;
  /** The submissions a 202 answer listed. */
  submissionIds: string[];
}

type Json = Record<string, unknown>;

/** Runs `task` over `items`, at most `limit` at a time, keeping the order of `items`. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>) {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < items.length; index = next++)
      results[index] = await task(items[index] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

function resolveKey(choice: KeyChoice, partnerId: string, keys: Record<string, string>): string | undefined {
  if (choice === 'missing') return undefined;
  if (choice === 'wrong') return 'nope';
  if (choice === 'own') {
    const key = keys[partnerId];
    if (key === undefined) throw new Error(`no own key for ${partnerId}`);
    return key;
  }
  if (choice === 'other') return Object.entries(keys).find(([id]) => id !== partnerId)?.[1];
  return choice;
}

/** Sends the case's raw body over a fresh connection; a failed connection is a result, not an exception. */
export function sendCase(
  baseUrl: string,
  hostile: HostileCase,
  keys: Record<string, string>,
  tokens: Readonly<Record<string, string>> = {},
): Promise<Sent> {
  const url = new URL(baseUrl);
  const method = hostile.method ?? 'POST';
  const body = Buffer.from(method === 'POST' ? hostile.body : '', 'utf8');
  const key = resolveKey(hostile.key, hostile.partnerId, keys);
  const contentType = hostile.contentType ?? 'application/json';
  const headers: Record<string, string | number> = { 'content-length': body.length, connection: 'close' };
  if (contentType !== '') headers['content-type'] = contentType;
  if (key !== undefined) headers['x-api-key'] = key;
  if (hostile.token !== undefined) {
    const token = tokens[hostile.token];
    headers.authorization = token === undefined ? hostile.token : `Bearer ${token}`;
  }
  return new Promise((resolve) => {
    const dropped = (error: Error) =>
      resolve({ case: hostile, status: 'dropped', text: String(error), submissionIds: [] });
    const outgoing = request(
      {
        host: url.hostname === 'localhost' ? '127.0.0.1' : url.hostname,
        port: url.port,
        method,
        path: hostile.path ?? `/v1/partners/${hostile.partnerId}/orders`,
        headers,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', dropped);
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const status = response.statusCode ?? 0;
          resolve({
            case: hostile,
            status,
            text,
            submissionIds: status === 202 ? submissionIdsOf(text) : [],
          });
        });
      },
    );
    outgoing.on('error', dropped);
    outgoing.end(body);
  });
}

function submissionIdsOf(text: string): string[] {
  const accepted = (JSON.parse(text) as { accepted?: { submissionId: string }[] }).accepted ?? [];
  return accepted.map((entry) => entry.submissionId);
}

/** GETs an API path and parses the JSON answer. */
// How the checks read results back: as an operator, set once by the test that starts the app.
let readHeaders: Record<string, string> = {};

/** Sets the credentials every read-back below sends (an operator's bearer token). */
export function readAs(headers: Record<string, string>): void {
  readHeaders = headers;
}

export async function getJson(baseUrl: string, path: string): Promise<{ status: number; body: Json }> {
  const response = await fetch(`${baseUrl}${path}`, { headers: readHeaders });
  return { status: response.status, body: (await response.json()) as Json };
}

/** The submission ids of every error record of the partners, following the cursor to the last page. */
export async function recordedErrors(baseUrl: string, partnerIds: readonly string[]): Promise<Set<string>> {
  const ids = new Set<string>();
  for (const partnerId of partnerIds) {
    let cursor: string | null = null;
    do {
      const query: string = cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`;
      const { body } = await getJson(baseUrl, `/v1/partners/${partnerId}/errors?limit=100${query}`);
      for (const item of body.items as { submissionId: string }[]) ids.add(item.submissionId);
      cursor = body.nextCursor as string | null;
    } while (cursor !== null);
  }
  return ids;
}

const idFields: Record<string, string> = { 'partner-a': 'orderId', 'partner-b': 'transactionId' };

/** Everything wrong with how the server handled one case; empty when it did what the case expects. */
export async function checkCase(
  baseUrl: string,
  sent: Sent,
  errorIds: ReadonlySet<string>,
): Promise<string[]> {
  const { case: hostile, status, text } = sent;
  const expected = hostile.expect.status;
  const problem = (what: string) => `${hostile.name}: ${what}`;
  if (typeof expected === 'number' && expected !== 202) {
    if (status !== expected)
      return [problem(`answered ${status} ${text.slice(0, 200)}, expected ${expected}`)];
    const error = errorOf(text);
    if (typeof error?.message !== 'string' || error.message.trim() === '')
      return [problem(`has no error message in ${text.slice(0, 200)}`)];
    if (hostile.expect.code !== undefined && error.code !== hostile.expect.code)
      return [problem(`answered code ${String(error.code)}, expected ${hostile.expect.code}`)];
    return [];
  }
  if (status !== 202) return [problem(`answered ${status} ${text.slice(0, 200)}, expected 202`)];
  if (sent.submissionIds.length === 0) return [problem(`listed no submission in ${text.slice(0, 200)}`)];
  const problems: string[] = [];
  for (const submissionId of sent.submissionIds) {
    const path = `/v1/partners/${hostile.partnerId}/submissions/${submissionId}`;
    const submission = (await getJson(baseUrl, path)).body;
    const issues = (submission.issues ?? []) as { path: string; code: string; message: string }[];
    if (submission.status === 'pending') problems.push(problem(`left submission ${submissionId} pending`));
    if (expected === 'accepted-then-rejected') {
      const { path: field, code } = hostile.expect;
      if (submission.status !== 'rejected') problems.push(problem(`settled as ${String(submission.status)}`));
      if (issues.length === 0 || issues.some((issue) => issue.message.trim() === ''))
        problems.push(problem(`has an issue without a message: ${JSON.stringify(issues)}`));
      if (
        field !== undefined &&
        !issues.some((i) => i.path === field && (code === undefined || i.code === code))
      )
        problems.push(problem(`has no ${code ?? ''} issue at ${field}: ${JSON.stringify(issues)}`));
      if (!errorIds.has(submissionId)) problems.push(problem(`has no error record for ${submissionId}`));
    }
    if (expected === 'accepted') {
      if (submission.status !== 'accepted') {
        problems.push(problem(`settled as ${String(submission.status)}: ${JSON.stringify(issues)}`));
        continue;
      }
      // The id comes back exactly as sent (trimmed), whatever characters it holds.
      const order = (
        await getJson(baseUrl, `/v1/partners/${hostile.partnerId}/orders/${submission.sequenceNumber}`)
      ).body;
      const sentId = (JSON.parse(hostile.body) as Json)[idFields[hostile.partnerId] ?? ''];
      if (typeof sentId !== 'string' || order.externalOrderId !== sentId.trim())
        problems.push(problem(`stored the id as ${JSON.stringify(order.externalOrderId)}`));
    }
  }
  return problems;
}

// The API's error body, or undefined when the answer is not one (a bare status line, HTML, no JSON).
function errorOf(text: string): { code?: unknown; message?: unknown } | undefined {
  try {
    return (JSON.parse(text) as { error?: { code?: unknown; message?: unknown } }).error;
  } catch {
    return undefined;
  }
}
