import { reject } from './errors';

/**
 * A parsed JSON value that keeps what `JSON.parse` throws away but EventBridge relies on:
 * repeated object keys (in order) and the literal text of numbers.
 */
export type JsonNode =
  | { readonly kind: 'object'; readonly entries: ReadonlyArray<readonly [string, JsonNode]> }
  | { readonly kind: 'array'; readonly items: readonly JsonNode[] }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'number'; readonly text: string }
  | { readonly kind: 'literal'; readonly text: 'true' | 'false' | 'null' };

const ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

class Reader {
  private pos = 0;

  constructor(private readonly text: string) {}

  fail(what: string): never {
    return reject(`${what} at position ${this.pos}`);
  }

  skipSpace(): void {
    while (this.pos < this.text.length && ' \t\n\r'.includes(this.text.charAt(this.pos))) this.pos++;
  }

  peek(): string {
    this.skipSpace();
    return this.text.charAt(this.pos);
  }

  expect(char: string): void {
    if (this.peek() !== char) this.fail(`Expected '${char}'`);
    this.pos++;
  }

  value(): JsonNode {
    const char = this.peek();
    if (char === '{') return this.object();
    if (char === '[') return this.array();
    if (char === '"') return { kind: 'string', value: this.string() };
    for (const text of ['true', 'false', 'null'] as const) {
      if (this.text.startsWith(text, this.pos)) {
        this.pos += text.length;
        return { kind: 'literal', text };
      }
    }
    NUMBER.lastIndex = this.pos;
    const number = NUMBER.exec(this.text);
    if (number === null)
      return this.fail(char === '' ? 'Unexpected end of input' : `Unexpected character '${char}'`);
    this.pos += number[0].length;
    return { kind: 'number', text: number[0] };
  }

  object(): JsonNode {
    this.expect('{');
    const entries: Array<readonly [string, JsonNode]> = [];
    if (this.peek() === '}') {
      this.pos++;
      return { kind: 'object', entries };
    }
    for (;;) {
      if (this.peek() !== '"') this.fail('Expected a field name');
      const key = this.string();
      this.expect(':');
      entries.push([key, this.value()]);
      const next = this.peek();
      this.pos++;
      if (next === '}') return { kind: 'object', entries };
      if (next !== ',') this.fail("Expected ',' or '}'");
    }
  }

  array(): JsonNode {
    this.expect('[');
    const items: JsonNode[] = [];
    if (this.peek() === ']') {
      this.pos++;
      return { kind: 'array', items };
    }
    for (;;) {
      items.push(this.value());
      const next = this.peek();
      this.pos++;
      if (next === ']') return { kind: 'array', items };
      if (next !== ',') this.fail("Expected ',' or ']'");
    }
  }

  string(): string {
    this.pos++;
    let out = '';
    for (;;) {
      const char = this.text.charAt(this.pos);
      if (char === '') this.fail('Unterminated string');
      if (char === '"') {
        this.pos++;
        return out;
      }
      if (char < ' ') this.fail('Unescaped control character in string');
      if (char !== '\\') {
        out += char;
        this.pos++;
        continue;
      }
      const escaped = this.text.charAt(this.pos + 1);
      if (escaped === 'u') {
        const hex = this.text.slice(this.pos + 2, this.pos + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail('Invalid unicode escape');
        out += String.fromCharCode(Number.parseInt(hex, 16));
        this.pos += 6;
        continue;
      }
      const decoded = ESCAPES[escaped];
      if (decoded === undefined) this.fail('Invalid escape sequence');
      out += decoded;
      this.pos += 2;
    }
  }
}

/**
 * Parses pattern text the way EventBridge's streaming parser reads it: the root must be an object,
 * repeated keys are all kept, and anything after the root object is never looked at.
 */
export function parsePatternText(text: string): JsonNode {
  const reader = new Reader(text);
  if (reader.peek() !== '{') reject('Filter is not an object');
  return reader.object();
}

/** Turns a JavaScript pattern value into a JsonNode through its JSON serialization. */
export function patternValueToNode(pattern: unknown): JsonNode {
  let text: string | undefined;
  try {
    text = JSON.stringify(pattern);
  } catch (error) {
    return reject(
      `Filter cannot be serialized to JSON (${error instanceof Error ? error.message : 'unknown'})`,
    );
  }
  return parsePatternText(text ?? '');
}

/** The text Jackson's `getText()` gives for a token, which AWS quotes in several error messages. */
export function tokenText(node: JsonNode | undefined): string {
  if (node === undefined) return ']';
  switch (node.kind) {
    case 'object':
      return '{';
    case 'array':
      return '[';
    case 'string':
      return node.value;
    default:
      return node.text;
  }
}
