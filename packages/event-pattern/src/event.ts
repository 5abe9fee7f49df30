import { utf8Text } from './text';

/** A leaf value of an event: strings, finite numbers, and the JSON literals true/false/null. */
export type EventValue =
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'literal'; readonly text: 'true' | 'false' | 'null' };

/** Which element of which event array a leaf sits in, for every array on its way from the root. */
export type Membership = ReadonlyMap<number, number>;

/** One leaf of the event under its dot-joined path. */
export interface EventField {
  readonly value: EventValue;
  readonly membership: Membership;
}

function leaf(value: unknown): EventValue | undefined {
  if (typeof value === 'string') return { kind: 'string', value: utf8Text(value) };
  // Like JSON.stringify, non-finite numbers become null.
  if (typeof value === 'number')
    return Number.isFinite(value) ? { kind: 'number', value } : { kind: 'literal', text: 'null' };
  if (typeof value === 'boolean') return { kind: 'literal', text: value ? 'true' : 'false' };
  if (value === null) return { kind: 'literal', text: 'null' };
  return undefined;
}

/**
 * Flattens an event into leaves keyed by dot-joined path. Empty arrays and objects leave nothing, which
 * is why `exists` only ever sees leaves. Values that JSON cannot hold (undefined, functions) are skipped.
 */
export function flattenEvent(event: Readonly<Record<string, unknown>>): ReadonlyMap<string, EventField[]> {
  const fields = new Map<string, EventField[]>();
  const path: string[] = [];
  const membership = new Map<number, number>();
  let arrays = 0;

  const add = (value: EventValue): void => {
    const key = path.join('.');
    const list = fields.get(key) ?? [];
    list.push({ value, membership: new Map(membership) });
    fields.set(key, list);
  };

  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      const id = arrays++;
      value.forEach((item: unknown, index) => {
        // Only nested containers remember their element; sibling scalars are just several values.
        const container = typeof item === 'object' && item !== null;
        if (container) membership.set(id, index);
        visit(item);
        if (container) membership.delete(id);
      });
      return;
    }
    if (typeof value === 'object' && value !== null) {
      for (const [key, child] of Object.entries(value)) {
        path.push(key);
        visit(child);
        path.pop();
      }
      return;
    }
    const converted = leaf(value);
    if (converted !== undefined) add(converted);
  };

  visit(event);
  return fields;
}
