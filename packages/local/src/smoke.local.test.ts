import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PartnerKeys } from '@orders/functions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalApp, startLocalApp } from './app';

// The deploy workflow's smoke test (scripts/smoke.mjs), run against the product served locally.
const script = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'scripts', 'smoke.mjs');
const key = 'smoke-test-key-partner-a';

let app: LocalApp;
beforeAll(async () => {
  app = await startLocalApp({ keys: new PartnerKeys([['partner-a', key]]), port: 0 });
});
afterAll(async () => {
  await app?.stop();
});

function runSmoke(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script], { env: { ...process.env, ...env } });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += String(chunk);
    });
    child.stderr.on('data', (chunk) => {
      output += String(chunk);
    });
    child.on('close', (code) => resolve({ code, output }));
  });
}

describe('the smoke test', () => {
  it('submits a real order and exits 0 once it is accepted', async () => {
    const { code, output } = await runSmoke({ SMOKE_BASE_URL: app.url, SMOKE_PARTNER_KEY: key });
    expect(output).toMatch(/accepted with sequence number \d+/);
    expect(output).not.toContain(key);
    expect(code).toBe(0);
  });

  it('fails when the key is refused', async () => {
    const { code, output } = await runSmoke({ SMOKE_BASE_URL: app.url, SMOKE_PARTNER_KEY: 'wrong-key' });
    expect(output).toContain('POST answered 401');
    expect(code).toBe(1);
  });
});
