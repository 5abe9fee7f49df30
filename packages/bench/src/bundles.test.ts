import { describe, expect, it } from 'vitest';
import { largestModules, moduleOf } from './bundles';

describe('moduleOf', () => {
  it('names the package a bundled file comes from', () => {
    expect(moduleOf('../../node_modules/.pnpm/electrodb@3.9.3/node_modules/electrodb/src/entity.js')).toBe(
      'electrodb',
    );
    expect(moduleOf('../../node_modules/.pnpm/x/node_modules/@smithy/core/dist-es/index.js')).toBe(
      '@smithy/core',
    );
    expect(moduleOf('packages/core/src/order/money.ts')).toBe('@orders/core');
  });
});

describe('largestModules', () => {
  it('adds up a package over its files and keeps the largest', () => {
    const largest = largestModules(
      {
        inputs: {},
        outputs: {
          'out.mjs': {
            bytes: 0,
            imports: [],
            inputs: {
              'node_modules/a/one.js': { bytesInOutput: 10 },
              'node_modules/a/two.js': { bytesInOutput: 10 },
              'node_modules/b/index.js': { bytesInOutput: 15 },
              'packages/core/src/x.ts': { bytesInOutput: 1 },
            },
          },
        },
      },
      2,
    );
    expect(largest).toEqual([
      { module: 'a', bytes: 20 },
      { module: 'b', bytes: 15 },
    ]);
  });
});
