const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * AWS compares the UTF-8 bytes of strings, and Java encodes an unpaired surrogate as '?'.
 * After this, comparing JavaScript strings gives the same answers as comparing those bytes.
 */
export function utf8Text(text: string): string {
  return text.replace(LONE_SURROGATE, '?');
}

/** Each position of a case-insensitive pattern lists the spellings it accepts there. */
export type CaseInsensitive = ReadonlyArray<readonly string[]>;

/**
 * Mirrors how AWS builds equals-ignore-case matchers: one UTF-16 unit at a time, accepting its
 * lower-case and upper-case forms only. Surrogate halves become '?', so astral characters never match.
 */
export function caseInsensitive(text: string): CaseInsensitive {
  const positions: string[][] = [];
  for (let i = 0; i < text.length; i++) {
    const unit = text.charAt(i);
    const code = unit.charCodeAt(0);
    if (code >= 0xd800 && code <= 0xdfff) {
      positions.push(['?']);
      continue;
    }
    const lower = unit.toLowerCase();
    const upper = unit.toUpperCase();
    positions.push(lower === upper ? [lower] : [lower, upper]);
  }
  return positions;
}

function ends(pattern: CaseInsensitive, value: string, fromEnd: boolean): Set<number> {
  let offsets = new Set<number>([0]);
  const sequence = fromEnd ? [...pattern].reverse() : pattern;
  for (const spellings of sequence) {
    const next = new Set<number>();
    for (const offset of offsets) {
      for (const spelling of spellings) {
        const fits = fromEnd
          ? value.endsWith(spelling, value.length - offset)
          : value.startsWith(spelling, offset);
        if (fits) next.add(offset + spelling.length);
      }
    }
    if (next.size === 0) return next;
    offsets = next;
  }
  return offsets;
}

/** Whether the whole value matches the case-insensitive pattern. */
export function equalsIgnoringCase(pattern: CaseInsensitive, value: string): boolean {
  return ends(pattern, value, false).has(value.length);
}

/** Whether the value starts with the case-insensitive pattern. */
export function startsIgnoringCase(pattern: CaseInsensitive, value: string): boolean {
  return ends(pattern, value, false).size > 0;
}

/** Whether the value ends with the case-insensitive pattern. */
export function endsIgnoringCase(pattern: CaseInsensitive, value: string): boolean {
  return ends(pattern, value, true).size > 0;
}

function javaHash(text: string): number {
  let hash = 0;
  for (let i = 0; i < text.length; i++) hash = (Math.imul(hash, 31) + text.charCodeAt(i)) | 0;
  return hash ^ (hash >>> 16);
}

/**
 * The order a default java.util.HashSet iterates the given distinct strings in. AWS processes the
 * values of an anything-but list in that order, which decides both which error it reports first and
 * how the values' automaton states end up shared.
 */
export function javaHashSetOrder(values: readonly string[]): string[] {
  let capacity = 16;
  while (values.length > capacity * 0.75) capacity *= 2;
  const bucket = (value: string): number => javaHash(value) & (capacity - 1);
  return values
    .map((value, index) => ({ value, index, bucket: bucket(value) }))
    .sort((a, b) => a.bucket - b.bucket || a.index - b.index)
    .map(({ value }) => value);
}
