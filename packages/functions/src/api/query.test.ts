import type { Storage } from '@orders/core';
import { describe, expect, it } from 'vitest';
import { ExecutionHistoryUnavailableError } from '../executions/source';
import type { HttpEvent } from './http';
import { toHttpEvent } from './http-event';
import { PartnerKeys } from './keys';
import { createQueryHandler } from './query';

// The executions routes are for operators: the event carries what API Gateway's JWT authorizer fills in.
const operator = { jwt: { claims: { sub: 'ops-1', 'cognito:groups': '[operator]' }, scopes: null } };
const keys = new PartnerKeys([]);

function get(routeKey: string, pathParameters?: Record<string, string>): HttpEvent {
  const event = toHttpEvent({
    method: 'GET',
    routeKey,
    path: '/',
    ...(pathParameters ? { pathParameters } : {}),
  });
  return { ...event, requestContext: { ...event.requestContext, authorizer: operator } };
}

describe('the executions routes', () => {
  it('answer 501 with the reason when the workflow keeps no history', async () => {
    const unavailable = async (): Promise<never> => {
      throw new ExecutionHistoryUnavailableError('this stage runs the workflow as an Express state machine');
    };
    // The executions routes never touch the store.
    const query = createQueryHandler({
      store: {} as Storage.Store,
      keys,
      cursorKey: 'test-cursor-key',
      executions: { list: unavailable, get: unavailable },
    });
    const list = await query(get('GET /v1/executions'));
    const one = await query(get('GET /v1/executions/{executionId}', { executionId: 'arn:x' }));
    for (const response of [list, one]) {
      expect(response.statusCode).toBe(501);
      expect(JSON.parse(response.body)).toMatchObject({ error: { code: 'history_unavailable' } });
    }
  });

  it('answer 500 without internals when reading fails unexpectedly', async () => {
    const broken = async (): Promise<never> => {
      throw new Error('socket hang up at 10.0.0.1');
    };
    const query = createQueryHandler({
      store: {} as Storage.Store,
      keys,
      cursorKey: 'test-cursor-key',
      executions: { list: broken, get: broken },
    });
    const response = await query(get('GET /v1/executions'));
    expect(response.statusCode).toBe(500);
    expect(response.body).not.toContain('10.0.0.1');
  });
});
