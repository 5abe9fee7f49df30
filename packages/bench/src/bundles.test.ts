import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  buildHandler,
  handlerEntries,
  largestModules,
  moduleOf,
  packagesIn,
  runtimeImports,
} from './bundles';

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

// What each deployed handler may load, of the packages that weigh: the AWS SDK packages it leaves to the
// runtime, ElectroDB (only where it stores), jose (only where it verifies tokens), and never the X-Ray SDK.
const weighty = /^(@aws-sdk\/|electrodb$|jose$|aws-xray-sdk-core$)/;
const dynamo = ['@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb', '@aws-sdk/util-dynamodb', 'electrodb'];
const expected: Record<string, string[]> = {
  // Validate reads the partner registry from SSM (the client is the runtime's): no storage, no DynamoDB.
  Validate: ['@aws-sdk/client-ssm'],
  // SequenceAndStore validates what partners put on the bus directly, with the same registry.
  SequenceAndStore: [...dynamo, '@aws-sdk/client-ssm'],
  RecordError: dynamo,
  Feed: [
    ...dynamo,
    '@aws-sdk/client-eventbridge',
    '@aws-sdk/client-secrets-manager',
    '@aws-sdk/client-ssm',
    'jose',
  ],
  Query: [...dynamo, '@aws-sdk/client-secrets-manager', '@aws-sdk/client-sfn', '@aws-sdk/client-ssm', 'jose'],
  Recovery: [...dynamo, '@aws-sdk/client-eventbridge'],
  // Operate reprocesses as the feed submits: the table, the bus, the partners' keys and tokens.
  Operate: [
    ...dynamo,
    '@aws-sdk/client-eventbridge',
    '@aws-sdk/client-secrets-manager',
    '@aws-sdk/client-ssm',
    'jose',
  ],
};

describe('each deployed bundle', () => {
  const dir = mkdtempSync(join(tmpdir(), 'orders-bundle-test-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('has its expectation here', () => {
    expect(Object.keys(expected).sort()).toEqual(handlerEntries.map(({ name }) => name).sort());
  });

  it.each(handlerEntries)('$name loads only what it uses', async (handler) => {
    const { metafile } = await buildHandler(handler, dir);
    const loaded = [...packagesIn(metafile)].filter((name) => weighty.test(name)).sort();
    expect(loaded).toEqual([...(expected[handler.name] ?? [])].sort());
  });

  it('leaves the AWS SDK to the runtime', async () => {
    const probe = { name: 'Probe', entry: 'packages/functions/src/aws/store.ts' };
    const { metafile } = await buildHandler(probe, dir);
    expect(Object.keys(metafile.inputs).filter((path) => path.includes('node_modules/@aws-sdk/'))).toEqual(
      [],
    );
    expect(runtimeImports(metafile).has('@aws-sdk/client-dynamodb')).toBe(true);
  });
});
