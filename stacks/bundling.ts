import { createRequire } from 'node:module';
import type { FunctionProps } from 'sst/constructs';

/**
 * How every function is bundled: SST v2's `nodejs` props, a default for the whole app (`sst.config.ts`).
 * Minified, and the AWS SDK v3 left to the Lambda Node.js runtime, which ships it: bundling it, even
 * minified and tree-shaken, adds about 420 KiB to every function that calls AWS. docs/bundles.md has the
 * figures and what leaving it to the runtime costs.
 */
export const functionBundling = {
  minify: true,
  esbuild: { external: ['@aws-sdk/*'] },
} satisfies NonNullable<FunctionProps['nodejs']>;

// SST v2's own defaults for an ESM Node function on deploy (sst 2.49.8, runtime/handlers/node.js), which
// `functionBundling` is applied over: the bench and the bundle tests build with these, so the bytes they
// measure are the bytes `sst deploy` uploads.
const sstExternal = ['sharp', 'pg-native'];
const sstBanner = [
  `import { createRequire as topLevelCreateRequire } from 'module';`,
  'const require = topLevelCreateRequire(import.meta.url);',
  `import { fileURLToPath as topLevelFileUrlToPath, URL as topLevelURL } from "url"`,
  'const __dirname = topLevelFileUrlToPath(new topLevelURL(".", import.meta.url))',
  '',
].join('\n');

/** The esbuild options a function is deployed with, as SST v2 composes them from {@link functionBundling}. */
export function deployedBuildOptions(entry: string, outfile: string) {
  const { external, ...override } = functionBundling.esbuild;
  return {
    entryPoints: [entry],
    outfile,
    platform: 'node',
    external: [...sstExternal, ...external],
    keepNames: true,
    bundle: true,
    logLevel: 'silent',
    metafile: true,
    format: 'esm',
    target: 'esnext',
    mainFields: ['module', 'main'],
    banner: { js: sstBanner },
    // SST writes a linked source map and moves it out of the function's code, into its own bucket.
    sourcemap: true,
    minify: functionBundling.minify,
    ...override,
  } as const;
}

export type BuildOptions = ReturnType<typeof deployedBuildOptions>;

/** What an esbuild metafile says about one build: each input, each output and what the output imports. */
export interface Metafile {
  inputs: Record<string, { bytes: number; imports: MetafileImport[] }>;
  outputs: Record<
    string,
    { bytes: number; inputs: Record<string, { bytesInOutput: number }>; imports: MetafileImport[] }
  >;
}

export interface MetafileImport {
  path: string;
  kind: string;
  external?: boolean;
}

/** The few members of esbuild the bench and the tests use. */
export interface Esbuild {
  version: string;
  build(options: BuildOptions & { write?: boolean }): Promise<{ metafile: Metafile }>;
}

/** The esbuild SST bundles the functions with (its own dependency), so every build here is SST's. */
export function loadEsbuild(): Esbuild {
  const fromHere = createRequire(import.meta.url);
  return createRequire(fromHere.resolve('sst/package.json'))('esbuild') as Esbuild;
}
