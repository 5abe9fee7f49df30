import { type DynamoLocal, startDynamoLocal } from '@orders/dynamo-local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measureSequencing } from './sequencing';

let engine: DynamoLocal;
beforeAll(async () => {
  engine = await startDynamoLocal();
});
afterAll(() => engine?.stop());

describe('the sequencing benchmark', () => {
  it('numbers every order of each level from 1 and counts the transactions racing writers waste', async () => {
    const report = await measureSequencing(
      engine,
      { concurrency: [1, 8], ordersPerLevel: 40, maxLevelMs: 60_000 },
      2,
    );
    const [alone, racing] = report.levels;
    expect(alone).toMatchObject({ concurrency: 1, numbered: 40, gaveUp: 0, contiguous: true });
    // Alone, nothing races: one read of the claim, one of the counter, one transaction per order.
    expect(alone?.wastedTransactionsPerOrder).toBe(0);
    expect(alone?.requestsPerOrder).toBe(3);
    expect(racing).toMatchObject({ concurrency: 8, numbered: 40, gaveUp: 0, contiguous: true });
    expect(racing?.requestsPerOrder).toBeGreaterThanOrEqual(3);
    expect(report.perPartnerOrdersPerSecond).toBe(racing?.ordersPerSecond);
    expect(report.p99Ms).toBe(racing?.latency.p99);
  });
});
