import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('../scripts/api-types.mjs', import.meta.url));

describe('the API types', () => {
  it('are the ones generated from the published description (else run pnpm api:types)', async () => {
    const run = promisify(execFile)(process.execPath, [script, '--check']).then(
      () => 'current',
      (error: { stderr?: string }) => error.stderr ?? String(error),
    );
    expect(await run).toBe('current');
  }, 30_000);
});
