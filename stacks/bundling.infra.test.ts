import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type App, type FunctionProps, getStack, Function as SstFunction } from 'sst/constructs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHandler, handlerEntries } from '../packages/bench/src/bundles';
import { functionBundling } from './bundling';
import {
  assemblyDirectory,
  nonEmpty,
  propertiesOf,
  removeBuildOutput,
  resourcesOf,
  synthesize,
  type Templates,
} from './infra-testing';
import { Workflow } from './Workflow';

const apps = [
  ['staging', 'deploy'],
  ['dev-someone', 'dev'],
] as const;
const synthesized = new Map<string, { templates: Templates; functions: SstFunction[] }>();
beforeAll(async () => {
  for (const [stage, mode] of apps) {
    const templates = await synthesize(stage, mode);
    // The app just composed, through any of its stacks.
    const app = getStack(Workflow).node.root as App;
    const functions = app.node.findAll().filter((node): node is SstFunction => node instanceof SstFunction);
    synthesized.set(mode, { templates, functions });
  }
}, 180_000);
afterAll(removeBuildOutput);

/** Each deployed handler's code as the template points at it, by its entry (`packages/functions/src/…`). */
function deployedCode(templates: Templates): Map<string, string> {
  const code = new Map<string, string>();
  for (const template of Object.values(templates)) {
    for (const [, fn] of resourcesOf(template, 'AWS::Lambda::Function')) {
      const { Handler, Code } = propertiesOf(fn) as { Handler: string; Code: { S3Key?: unknown } };
      if (!Handler.startsWith('packages/functions/src/')) continue;
      const module = Handler.slice(0, Handler.lastIndexOf('.'));
      const asset = `asset.${String(Code.S3Key).replace(/\.zip$/, '')}`;
      code.set(`${module}.ts`, join(assemblyDirectory('staging'), asset, `${module}.mjs`));
    }
  }
  return code;
}

describe.each(apps)('the %s stage (%s)', (_stage, mode) => {
  it('bundles every function with the one set of options: minified, the AWS SDK left to the runtime', () => {
    const { functions } = synthesized.get(mode) as { functions: SstFunction[] };
    expect(functions).toHaveLength(nonEmpty(handlerEntries, 'handler the bench measures').length);
    for (const fn of functions) {
      // The props each function was built from, the app's defaults merged in (SST keeps them, privately).
      const { nodejs } = Reflect.get(fn, 'props') as FunctionProps;
      expect({ id: fn.id, nodejs }).toEqual({ id: fn.id, nodejs: functionBundling });
    }
    expect(functionBundling.minify).toBe(true);
    expect(functionBundling.esbuild.external).toEqual(['@aws-sdk/*']);
  });
});

describe('the deployed bundles', () => {
  const dir = mkdtempSync(join(tmpdir(), 'orders-bundles-infra-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const deployed = () => deployedCode((synthesized.get('deploy') as { templates: Templates }).templates);

  it('are the handlers the bench measures', () => {
    expect([...deployed().keys()].sort()).toEqual(handlerEntries.map(({ entry }) => entry).sort());
  });

  it.each(handlerEntries)('$name is byte for byte what the bench builds and measures', async (handler) => {
    const file = deployed().get(handler.entry) as string;
    const built = await buildHandler(handler, dir);
    const code = readFileSync(file, 'utf8');
    expect(code).toBe(readFileSync(built.file, 'utf8'));
    // Minified: a few long lines, not one statement per line.
    expect(code.split('\n').length).toBeLessThan(200);
  });
});
