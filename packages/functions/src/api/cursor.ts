import { HttpError } from './http';

interface CursorContent {
  /** Whose data the cursor pages through, and which listing: a cursor is only valid where it was issued. */
  scope: string;
  position: string;
}

/** Wraps a storage cursor into an opaque one bound to the listing it came from. */
export function encodeCursor(scope: string, position: string | null): string | null {
  if (position === null) return null;
  return Buffer.from(JSON.stringify({ scope, position } satisfies CursorContent)).toString('base64url');
}

/** Unwraps a cursor from a query string; anything malformed or issued for another listing is a 400. */
export function decodeCursor(scope: string, cursor: string | undefined): string | null {
  if (cursor === undefined || cursor === '') return null;
  try {
    const content = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Partial<CursorContent>;
    if (content.scope === scope && typeof content.position === 'string') return content.position;
  } catch {
    // Falls through to the same answer as a cursor for another listing.
  }
  throw new HttpError(400, 'invalid_cursor', 'cursor is not one this listing issued; start again without it');
}
