// The web app's API types, generated from the published description (docs/openapi.json) with
// openapi-typescript, the way any partner generates theirs. `node scripts/api-types.mjs` writes
// src/api-schema.d.ts; with `--check` it only says whether the committed file is current.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';

const source = fileURLToPath(new URL('../../docs/openapi.json', import.meta.url));
const target = fileURLToPath(new URL('../src/api-schema.d.ts', import.meta.url));
const header =
  '// Generated from docs/openapi.json by `pnpm api:types` (openapi-typescript): do not edit.\n\n';

const text = header + astToString(await openapiTS(JSON.parse(readFileSync(source, 'utf8'))));
if (process.argv.includes('--check')) {
  if (readFileSync(target, 'utf8') !== text) {
    console.error('web/src/api-schema.d.ts is stale: run `pnpm api:types`.');
    process.exit(1);
  }
} else {
  writeFileSync(target, text);
  console.log('wrote web/src/api-schema.d.ts');
}
