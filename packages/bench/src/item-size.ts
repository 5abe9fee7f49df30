// DynamoDB's item size rules (Developer Guide, "Item sizes and formats"): every attribute costs its name's
// UTF-8 length plus its value's size; a string its UTF-8 length; a number about one byte per two significant
// digits plus one; a boolean or null one byte; a list or map three bytes plus one per element plus contents.

/** The size of a value as DynamoDB counts it. */
export function valueBytes(value: unknown): number {
  if (typeof value === 'string') return Buffer.byteLength(value, 'utf8');
  if (typeof value === 'number') return numberBytes(value);
  if (typeof value === 'boolean' || value === null || value === undefined) return 1;
  if (Array.isArray(value))
    return 3 + value.reduce((total: number, element) => total + 1 + valueBytes(element), 0);
  if (typeof value === 'object') {
    return (
      3 +
      Object.entries(value).reduce(
        (total, [name, element]) => total + 1 + Buffer.byteLength(name, 'utf8') + valueBytes(element),
        0,
      )
    );
  }
  return 0;
}

/** The size of an item: the sum over its attributes of name length plus value size. */
export function itemBytes(item: Record<string, unknown>): number {
  return Object.entries(item).reduce(
    (total, [name, value]) => total + Buffer.byteLength(name, 'utf8') + valueBytes(value),
    0,
  );
}

function numberBytes(value: number): number {
  const digits = Math.abs(value).toExponential().replace(/e.*$/, '').replace('.', '').replace(/0+$/, '');
  return Math.min(21, Math.ceil(Math.max(1, digits.length) / 2) + 1);
}
