import { reject } from './errors';
import { utf8Text } from './text';

const STAR = -1;
const ASTERISK = 0x2a;
const BACKSLASH = 0x5c;
const QUOTE = 0x22;

/** A wildcard operand as AWS sees it: the bytes of `"operand"`, with STAR (-1) for each unescaped `*`. */
export type WildcardBytes = readonly number[];

/** A compiled wildcard: the literal runs between its `*`s, for matching. */
export interface Wildcard {
  readonly source: string;
  readonly bytes: WildcardBytes;
  readonly segments: readonly string[];
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Parses a wildcard operand, throwing AWS's message (with its byte position) when it is malformed. */
export function parseWildcard(source: string): Wildcard {
  const raw = encoder.encode(`"${utf8Text(source)}"`);
  const bytes: number[] = [];
  const segments: string[] = [];
  let run: number[] = [];
  for (let i = 0; i < raw.length; i++) {
    const byte = raw[i] ?? 0;
    const next = raw[i + 1];
    if (byte === ASTERISK) {
      if (next === ASTERISK) reject(`Consecutive wildcard characters at pos ${i}`);
      bytes.push(STAR);
      segments.push(decoder.decode(new Uint8Array(run)));
      run = [];
    } else if (byte === BACKSLASH) {
      if (next !== ASTERISK && next !== BACKSLASH) reject(`Invalid escape character at pos ${i}`);
      bytes.push(next);
      run.push(next);
      i++;
    } else {
      bytes.push(byte);
      run.push(byte);
    }
  }
  segments.push(decoder.decode(new Uint8Array(run)));
  // The surrounding quotes anchor both ends; strip them so segments compare against plain values.
  const first = segments[0] ?? '';
  const last = segments.length - 1;
  segments[0] = first.slice(1);
  segments[last] = (segments[last] ?? '').slice(0, -1);
  return { source, bytes, segments };
}

/** Whether a string value matches a wildcard, where each `*` stands for any run of characters. */
export function matchesWildcard(wildcard: Wildcard, value: string): boolean {
  const { segments } = wildcard;
  const head = segments[0] ?? '';
  if (segments.length === 1) return value === head;
  const tail = segments[segments.length - 1] ?? '';
  if (value.length < head.length + tail.length || !value.startsWith(head) || !value.endsWith(tail))
    return false;
  let offset = head.length;
  const end = value.length - tail.length;
  for (const segment of segments.slice(1, -1)) {
    const found = value.indexOf(segment, offset);
    if (found === -1 || found + segment.length > end) return false;
    offset = found + segment.length;
  }
  return true;
}

interface Node<T> {
  readonly id: number;
  /** AWS treats match states for the same pattern and follow-up as one; they share this id. */
  readonly identity: number;
  readonly edges: Map<number, Node<T>[]>;
  star: Node<T> | undefined;
  readonly indeterminate: boolean;
  /** Set on match states: which pattern they complete and what follows a match. */
  readonly match: { readonly key: string; readonly next: T } | undefined;
}

/**
 * Models the part of AWS's per-field byte automaton that wildcard patterns build, closely enough to
 * reproduce its complexity score. Each add follows AWS's rules for when existing states are reused,
 * so adding an equal pattern again can still grow the automaton, exactly as it does in AWS.
 */
export class WildcardAutomaton<T> {
  private nextId = 0;
  private readonly root = this.node(false, undefined);
  private readonly weights = new Map<number, Set<string>>();
  private readonly matchIdentities = new Map<string, Map<T, number>>();

  private node(indeterminate: boolean, match: Node<T>['match']): Node<T> {
    const id = this.nextId++;
    let identity = id;
    if (match !== undefined) {
      const byNext = this.matchIdentities.get(match.key) ?? new Map<T, number>();
      this.matchIdentities.set(match.key, byNext);
      identity = byNext.get(match.next) ?? id;
      byNext.set(match.next, identity);
    }
    return { id, identity, edges: new Map(), star: undefined, indeterminate, match };
  }

  /** Adds a pattern's values; returns what follows an existing equal match, or else `next`. */
  add(key: string, values: readonly WildcardBytes[], next: T): T {
    this.weights.clear();
    let result: T | undefined;
    for (const value of values) {
      const found = this.addValue(key, value, result ?? next);
      result ??= found;
    }
    return result ?? next;
  }

  private addValue(key: string, value: WildcardBytes, next: T): T {
    let node = this.root;
    let previous: Node<T> | undefined;
    let i = 0;
    for (; i < value.length - 1; i++) {
      const reused = this.reusable(node, value, i);
      if (reused === undefined) break;
      previous = node;
      node = reused;
    }
    for (; i < value.length - 1; i++) {
      const byte = value[i] ?? QUOTE;
      if (byte === STAR) {
        const loop = this.node(true, undefined);
        loop.star = loop;
        node.star = loop;
        previous = node;
        node = loop;
        continue;
      }
      const created = this.node(node.indeterminate, undefined);
      link(node, byte, created);
      // The byte after a `*` is also reachable straight from the state before it: `*` may match nothing.
      if (previous !== undefined && value[i - 1] === STAR) link(previous, byte, created);
      previous = node;
      node = created;
    }
    const existing = node.edges.get(QUOTE)?.find((target) => target.match?.key === key);
    if (existing?.match !== undefined) return existing.match.next;
    const match = this.node(true, { key, next });
    link(node, QUOTE, match);
    if (previous !== undefined && value[value.length - 2] === STAR) link(previous, QUOTE, match);
    return next;
  }

  // AWS only walks into a state reached through a `*` when no other path could leak into it. Its
  // test for that is conservative: any letter with a case distinction counts as a possible leak.
  private reusable(node: Node<T>, value: WildcardBytes, index: number): Node<T> | undefined {
    const byte = value[index] ?? QUOTE;
    if (byte === STAR) return node.star;
    const safe =
      isContinuationByte(byte) || ((node.star === undefined || node.star === node) && !isCased(value, index));
    return node.edges.get(byte)?.find((next) => !next.indeterminate || safe);
  }

  // The distinct patterns a state can still complete.
  private weight(node: Node<T>): Set<string> {
    const known = this.weights.get(node.id);
    if (known !== undefined) return known;
    const keys = new Set<string>();
    this.weights.set(node.id, keys);
    if (node.match !== undefined) keys.add(node.match.key);
    for (const targets of node.edges.values()) {
      for (const target of targets) for (const key of this.weight(target)) keys.add(key);
    }
    if (node.star !== undefined && node.star !== node)
      for (const key of this.weight(node.star)) keys.add(key);
    return keys;
  }

  // A state right before a `*` also counts its loop, since `*` may match nothing.
  private score(states: readonly Node<T>[]): number {
    const present = new Set(states.map((state) => state.identity));
    let total = 0;
    for (const state of states) {
      total += this.weight(state).size;
      if (state.star !== undefined && !present.has(state.star.identity))
        total += this.weight(state.star).size;
    }
    return total;
  }

  /**
   * AWS's complexity score: over every input, the largest sum of distinct patterns still reachable
   * from each live state. Stops once `limit` is exceeded.
   */
  complexity(limit: number): number {
    const alphabet = new Set<number>();
    const collect = (node: Node<T>, seen: Set<number>): void => {
      if (seen.has(node.id)) return;
      seen.add(node.id);
      for (const [byte, targets] of node.edges) {
        alphabet.add(byte);
        for (const target of targets) collect(target, seen);
      }
      if (node.star !== undefined) collect(node.star, seen);
    };
    collect(this.root, new Set());
    // One byte that no pattern mentions stands for every such byte: they all behave the same.
    for (let byte = 0; byte < 256; byte++) {
      if (!alphabet.has(byte)) {
        alphabet.add(byte);
        break;
      }
    }
    let worst = 0;
    const seen = new Set<string>();
    const queue: Node<T>[][] = [];
    const enqueue = (states: readonly Node<T>[]): void => {
      for (const byte of alphabet) {
        const next = step(states, byte);
        if (next.length > 0) queue.push(next);
      }
    };
    enqueue([this.root]);
    while (queue.length > 0) {
      const states = queue.shift() ?? [];
      const id = states.map((state) => state.identity).join(',');
      if (seen.has(id)) continue;
      seen.add(id);
      worst = Math.max(worst, this.score(states));
      if (worst > limit) return worst;
      enqueue(states);
    }
    return worst;
  }
}

function isContinuationByte(byte: number): boolean {
  return byte >= 0x80 && byte < 0xc0;
}

function isCased(value: WildcardBytes, index: number): boolean {
  const lead = value[index] ?? 0;
  const length = lead < 0x80 ? 1 : lead < 0xe0 ? 2 : lead < 0xf0 ? 3 : 4;
  const unit = decoder.decode(new Uint8Array(value.slice(index, index + length))).charAt(0);
  const code = unit.charCodeAt(0);
  if (code >= 0xd800 && code <= 0xdfff) return false;
  return unit.toLowerCase() !== unit.toUpperCase();
}

function link<T>(from: Node<T>, byte: number, to: Node<T>): void {
  const targets = from.edges.get(byte);
  if (targets === undefined) from.edges.set(byte, [to]);
  else targets.push(to);
}

function step<T>(states: readonly Node<T>[], byte: number): Node<T>[] {
  const next = new Map<number, Node<T>>();
  for (const state of states) {
    for (const target of state.edges.get(byte) ?? []) next.set(target.identity, target);
    if (state.star !== undefined) next.set(state.star.identity, state.star);
  }
  return [...next.values()].sort((a, b) => a.identity - b.identity);
}
