import { describe, expect, it } from 'vitest';
import { executionHref, href, parseHash } from './router';

describe('router', () => {
  it('matches every route of the app', () => {
    expect(parseHash('').route).toEqual({ name: 'dashboard' });
    expect(parseHash('#/dashboard').route).toEqual({ name: 'dashboard' });
    expect(parseHash('#/orders').route).toEqual({ name: 'orders' });
    expect(parseHash('#/orders/42').route).toEqual({ name: 'order', sequenceNumber: 42 });
    expect(parseHash('#/errors').route).toEqual({ name: 'errors' });
    expect(parseHash('#/submit').route).toEqual({ name: 'submit' });
    expect(parseHash('#/executions').route).toEqual({ name: 'executions' });
  });

  it('reads the partner from the hash query', () => {
    const location = parseHash('#/orders/3?partner=partner-b');
    expect(location.path).toBe('/orders/3');
    expect(location.query.get('partner')).toBe('partner-b');
  });

  it('round-trips an execution ARN through its link', () => {
    const arn = 'arn:aws:states:us-east-1:123456789012:execution:order-workflow:5f0c';
    const link = executionHref(arn, 'partner-a');
    expect(parseHash(link).route).toEqual({ name: 'execution', executionArn: arn });
    expect(parseHash(link).query.get('partner')).toBe('partner-a');
  });

  it('treats a sequence number that is not a positive integer as an unknown page', () => {
    expect(parseHash('#/orders/abc').route.name).toBe('not-found');
    expect(parseHash('#/orders/0').route.name).toBe('not-found');
    expect(parseHash('#/orders/1.5').route.name).toBe('not-found');
    expect(parseHash('#/orders/1/extra').route.name).toBe('not-found');
  });

  it('builds links that keep the selected partner', () => {
    expect(href('/errors', 'partner-a')).toBe('#/errors?partner=partner-a');
    expect(href('/executions', undefined)).toBe('#/executions');
  });
});
