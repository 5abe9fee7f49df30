import { Storage } from '@orders/core';
import { describe, expect, it } from 'vitest';
import { parseOrders } from './feed';
import { HttpError } from './http';

const order = (note: string) => ({ orderId: 'A-1', quantity: 1, note });

function refusal(body: string): HttpError {
  try {
    parseOrders(body);
  } catch (error) {
    if (error instanceof HttpError) return error;
    throw error;
  }
  throw new Error('the body was taken');
}

describe('the feed', () => {
  it('refuses an order over the per-order bound with 413, naming the bound', () => {
    const error = refusal(JSON.stringify(order('n'.repeat(200 * 1024))));
    expect(error.statusCode).toBe(413);
    expect(error.code).toBe('order_too_large');
    expect(error.message).toContain(String(Storage.maxOrderBytes));
  });

  it('counts characters outside ASCII as the escapes the workflow state may hold', () => {
    const error = refusal(JSON.stringify(order('€'.repeat(40 * 1024))));
    expect(error.statusCode).toBe(413);
  });

  it('takes an order just under the bound', () => {
    const base = Storage.orderStateBytes(order(''));
    expect(parseOrders(JSON.stringify(order('n'.repeat(Storage.maxOrderBytes - base))))).toHaveLength(1);
  });
});
