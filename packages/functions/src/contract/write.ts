// Writes the published contract (docs/openapi.json, docs/schemas/*.json) from the schemas; run by `pnpm api:types`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { contractFiles } from './files';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
for (const [path, text] of Object.entries(contractFiles())) {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
  console.log(`wrote ${path}`);
}
