import { useTestStore } from '@orders/core/testing/dynamo';
import { describe, expect, it } from 'vitest';
import { measureCeiling } from './ceiling';

const context = useTestStore();

describe('the sequencing-transaction ceiling', () => {
  it('commits every precomputed transaction, sequentially and concurrently, on the product table', async () => {
    const ceiling = await measureCeiling(context.engine, context.store, {
      sequential: 20,
      concurrency: [4],
      perLevel: 40,
    });
    expect(ceiling.sequential).toMatchObject({ concurrency: 1, transactions: 20 });
    expect(ceiling.concurrent).toHaveLength(1);
    expect(ceiling.concurrent[0]).toMatchObject({ concurrency: 4, transactions: 40 });
    expect(ceiling.transactionsPerSecond).toBeGreaterThan(0);
  });
});
