import { type DynamoLocal, startDynamoLocal } from '@orders/dynamo-local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measureSequencing } from './sequencing';

let engine: DynamoLocal;
beforeAll(async () => {
  engine = await startDynamoLocal();
});
afterAll(() => engine?.stop());

describe('the sequencing benchmark', () => {
  it('numbers every order of each level from 1 and counts the transactions it sends and wastes', async () => {
    const report = await measureSequencing(
      engine,
      { concurrency: [1, 8], ordersPerLevel: 40, maxLevelMs: 60_000 },
      2,
    );
    const [alone, racing] = report.levels;
    expect(alone).toMatchObject({ concurrency: 1, numbered: 40, gaveUp: 0, contiguous: true });
    // Alone, nothing races. Per order: the claim's put and the lease's read at once, the lease's put, the
    // backlog's four partitions and the counter read at once, one numbering transaction, the lease's delete.
    expect(alone?.wastedTransactionsPerOrder).toBe(0);
    expect(alone?.transactionsPerOrder).toBe(1);
    expect(alone?.requestsPerOrder).toBe(10);
    expect(racing).toMatchObject({ concurrency: 8, numbered: 40, gaveUp: 0, contiguous: true });
    expect(racing?.transactionsPerOrder).toBeLessThanOrEqual(1);
    expect(report.perPartnerOrdersPerSecond).toBe(racing?.ordersPerSecond);
    expect(report.p99Ms).toBe(racing?.latency.p99);
  });
});
