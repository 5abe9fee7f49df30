const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

interface Decimal {
  readonly negative: boolean;
  readonly digits: string;
  readonly exponent: number;
}

function toDecimal(text: string): Decimal | undefined {
  const match = DECIMAL.exec(text);
  if (match === null) return undefined;
  const [, sign = '', whole = '', fraction = '', exponent = '0'] = match;
  let digits = (whole + fraction).replace(/^0+/, '');
  let scale = Number(exponent) - fraction.length;
  const trimmed = digits.replace(/0+$/, '');
  scale += digits.length - trimmed.length;
  digits = trimmed;
  if (digits === '') return { negative: false, digits: '', exponent: 0 };
  return { negative: sign === '-', digits, exponent: scale };
}

/**
 * Java writes a double with at least two significant digits, choosing the two closest to its exact
 * value when one digit would do. That differs from JavaScript's shortest form only for the tiniest
 * subnormals (Java writes 5e-324 as 4.9E-324), and AWS compares against Java's form.
 */
function javaDoubleText(value: number): string {
  const shortest = String(value);
  const digits = toDecimal(shortest)?.digits ?? '';
  return digits.length === 1 ? value.toExponential(1) : shortest;
}

/**
 * Parses a JSON number the way EventBridge does for numeric matching: the value must survive the trip
 * through a double unchanged, otherwise AWS refuses to compare it.
 */
export function comparableNumber(text: string): number | undefined {
  const value = Number(text);
  if (!Number.isFinite(value)) return undefined;
  const written = toDecimal(text);
  const stored = toDecimal(javaDoubleText(value));
  if (written === undefined || stored === undefined) return undefined;
  const same =
    written.negative === stored.negative &&
    written.digits === stored.digits &&
    written.exponent === stored.exponent;
  // Zero is normalised so that -0 and 0 are one value, as they are for AWS.
  return same ? value + 0 : undefined;
}

/** The reason AWS gives for a number it cannot compare. */
export function cannotCompare(text: string): string {
  return `Cannot compare number : ${text}`;
}

const SIGN_BIT = 1n << 63n;
const ALL_BITS = (1n << 64n) - 1n;

/**
 * The ten 7-bit bytes AWS orders numbers by, as a string of code points 0-127. Only its tail matters
 * here: suffix patterns on a field that also has numeric patterns are (surprisingly) tested against it.
 */
export function comparableNumberBytes(value: number): string {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value + 0);
  let bits = view.getBigUint64(0);
  bits = (bits & SIGN_BIT) === 0n ? bits ^ SIGN_BIT : bits ^ ALL_BITS;
  const groups: number[] = [];
  for (let i = 0; i < 10; i++) {
    groups.unshift(Number(bits & 0x7fn));
    bits >>= 7n;
  }
  return String.fromCharCode(...groups);
}
