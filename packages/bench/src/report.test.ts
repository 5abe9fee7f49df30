import { describe, expect, it } from 'vitest';
import { fixed, formatTable, formatTargets, usd } from './report';

describe('formatTable', () => {
  it('pads columns to their widest cell, text left and figures right', () => {
    const table = formatTable(
      ['stage', 'ms'],
      [
        ['bus', '0.2'],
        ['transaction', '12.5'],
      ],
    );
    expect(table.split('\n')).toEqual([
      'stage          ms',
      '-----------  ----',
      'bus           0.2',
      'transaction  12.5',
    ]);
  });

  it('takes an alignment per column', () => {
    const table = formatTable(['a', 'b'], [['1', 'x']], ['right', 'left']);
    expect(table.split('\n')[2]).toBe('1  x');
  });
});

describe('figures', () => {
  it('shows a dash where there is no figure', () => {
    expect(fixed(Number.NaN)).toBe('–');
    expect(fixed(undefined)).toBe('–');
    expect(fixed(1.234, 2)).toBe('1.23');
    expect(usd(171.8)).toBe('$171.80');
  });
});

describe('formatTargets', () => {
  it('says what holds back each target missed, and nothing for those met', () => {
    const text = formatTargets([
      { name: 'ratio', goal: '≥ 0.8', measured: '0.39', met: false, holdsBack: 'CPU' },
      { name: 'p99', goal: '≤ 50 ms', measured: '23 ms', met: true, holdsBack: '' },
    ]);
    expect(text).toContain('- ratio: CPU');
    expect(text).not.toContain('- p99');
    expect(text).toMatch(/ratio\s+≥ 0\.8\s+0\.39\s+NO/);
    expect(text).toMatch(/p99\s+≤ 50 ms\s+23 ms\s+yes/);
  });
});
