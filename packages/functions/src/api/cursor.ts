import { createHmac, timingSafeEqual } from 'node:crypto';
import { HttpError } from './http';

interface CursorContent {
  /** Whose data the cursor pages through, and which listing: a cursor is only valid where it was issued. */
  scope: string;
  position: string;
}

/**
 * Wraps a storage cursor into an opaque one bound to the listing it came from and signed (HMAC-SHA256 with
 * the API's cursor key), so a cursor cannot be edited to point anywhere storage would follow.
 */
export function encodeCursor(key: string, scope: string, position: string | null): string | null {
  if (position === null) return null;
  const body = Buffer.from(JSON.stringify({ scope, position } satisfies CursorContent)).toString('base64url');
  return `${body}.${sign(key, body)}`;
}

/** Unwraps a cursor from a query string; anything unsigned, tampered or issued for another listing is a 400. */
export function decodeCursor(key: string, scope: string, cursor: string | undefined): string | null {
  if (cursor === undefined || cursor === '') return null;
  const [body = '', signature = '', ...rest] = cursor.split('.');
  const expected = Buffer.from(sign(key, body));
  const given = Buffer.from(signature);
  if (rest.length === 0 && given.length === expected.length && timingSafeEqual(given, expected)) {
    try {
      const content = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Partial<CursorContent>;
      if (content.scope === scope && typeof content.position === 'string') return content.position;
    } catch {
      // Falls through to the same answer as a cursor for another listing.
    }
  }
  throw new HttpError(400, 'invalid_cursor', 'cursor is not one this listing issued; start again without it');
}

function sign(key: string, body: string): string {
  return createHmac('sha256', key).update(body).digest('base64url');
}
