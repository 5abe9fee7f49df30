import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { contractFiles } from './files';

const root = fileURLToPath(new URL('../../../../', import.meta.url));

describe('the published contract', () => {
  it.each(Object.entries(contractFiles()))(
    'is committed as generated: %s (else run pnpm api:types)',
    (path, text) => {
      expect(readFileSync(`${root}${path}`, 'utf8')).toBe(text);
    },
  );
});
