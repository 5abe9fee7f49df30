import { compileBranches } from './compile';
import { flattenEvent } from './event';
import { type JsonNode, parsePatternText, patternValueToNode } from './json-text';
import { type CompiledField, checkComplexity, layoutBranches } from './machine';
import { matchesBranch } from './match';

/** A validated pattern, ready to be matched against many events. */
export class CompiledEventPattern {
  /** @internal One entry per `$or` combination; the pattern matches when any of them does. */
  readonly branches: ReadonlyArray<readonly CompiledField[]>;

  /** @internal Use compileEventPattern or parseEventPattern. */
  constructor(root: JsonNode) {
    const branches = compileBranches(root);
    checkComplexity(branches);
    this.branches = layoutBranches(branches);
  }

  /** Whether the event matches; anything other than a JSON object never does. */
  matches(event: unknown): boolean {
    if (typeof event !== 'object' || event === null || Array.isArray(event)) return false;
    const fields = flattenEvent(event as Readonly<Record<string, unknown>>);
    return this.branches.some((branch) => matchesBranch(branch, fields));
  }
}

/** Validates and compiles a pattern given as a JavaScript value (read as its JSON serialization). */
export function compileEventPattern(pattern: unknown): CompiledEventPattern {
  return new CompiledEventPattern(patternValueToNode(pattern));
}

/** Validates and compiles pattern JSON text exactly as AWS reads it, including repeated keys. */
export function parseEventPattern(text: string): CompiledEventPattern {
  return new CompiledEventPattern(parsePatternText(text));
}
