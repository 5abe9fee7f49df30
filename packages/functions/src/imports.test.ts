import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const src = fileURLToPath(new URL('.', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

function specifiers(code: string): string[] {
  return [...code.matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)].map((match) => match[1] as string);
}

// A barrel loads every module it re-exports, and a bundle keeps what it cannot prove side-effect free:
// ElectroDB, being CommonJS, whole. `index.ts` is the package's barrel for the local runtime, never a handler's.
const barrels = /^(@orders\/core|@orders\/functions)$|(^|\/)index$|^\.\.?$/;

describe('the functions', () => {
  const files = sources(src).filter((path) => relative(src, path) !== 'index.ts');

  it('are all read', () => {
    expect(files.map((path) => relative(src, path))).toContain('validate.ts');
  });

  it('import core and each other by module, never through a barrel', () => {
    const throughBarrels = files.flatMap((path) =>
      specifiers(readFileSync(path, 'utf8'))
        .filter((specifier) => barrels.test(specifier))
        .map((specifier) => `${relative(src, path)}: ${specifier}`),
    );
    expect(throughBarrels).toEqual([]);
  });
});
