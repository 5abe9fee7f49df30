import { describe, expect, it } from 'vitest';
import { executionHref, href, parseHash, submissionHref } from './router';

describe('router', () => {
  it('matches every route of the app', () => {
    expect(parseHash('').route).toEqual({ name: 'dashboard' });
    expect(parseHash('#/dashboard').route).toEqual({ name: 'dashboard' });
    expect(parseHash('#/orders').route).toEqual({ name: 'orders' });
    expect(parseHash('#/orders/42').route).toEqual({ name: 'order', sequenceNumber: 42 });
    expect(parseHash('#/errors').route).toEqual({ name: 'errors' });
    expect(parseHash('#/submit').route).toEqual({ name: 'submit' });
    expect(parseHash('#/executions').route).toEqual({ name: 'executions' });
    expect(parseHash('#/submissions').route).toEqual({ name: 'submissions' });
    expect(parseHash('#/search?q=ORD-1').route).toEqual({ name: 'search' });
  });

  it('round-trips a submission id through its link', () => {
    const link = submissionHref('0b7c6f9e-3c1d-4a55-9f0e-2d7a1b8c4e61', 'partner-b');
    expect(parseHash(link).route).toEqual({
      name: 'submission',
      submissionId: '0b7c6f9e-3c1d-4a55-9f0e-2d7a1b8c4e61',
    });
    expect(parseHash(link).query.get('partner')).toBe('partner-b');
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
    expect(href('/search', 'partner-a', { q: 'ORD 1' })).toBe('#/search?partner=partner-a&q=ORD+1');
  });
});
