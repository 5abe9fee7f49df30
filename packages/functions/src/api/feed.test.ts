import { Storage } from '@orders/core';
import { describe, expect, it } from 'vitest';
import { parseOrders } from './feed';
import { bodyText, HttpError } from './http';
import { toHttpEvent } from './http-event';

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

  it('reads a body API Gateway base64-encoded as the text it encodes, limits included', () => {
    const text = JSON.stringify([order('€ décor')]);
    const event = {
      ...toHttpEvent({
        method: 'POST',
        routeKey: 'POST /v1/partners/{partnerId}/orders',
        path: '/v1/partners/partner-a/orders',
      }),
      body: Buffer.from(text, 'utf8').toString('base64'),
      isBase64Encoded: true,
    };
    expect(bodyText(event)).toBe(text);
    expect(parseOrders(bodyText(event))).toEqual([order('€ décor')]);
    const large = {
      ...event,
      body: Buffer.from(JSON.stringify(order('n'.repeat(200 * 1024)))).toString('base64'),
    };
    expect(() => parseOrders(bodyText(large))).toThrow(HttpError);
  });
});
