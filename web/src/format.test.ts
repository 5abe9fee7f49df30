import { describe, expect, it } from 'vitest';
import {
  executionName,
  formatDuration,
  formatMoney,
  formatPercent,
  formatRelative,
  prettyJson,
  prettyJsonText,
} from './format';

describe('format', () => {
  it('groups money digits without passing through a binary float', () => {
    expect(formatMoney('59.97')).toBe('59.97');
    expect(formatMoney('1234567.5')).toBe('1,234,567.50');
    expect(formatMoney('90071992547409931.01')).toBe('90,071,992,547,409,931.01');
    expect(formatMoney(19.99)).toBe('19.99');
    expect(formatMoney('-3')).toBe('-3.00');
    expect(formatMoney('n/a')).toBe('n/a');
  });

  it('shows a tax rate as a percentage', () => {
    expect(formatPercent(0.2)).toBe('20%');
    expect(formatPercent(0.075)).toBe('7.5%');
  });

  it('says how far a time is from now in words', () => {
    const now = Date.parse('2025-11-20T10:00:00.000Z');
    expect(formatRelative('2025-12-19T10:00:00.000Z', now)).toBe('in 29 days');
    expect(formatRelative('2025-11-20T09:57:00.000Z', now)).toBe('3 minutes ago');
    expect(formatRelative('2025-11-20T10:00:00.000Z', now)).toBe('now');
  });

  it('writes durations in the unit that reads best', () => {
    expect(formatDuration(85)).toBe('85 ms');
    expect(formatDuration(1_250)).toBe('1.25 s');
    expect(formatDuration(125_000)).toBe('2 min 5 s');
    expect(formatDuration(-1)).toBe('—');
  });

  it('pretty-prints JSON text that parses and returns other text untouched', () => {
    expect(prettyJsonText('{"a":1}')).toEqual({ text: '{\n  "a": 1\n}', parsed: true });
    expect(prettyJsonText('{"a":')).toEqual({ text: '{"a":', parsed: false });
    expect(prettyJson({ a: [1] })).toBe('{\n  "a": [\n    1\n  ]\n}');
    expect(prettyJson('plain cause')).toBe('plain cause');
  });

  it('takes the execution name from the end of its ARN', () => {
    expect(executionName('arn:aws:states:us-east-1:1:execution:order-workflow:abc-123')).toBe('abc-123');
  });
});
