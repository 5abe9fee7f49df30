import { CompiledEventPattern, compileEventPattern, parseEventPattern } from './pattern';
import type { EventPattern } from './types';

export { InvalidEventPatternException } from './errors';
export type {
  AnythingButOperand,
  CaseOperand,
  EventPattern,
  ExactValue,
  MatchExpression,
  NumericOperand,
  PatternValue,
} from './types';
export { CompiledEventPattern, compileEventPattern, parseEventPattern };

/** Throws InvalidEventPatternException unless AWS EventBridge would accept the pattern. */
export function validatePattern(pattern: unknown): asserts pattern is EventPattern {
  compileEventPattern(pattern);
}

/** Whether the event matches the pattern under EventBridge semantics; throws on an invalid pattern. */
export function matches(pattern: EventPattern | CompiledEventPattern, event: unknown): boolean {
  const compiled = pattern instanceof CompiledEventPattern ? pattern : compileEventPattern(pattern);
  return compiled.matches(event);
}
