import { describe, expect, it } from 'vitest';
import { costReport, type OrderUsage } from './cost';
import { fixed, formatCost, formatTable, formatTargets, usd } from './report';

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

describe('formatCost', () => {
  const usage: OrderUsage = {
    orders: 500,
    ordersPerRequest: 1,
    apiRequests: 1,
    functions: [{ name: 'Feed', invocations: 1, billedMs: 10 }],
    stateTransitions: 6,
    executions: 1,
    expressBilledMs: 100,
    writeRequestUnits: 10,
    readRequestUnits: 2,
    eventsPublished: 2,
    archivedEventBytes: 2000,
    workflowLogBytes: { allWithData: 30_000, allWithoutData: 6000, errors: 10 },
    functionLogBytes: { application: 2000, metrics: 700, platform: 1000 },
    traceEntryPoints: 2,
    storedBytes: { kept: 3000, expiring: 100 },
    edgeBytes: { toOrigin: 800, toClients: 500 },
  };
  const batched: OrderUsage = { ...usage, orders: 500, ordersPerRequest: 100, apiRequests: 0.01 };
  const cost = costReport(usage, batched);
  const text = formatCost(usage, [], batched, cost);

  it('prices one order per request on both workflow types and 100 per request on Express', () => {
    expect(text).toMatch(
      /service\s+usage per order \(one per request\)\s+Standard\s+Express\s+Express, 100\/request/,
    );
    expect(text).toContain(`total  `);
    expect(text).toContain(usd(cost.standard));
    expect(text).toContain(usd(cost.express));
    expect(text).toContain(usd(cost.expressBatched100));
    expect(text).toContain('500 orders 100 per request');
  });

  it('shows each workflow logging configuration with the one production deploys marked', () => {
    expect(text).toMatch(/ALL with execution data \(other stages\)\s+29\.30/);
    expect(text).toMatch(/ERROR without execution data \(production\) \*\s+0\.01/);
  });

  it('names what is not per order: the fixed monthly costs, what the table keeps, and what is priced nowhere', () => {
    for (const item of [...cost.fixedMonthly, ...cost.retainedPerMonth]) expect(text).toContain(item.item);
    expect(text).toContain('Priced nowhere: SQS');
  });
});
