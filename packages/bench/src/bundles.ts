import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { deflateRawSync } from 'node:zlib';
import { median } from './stats';
import { type EsbuildMetafile, type EsbuildOptions, loadEsbuild } from './workspace';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const functionsDir = join(root, 'packages', 'functions');

/** The deployed Lambda handlers, by the name of the function each one is (stacks/Workflow.ts, stacks/Api.ts). */
export const handlerEntries: { name: string; entry: string }[] = [
  { name: 'Validate', entry: 'packages/functions/src/validate.ts' },
  { name: 'SequenceAndStore', entry: 'packages/functions/src/sequence-and-store.ts' },
  { name: 'RecordError', entry: 'packages/functions/src/order-rejected.ts' },
  { name: 'Feed', entry: 'packages/functions/src/api/feed.ts' },
  { name: 'Query', entry: 'packages/functions/src/api/query.ts' },
];

/**
 * Two builds of each handler. `deployed` is what `sst deploy` builds today: SST v2's defaults for an ESM
 * Node function (runtime/handlers/node.js: target esnext, keepNames, its createRequire banner, not
 * minified, nothing external but sharp and pg-native, so the AWS SDK v3 is bundled); the stacks set no
 * `nodejs` options. `lean` is the configuration the targets assume: minified, target node24, and
 * `@aws-sdk/*` external because the Node 24 Lambda runtime provides SDK v3 (at the runtime's version,
 * not the one pinned here).
 */
export const variants = {
  deployed: { minify: false, target: 'esnext', external: ['sharp', 'pg-native'] },
  lean: { minify: true, target: 'node24', external: ['sharp', 'pg-native', '@aws-sdk/*'] },
} as const;
export type Variant = keyof typeof variants;

const banner = [
  `import { createRequire as topLevelCreateRequire } from 'module';`,
  'const require = topLevelCreateRequire(import.meta.url);',
  `import { fileURLToPath as topLevelFileUrlToPath, URL as topLevelURL } from "url"`,
  'const __dirname = topLevelFileUrlToPath(new topLevelURL(".", import.meta.url))',
].join('\n');

export interface BundleResult {
  name: string;
  variant: Variant;
  bytes: number;
  /** Deflated size, about what the zip uploaded to Lambda weighs. */
  zippedBytes: number;
  /** The biggest contributors, by package, bytes in the output. */
  largest: { module: string; bytes: number }[];
  /** Median of the cold imports, and each one. */
  coldImportMs: number;
  coldImportRuns: number[];
}

export interface BundleReport {
  esbuildVersion: string;
  esbuildFrom: string;
  bundles: BundleResult[];
}

/** Bundles each handler in both variants, then times its import in fresh Node processes. */
export async function measureBundles(options: { imports: number }): Promise<BundleReport | string> {
  const loaded = loadEsbuild();
  if (loaded === undefined)
    return 'esbuild could not be resolved (neither through sst nor from @orders/bench)';
  const out = mkdtempSync(join(tmpdir(), 'orders-bench-bundles-'));
  try {
    const bundles: BundleResult[] = [];
    for (const variant of Object.keys(variants) as Variant[]) {
      const dir = join(out, variant);
      mkdirSync(dir, { recursive: true });
      const externals = new Set<string>();
      const built: { name: string; file: string; metafile: EsbuildMetafile }[] = [];
      for (const { name, entry } of handlerEntries) {
        const file = join(dir, `${name}.mjs`);
        const buildOptions: EsbuildOptions = {
          entryPoints: [join(root, entry)],
          outfile: file,
          bundle: true,
          platform: 'node',
          format: 'esm',
          target: variants[variant].target,
          minify: variants[variant].minify,
          keepNames: true,
          mainFields: ['module', 'main'],
          external: [...variants[variant].external],
          banner: { js: banner },
          metafile: true,
          logLevel: 'silent',
          sourcemap: false,
        };
        const { metafile } = await loaded.esbuild.build(buildOptions);
        for (const output of Object.values(metafile.outputs))
          for (const imported of output.imports) if (imported.external) externals.add(imported.path);
        built.push({ name, file, metafile });
      }
      // Lambda's runtime loads its SDK from its own node_modules: give the lean bundles the same.
      linkExternals(
        dir,
        [...externals].filter((path) => path.startsWith('@aws-sdk/')),
      );
      for (const { name, file, metafile } of built) {
        const code = readFileSync(file);
        const runs: number[] = [];
        for (let i = 0; i < options.imports; i++) runs.push(await coldImport(file));
        bundles.push({
          name,
          variant,
          bytes: code.length,
          zippedBytes: deflateRawSync(code, { level: 9 }).length,
          largest: largestModules(metafile),
          coldImportMs: median(runs),
          coldImportRuns: runs,
        });
      }
    }
    return { esbuildVersion: loaded.esbuild.version, esbuildFrom: loaded.from, bundles };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

// Each external SDK package is linked from where @orders/functions (or @orders/core) resolves it.
function linkExternals(dir: string, packages: string[]): void {
  const resolvers = [
    createRequire(join(functionsDir, 'package.json')),
    createRequire(join(root, 'packages', 'core', 'package.json')),
  ];
  for (const name of new Set(packages.map((path) => path.split('/').slice(0, 2).join('/')))) {
    const target = resolvers
      .map((resolver) => {
        try {
          return packageRoot(resolver.resolve(name), name);
        } catch {
          return undefined;
        }
      })
      .find((found) => found !== undefined);
    if (target === undefined) continue;
    const link = join(dir, 'node_modules', name);
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(target, link, 'dir');
  }
}

function packageRoot(resolved: string, name: string): string {
  const marker = `${sep}node_modules${sep}${name.split('/').join(sep)}${sep}`;
  const at = resolved.lastIndexOf(marker);
  return at < 0 ? dirname(resolved) : resolved.slice(0, at + marker.length - 1);
}

const importScript = [
  'const started = performance.now();',
  'await import(process.argv[1]);',
  'process.stdout.write(JSON.stringify({ importMs: performance.now() - started }));',
].join('\n');

/** Imports a bundle in a fresh `node` and answers how long the import took inside that process. */
function coldImport(file: string): Promise<number> {
  const environment: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    AWS_REGION: 'us-east-1',
  };
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--input-type=module', '-e', importScript, pathToFileURL(file).href],
      { env: environment, timeout: 60_000 },
      (error, stdout, stderr) => {
        if (error) {
          reject(new Error(`importing ${file} failed: ${stderr || error.message}`));
          return;
        }
        resolve((JSON.parse(stdout) as { importMs: number }).importMs);
      },
    );
  });
}

/** The largest contributors to a bundle, grouped by package (workspace packages by their own name). */
export function largestModules(metafile: EsbuildMetafile, top = 3): { module: string; bytes: number }[] {
  const byModule = new Map<string, number>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [path, { bytesInOutput }] of Object.entries(output.inputs)) {
      const module = moduleOf(path);
      byModule.set(module, (byModule.get(module) ?? 0) + bytesInOutput);
    }
  }
  return [...byModule.entries()]
    .map(([module, bytes]) => ({ module, bytes }))
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, top);
}

/** The package a bundled file comes from: `node_modules/.pnpm/x/node_modules/@scope/name/…` → `@scope/name`. */
export function moduleOf(path: string): string {
  const parts = path.split('/');
  const last = parts.lastIndexOf('node_modules');
  if (last >= 0) {
    const first = parts[last + 1] ?? '';
    return first.startsWith('@') ? `${first}/${parts[last + 2] ?? ''}` : first;
  }
  const workspace = /(?:^|\/)packages\/([^/]+)\//.exec(path);
  if (workspace !== null) return `@orders/${workspace[1]}`;
  return relative('.', path);
}
