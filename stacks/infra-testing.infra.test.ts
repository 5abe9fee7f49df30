import { describe, expect, it } from 'vitest';
import { nonEmpty } from './infra-testing';

describe('nonEmpty', () => {
  it('fails on an empty collection, naming what was expected', () => {
    expect(() => nonEmpty([], 'alarm')).toThrow('expected at least one alarm, found none');
  });

  it('hands back the items themselves when there is one or more', () => {
    const items = [['Alarm1', { Type: 'AWS::CloudWatch::Alarm' }]] as const;
    expect(nonEmpty(items, 'alarm')).toBe(items);
  });
});
