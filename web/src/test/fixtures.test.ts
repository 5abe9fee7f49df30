import { describe, expect, it } from 'vitest';
import { issue } from './fixtures';

describe('the fixtures’ issues', () => {
  it('take only a code the published description lists: a made-up one fails the typecheck', () => {
    // @ts-expect-error 'too_small' is no code the API sends (quantity below its minimum is 'out_of_range')
    const madeUp = issue('quantity', 'too_small', 'quantity must be at least 1');
    expect(madeUp.code).toBe('too_small');
    expect(issue('quantity', 'out_of_range', 'quantity must be at least 1').code).toBe('out_of_range');
  });
});
