import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { deflateRawSync } from 'node:zlib';
import { deployedBuildOptions, loadEsbuild, type Metafile } from '../../../stacks/bundling';
import { median } from './stats';

const root = fileURLToPath(new URL('../../../', import.meta.url));

/** The deployed Lambda handlers, by the name of the function each one is (stacks/Workflow.ts, Api.ts, Recovery.ts). */
export const handlerEntries: { name: string; entry: string }[] = [
  { name: 'Validate', entry: 'packages/functions/src/validate.ts' },
  { name: 'SequenceAndStore', entry: 'packages/functions/src/sequence-and-store.ts' },
  { name: 'RecordError', entry: 'packages/functions/src/order-rejected.ts' },
  { name: 'Feed', entry: 'packages/functions/src/api/feed.ts' },
  { name: 'Query', entry: 'packages/functions/src/api/query.ts' },
  { name: 'Operate', entry: 'packages/functions/src/api/operate.ts' },
  { name: 'Recovery', entry: 'packages/functions/src/recovery-schedule.ts' },
];

export interface BundleResult {
  name: string;
  /** The bundle as `sst deploy` uploads it (stacks/bundling.ts), source map apart. */
  bytes: number;
  /** Deflated size, about what the zip uploaded to Lambda weighs. */
  zippedBytes: number;
  /** Median of the cold imports, each in a fresh Node process. */
  coldImportMs: number;
  coldImportRuns: number[];
  /** The biggest contributors, by package, bytes in the output. */
  largest: { module: string; bytes: number }[];
  /** The packages the bundle leaves to the Lambda runtime (the AWS SDK), which it loads as it starts. */
  runtimePackages: string[];
}

export interface BuiltHandler {
  name: string;
  file: string;
  metafile: Metafile;
}

/**
 * Builds one handler into `dir/<name>/` exactly as it is deployed: the stacks' options, SST's esbuild, the
 * file named as SST names it (its source map comment names it too).
 */
export async function buildHandler(
  handler: { name: string; entry: string },
  dir: string,
): Promise<BuiltHandler> {
  const file = join(dir, handler.name, `${basename(handler.entry, '.ts')}.mjs`);
  const { metafile } = await loadEsbuild().build(deployedBuildOptions(join(root, handler.entry), file));
  return { name: handler.name, file, metafile };
}

/** Builds each deployed handler as the stacks do, then times its import in fresh Node processes. */
export async function measureBundles(options: { imports: number }): Promise<{
  esbuildVersion: string;
  bundles: BundleResult[];
}> {
  const dir = mkdtempSync(join(tmpdir(), 'orders-bench-bundles-'));
  try {
    const built = [];
    for (const handler of handlerEntries) built.push(await buildHandler(handler, dir));
    // Lambda's runtime provides the SDK from its own node_modules: the bundles get the same, from here,
    // in the folder above theirs.
    linkRuntimePackages(dir, built);
    const bundles: BundleResult[] = [];
    for (const { name, file, metafile } of built) {
      const code = readFileSync(file);
      const runs: number[] = [];
      for (let i = 0; i < options.imports; i++) runs.push(await coldImport(file));
      bundles.push({
        name,
        bytes: code.length,
        zippedBytes: deflateRawSync(code, { level: 9 }).length,
        coldImportMs: median(runs),
        coldImportRuns: runs,
        largest: largestModules(metafile),
        runtimePackages: [...runtimeImports(metafile).keys()].sort(),
      });
    }
    return { esbuildVersion: loadEsbuild().version, bundles };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const builtins = new Set(builtinModules);

function isBuiltin(path: string): boolean {
  return path.startsWith('node:') || builtins.has(path.split('/')[0] ?? path);
}

/** The package an import path names: `@scope/name/sub` → `@scope/name`, `name/sub` → `name`. */
function packageName(path: string): string {
  const parts = path.split('/');
  return (path.startsWith('@') ? parts.slice(0, 2) : parts.slice(0, 1)).join('/');
}

/** Each package a bundle imports at run time instead of carrying it, with a file of the bundle that imports it. */
export function runtimeImports(metafile: Metafile): Map<string, string> {
  const found = new Map<string, string>();
  for (const [input, { imports }] of Object.entries(metafile.inputs)) {
    for (const imported of imports) {
      // esbuild's own helpers show up as `<runtime>`, an import that is in the bundle.
      if (imported.external !== true || isBuiltin(imported.path) || imported.path.startsWith('<')) continue;
      const name = packageName(imported.path);
      if (!found.has(name)) found.set(name, input);
    }
  }
  return found;
}

/** Every package in a bundle: those it carries and those it leaves to the runtime. */
export function packagesIn(metafile: Metafile): Set<string> {
  const carried = Object.keys(metafile.inputs)
    .filter((path) => path.includes('node_modules/'))
    .map(moduleOf);
  return new Set([...carried, ...runtimeImports(metafile).keys()]);
}

// Each package a bundle leaves to the runtime is linked from where the file importing it resolves it.
function linkRuntimePackages(dir: string, built: BuiltHandler[]): void {
  const linked = new Set<string>();
  for (const { metafile } of built) {
    for (const [name, importer] of runtimeImports(metafile)) {
      if (linked.has(name)) continue;
      const resolved = createRequire(resolve(importer)).resolve(name);
      const marker = `${sep}node_modules${sep}${name.split('/').join(sep)}${sep}`;
      const at = resolved.lastIndexOf(marker);
      const target = at < 0 ? dirname(resolved) : resolved.slice(0, at + marker.length - 1);
      const link = join(dir, 'node_modules', name);
      mkdirSync(dirname(link), { recursive: true });
      symlinkSync(target, link, 'dir');
      linked.add(name);
    }
  }
}

const importScript = [
  'const started = performance.now();',
  'await import(process.argv[1]);',
  'process.stdout.write(JSON.stringify({ importMs: performance.now() - started }));',
].join('\n');

/** Imports a bundle in a fresh `node` (this one: Node 24, as `scripts/run.mjs` runs it) and times the import. */
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
export function largestModules(metafile: Metafile, top = 3): { module: string; bytes: number }[] {
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
  if (last >= 0) return packageName(parts.slice(last + 1).join('/'));
  const workspace = /(?:^|\/)packages\/([^/]+)\//.exec(path);
  if (workspace !== null) return `@orders/${workspace[1]}`;
  return relative('.', path);
}
