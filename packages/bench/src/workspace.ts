import { createRequire } from 'node:module';
import { TransactWriteItemsCommand, type TransactWriteItemsCommandInput } from '@aws-sdk/client-dynamodb';
import type { DynamoLocal } from '@orders/dynamo-local';

// esbuild is borrowed from `sst`, the package that bundles the functions on deploy, so bundles are measured
// with the very esbuild version SST v2 uses; it is typed here by the few members the bench uses.

/** The esbuild build options the bench sets. */
export interface EsbuildOptions {
  entryPoints: string[];
  outfile: string;
  bundle: true;
  platform: 'node';
  format: 'esm';
  target: string;
  minify: boolean;
  keepNames: boolean;
  mainFields: string[];
  external: string[];
  banner: { js: string };
  metafile: true;
  logLevel: 'silent';
  sourcemap: false;
}

export interface EsbuildMetafile {
  inputs: Record<string, { bytes: number }>;
  outputs: Record<
    string,
    {
      bytes: number;
      inputs: Record<string, { bytesInOutput: number }>;
      imports: { path: string; kind: string; external?: boolean }[];
    }
  >;
}

export interface Esbuild {
  version: string;
  build(options: EsbuildOptions): Promise<{ metafile: EsbuildMetafile }>;
}

const here = createRequire(import.meta.url);

/** esbuild as SST resolves it, else any esbuild this package can resolve; undefined if there is none. */
export function loadEsbuild(): { esbuild: Esbuild; from: string } | undefined {
  const candidates: [string, () => NodeJS.Require][] = [
    ['sst', () => createRequire(here.resolve('sst/package.json'))],
    ['@orders/bench', () => here],
  ];
  for (const [from, resolver] of candidates) {
    try {
      return { esbuild: resolver()('esbuild') as Esbuild, from };
    } catch {
      // Not resolvable this way: try the next.
    }
  }
  return undefined;
}

/** A TransactWriteItems request in the SDK's own (marshalled) form. */
export type TransactWriteInput = TransactWriteItemsCommandInput;

/** Sends raw TransactWriteItems requests through the engine's own client. */
export function rawTransactWriter(engine: DynamoLocal): (input: TransactWriteInput) => Promise<unknown> {
  return (input) => engine.client.send(new TransactWriteItemsCommand(input));
}
