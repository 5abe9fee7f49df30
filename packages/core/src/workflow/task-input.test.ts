import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { InvalidTaskInputError, parseTaskInput } from './task-input';

const Input = v.object({
  order: v.object({ customerId: v.literal('C-1'), quantity: v.number() }),
  category: v.picklist(['validation', 'conflict']),
});

describe('parseTaskInput', () => {
  it('names each wrong field and what it expects, never the value it received', () => {
    const secret = 'CARD-4111-1111-1111-1111';
    let thrown: unknown;
    try {
      parseTaskInput(Input, { order: { customerId: secret, quantity: secret }, category: secret });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InvalidTaskInputError);
    const message = (thrown as Error).message;
    expect(message).toContain('order.customerId: expected "C-1"');
    expect(message).toContain('order.quantity: expected number');
    expect(message).toContain('category: expected');
    expect(message).not.toContain(secret);
  });
});
