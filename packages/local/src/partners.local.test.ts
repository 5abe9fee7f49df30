import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

// `npm start` as a partner onboarding sees it: a partner file given by ORDERS_PARTNERS_FILE, keys by
// PARTNER_KEYS, and nothing else changed. main.ts runs as a child, as `npm start` runs it.

const here = dirname(fileURLToPath(import.meta.url));
const repository = join(here, '..', '..', '..');
const main = join(here, 'main.ts');
const dirs: string[] = [];
const children: ChildProcess[] = [];

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'orders-partners-'));
  dirs.push(dir);
  return dir;
}

afterAll(async () => {
  await Promise.all(children.map(stop));
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

interface RepositoryFile {
  partners: { id: string; name: string; format: Record<string, unknown> }[];
}

const repositoryFile = JSON.parse(
  readFileSync(join(repository, 'config', 'partners.json'), 'utf8'),
) as RepositoryFile;
const partnerA = repositoryFile.partners.find((partner) => partner.id === 'partner-a');

function writePartnerFile(dir: string, partners: RepositoryFile['partners']): string {
  const path = join(dir, 'partners.json');
  writeFileSync(path, JSON.stringify({ partners }, null, 2));
  return path;
}

function start(env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', main], {
    cwd: join(here, '..'),
    env: { ...process.env, PORT: '0', POWERTOOLS_LOG_LEVEL: 'ERROR', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  return child;
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** Resolves with the URL the product prints once it is running; rejects with the output if it exits first. */
function runningUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Order ingestion is running on (http:\/\/\S+)/.exec(output);
      if (match?.[1] !== undefined) resolve(match[1]);
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.once('exit', (code) => reject(new Error(`npm start exited with ${code}:\n${output}`)));
  });
}

/** The exit code and everything printed by a start that is expected to stop by itself. */
function exitOf(child: ChildProcess): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code) => resolve({ code, output }));
  });
}

async function operatorToken(url: string, client: string): Promise<string> {
  const response = await fetch(`${url}/auth/token`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from(client).toString('base64')}`,
    },
    body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'orders/admin' }),
  });
  const body = (await response.json()) as { access_token?: string };
  if (body.access_token === undefined) throw new Error(`no token: ${JSON.stringify(body)}`);
  return body.access_token;
}

describe('npm start with ORDERS_PARTNERS_FILE', () => {
  it('takes orders from a partner-c added with a copy of partner-a’s format, numbered from 1, and lists it', async () => {
    expect(partnerA).toBeDefined();
    if (partnerA === undefined) return;
    const dir = tempDir();
    const file = writePartnerFile(dir, [
      ...repositoryFile.partners,
      { id: 'partner-c', name: 'Partner C', format: structuredClone(partnerA.format) },
    ]);
    const client = 'orders-script:partners-test-secret';
    const child = start({
      ORDERS_LOCAL_DIR: join(dir, 'local'),
      ORDERS_PARTNERS_FILE: file,
      PARTNER_KEYS: 'partner-a:partners-test-key-a,partner-c:partners-test-key-c',
      OPERATOR_CLIENT: client,
    });
    const url = await runningUrl(child);

    const order = (n: number) => ({
      orderId: `C-${n}`,
      skuId: 'SKU-1',
      customerId: 'CUST-1',
      quantity: 2,
      unitPrice: 10,
      taxRate: 0.2,
      transactionTimeMs: Date.now() - 1000,
    });
    const posted = await fetch(`${url}/v1/partners/partner-c/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': 'partners-test-key-c' },
      body: JSON.stringify([order(1), order(2)]),
    });
    expect(posted.status).toBe(202);
    const { accepted } = (await posted.json()) as {
      accepted: { submissionId: string; externalOrderId: string }[];
    };
    expect(accepted.map((submission) => submission.externalOrderId)).toEqual(['C-1', 'C-2']);

    const headers = { 'x-api-key': 'partners-test-key-c' };
    const statuses: { status: string; sequenceNumber?: number }[] = [];
    for (const { submissionId } of accepted) {
      let status: { status: string; sequenceNumber?: number } = { status: 'pending' };
      // Polls until the workflow settles the submission; the test's own timeout bounds it.
      while (status.status === 'pending') {
        await new Promise((resolve) => setTimeout(resolve, 50));
        const response = await fetch(`${url}/v1/partners/partner-c/submissions/${submissionId}`, { headers });
        status = (await response.json()) as typeof status;
      }
      statuses.push(status);
    }
    expect(statuses.map((status) => status.status)).toEqual(['accepted', 'accepted']);
    expect(statuses.map((status) => status.sequenceNumber).sort()).toEqual([1, 2]);

    const token = await operatorToken(url, client);
    const listed = await fetch(`${url}/v1/partners`, { headers: { authorization: `Bearer ${token}` } });
    const { items } = (await listed.json()) as { items: { id: string; accepted: number; format: unknown }[] };
    expect(items.map((partner) => partner.id)).toEqual(['partner-a', 'partner-b', 'partner-c']);
    expect(items.find((partner) => partner.id === 'partner-c')).toMatchObject({
      accepted: 2,
      format: partnerA.format,
    });
    const stats = await fetch(`${url}/v1/stats`, { headers: { authorization: `Bearer ${token}` } });
    const { partners } = (await stats.json()) as {
      partners: { partnerId: string; lastSequenceNumber: number }[];
    };
    expect(partners).toContainEqual(
      expect.objectContaining({ partnerId: 'partner-c', lastSequenceNumber: 2 }),
    );
    await stop(child);
  }, 120_000);

  it('refuses to start on a malformed partner file, naming the partner and the field', async () => {
    if (partnerA === undefined) return;
    const dir = tempDir();
    const broken = { ...partnerA.format, fields: { ...(partnerA.format.fields as object), quantity: 5 } };
    const file = writePartnerFile(dir, [
      ...repositoryFile.partners,
      { id: 'partner-c', name: 'Partner C', format: broken },
    ]);
    const { code, output } = await exitOf(
      start({ ORDERS_LOCAL_DIR: join(dir, 'local'), ORDERS_PARTNERS_FILE: file }),
    );
    expect(code).not.toBe(0);
    expect(output).toMatch(/partners\.json: partner "partner-c": format\.fields\.quantity: /);
    expect(output).not.toContain('Order ingestion is running');
  }, 60_000);

  it('refuses to start when two partners are given the same key, naming them and never the key', async () => {
    const dir = tempDir();
    const shared = 'shared_key_0123456789abcdef';
    const { code, output } = await exitOf(
      start({
        ORDERS_LOCAL_DIR: join(dir, 'local'),
        PARTNER_KEYS: `partner-a:${shared},partner-b:${shared}`,
      }),
    );
    expect(code).not.toBe(0);
    expect(output).toContain(
      'partners partner-a and partner-b hold the same key; each partner needs its own',
    );
    expect(output).not.toContain(shared);
    expect(output).not.toContain('Order ingestion is running');
  }, 60_000);

  it('refuses to start on a key for a partner nobody registered', async () => {
    const dir = tempDir();
    const { code, output } = await exitOf(
      start({
        ORDERS_LOCAL_DIR: join(dir, 'local'),
        PARTNER_KEYS: 'partner-a:key_a_0123456789abcdef,partner-z:key_z_0123456789abcdef',
      }),
    );
    expect(code).not.toBe(0);
    expect(output).toContain('keys are given for partner-z, which is not registered');
    expect(output).not.toContain('key_z_0123456789abcdef');
    expect(output).not.toContain('Order ingestion is running');
  }, 60_000);

  it('refuses to start on a partner file that registers an id twice', async () => {
    const dir = tempDir();
    const file = writePartnerFile(dir, [...repositoryFile.partners, ...repositoryFile.partners.slice(0, 1)]);
    const { code, output } = await exitOf(
      start({ ORDERS_LOCAL_DIR: join(dir, 'local'), ORDERS_PARTNERS_FILE: file }),
    );
    expect(code).not.toBe(0);
    expect(output).toMatch(/partner "partner-a": id: "partner-a" is registered twice/);
  }, 60_000);
});
