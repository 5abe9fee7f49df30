import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Drives the real product as a person would: `pnpm start`, Debian's Chromium, the built web app.

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const screenshots = join(root, '.local', 'screenshots');
const key = 'browser-test-key-a';
const hostile = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';

let product: ChildProcess;
let output = '';
let url = '';
let stateDir = '';
let browser: Browser;
let page: Page;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

async function startProduct(): Promise<void> {
  const port = await freePort();
  stateDir = mkdtempSync(join(tmpdir(), 'orders-browser-'));
  product = spawn('pnpm', ['start'], {
    cwd: root,
    detached: true,
    env: {
      ...process.env,
      PORT: String(port),
      PARTNER_KEYS: `partner-a:${key},partner-b:browser-test-key-b`,
      ORDERS_LOCAL_DIR: stateDir,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  product.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  product.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`pnpm start did not come up:\n${output}`)), 170_000);
    const check = setInterval(() => {
      const match = /is running on (http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        url = match[1];
        clearInterval(check);
        clearTimeout(timer);
        resolve();
      }
    }, 200);
    product.once('exit', (code) => {
      clearInterval(check);
      clearTimeout(timer);
      reject(new Error(`pnpm start exited with ${code}:\n${output}`));
    });
  });
}

async function stopProduct(): Promise<void> {
  if (product?.pid === undefined || product.exitCode !== null) return;
  const exited = new Promise((resolve) => product.once('exit', resolve));
  // Ctrl-C reaches the whole process group, as it would in a terminal.
  process.kill(-product.pid, 'SIGINT');
  const force = setTimeout(() => product.pid && process.kill(-product.pid, 'SIGKILL'), 20_000);
  await exited;
  clearTimeout(force);
}

async function snap(name: string): Promise<void> {
  await page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: true });
}

async function go(route: string): Promise<void> {
  await page.goto(`${url}/#${route}${route.includes('?') ? '&' : '?'}partner=partner-a`);
}

async function submitOrder(json: string): Promise<string> {
  await go('/submit');
  await page.getByLabel('Order JSON').fill(json);
  await page.getByLabel('API key').fill(key);
  await page.getByRole('button', { name: 'Submit order' }).click();
  const status = page.getByTestId('submission-status');
  await expect
    .poll(async () => (await status.textContent()) ?? '', { timeout: 30_000 })
    .toMatch(/accepted|rejected/);
  return (await status.textContent()) ?? '';
}

beforeAll(async () => {
  mkdirSync(screenshots, { recursive: true });
  await startProduct();
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  page = await browser.newPage({ viewport: { width: 1366, height: 860 } });
  page.on('dialog', (dialog) => {
    throw new Error(`unexpected dialog: ${dialog.message()}`);
  });
}, 200_000);

afterAll(async () => {
  await browser?.close();
  await stopProduct();
  if (stateDir) rmSync(stateDir, { recursive: true, force: true });
}, 60_000);

/** The operator `pnpm start` generated on its first start, from its state directory. */
function operator(): { username: string; password: string } {
  const settings = JSON.parse(readFileSync(join(stateDir, 'auth.json'), 'utf8')) as {
    operators: { username: string; password: string }[];
  };
  const first = settings.operators[0];
  if (first === undefined) throw new Error('pnpm start generated no operator');
  return first;
}

describe('the product in a browser', () => {
  it('shows only the sign-in page while signed out, then signs the operator in through the local issuer', async () => {
    await page.goto(`${url}/#/dashboard?partner=partner-a`);
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(await page.getByRole('heading', { name: 'Dashboard' }).count()).toBe(0);
    expect(await page.getByTestId('partner-stats-partner-a').count()).toBe(0);
    await snap('signed-out');

    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/auth\/interaction\//);
    const { username, password } = operator();
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByLabel('User name').fill(username);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').waitFor();
    await page.getByLabel('User name').fill(username);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();

    await page.getByRole('heading', { name: 'Dashboard' }).waitFor({ timeout: 15_000 });
    expect(await page.getByText(`Signed in as ${username}`).count()).toBe(1);
    await page.getByTestId('partner-stats-partner-a').waitFor({ timeout: 15_000 });
  });

  it('accepts an order submitted through the form and shows it with its sequence number', async () => {
    const order = {
      orderId: 'WEB-1',
      skuId: 'SKU-42',
      customerId: 'C-7',
      quantity: 3,
      unitPrice: 19.99,
      taxRate: 0.2,
      transactionTimeMs: Date.now() - 60_000,
    };
    expect(await submitOrder(JSON.stringify(order))).toMatch(/accepted/);
    await expect.poll(() => page.getByRole('link', { name: /order #1/ }).count()).toBe(1);

    await go('/orders');
    const row = page.getByTestId('order-row').filter({ hasText: 'WEB-1' });
    await expect.poll(() => row.count(), { timeout: 15_000 }).toBe(1);
    expect((await row.getByTestId('order-seq').textContent())?.trim()).toBe('1');
    await snap('orders');

    await row.getByTestId('order-seq').getByRole('link').click();
    await expect.poll(() => page.getByTestId('gross-amount').textContent()).toContain('59.97');
    await expect.poll(() => page.getByTestId('net-amount').textContent()).toContain('71.96');
  });

  it('opens the execution timeline of the order from its detail page', async () => {
    await go('/orders/1');
    await page.getByRole('article', { name: 'Processing' }).locator('a[href*="executions"]').click();
    const timeline = page.getByRole('list', { name: 'Timeline' });
    await expect
      .poll(() => timeline.getByTestId('timeline-row').count(), { timeout: 15_000 })
      .toBeGreaterThanOrEqual(5);
    const states = await timeline.getByTestId('timeline-state').allTextContents();
    expect(states.map((s) => s.trim())).toEqual(
      expect.arrayContaining(['Validate', 'SequenceAndStore', 'EmitAccepted']),
    );
    await snap('execution');
  });

  it('rejects an invalid order and shows its issues in the errors view, hostile text kept inert', async () => {
    const invalid = {
      orderId: 'WEB-2',
      skuId: hostile,
      customerId: 'C-7',
      quantity: '5',
      unitPrice: -1,
      taxRate: 0.2,
      transactionTimeMs: Date.now(),
    };
    expect(await submitOrder(JSON.stringify(invalid))).toMatch(/rejected/);

    await go('/errors');
    const item = page.getByTestId('error-item').filter({ hasText: 'WEB-2' });
    await expect.poll(() => item.count(), { timeout: 15_000 }).toBe(1);
    const issues = (await item.getByTestId('error-issue').allTextContents()).join(' | ');
    expect(issues).toContain('quantity');
    expect(issues).toContain('unitPrice');
    expect(await item.getByTestId('error-payload').textContent()).toContain('<img src=x');
    expect(
      await page.locator('[data-testid="error-payload"] img, [data-testid="error-payload"] script').count(),
    ).toBe(0);
    expect(await page.evaluate(() => (globalThis as { __pwned?: number }).__pwned)).toBeUndefined();
    await item.getByText('Payload').click();
    expect(await page.evaluate(() => (globalThis as { __pwned?: number }).__pwned)).toBeUndefined();
    await snap('errors');
  });

  it('lists the executions with their orders and filters them by outcome', async () => {
    await go('/executions');
    const rows = page.getByTestId('execution-row');
    const accepted = rows.filter({ hasText: 'WEB-1' });
    await expect.poll(() => accepted.count(), { timeout: 15_000 }).toBe(1);
    expect(await accepted.getAttribute('data-outcome')).toBe('accepted');
    await page.getByLabel('Outcome').selectOption('rejected');
    await expect.poll(() => rows.filter({ hasText: 'WEB-1' }).count(), { timeout: 15_000 }).toBe(0);
    await expect.poll(() => rows.filter({ hasText: 'WEB-2' }).count(), { timeout: 15_000 }).toBe(1);
    const outcomes = await rows.evaluateAll((all) => all.map((row) => row.getAttribute('data-outcome')));
    expect(outcomes.length).toBeGreaterThan(0);
    expect(new Set(outcomes)).toEqual(new Set(['rejected']));
    await snap('executions-rejected');
  });

  it('shows the dashboard with the counts of both outcomes', async () => {
    await go('/dashboard');
    const card = page.getByTestId('partner-stats-partner-a');
    await expect
      .poll(() => card.getByTestId('stat-accepted').textContent(), { timeout: 15_000 })
      .toContain('1');
    await expect.poll(() => card.getByTestId('stat-rejected').textContent()).toContain('1');
    await snap('dashboard');
  });

  it('draws the dashboard’s trend charts: orders, rejection rate, latency, pending and dead letters', async () => {
    await go('/dashboard');
    const charts = ['chart-orders', 'chart-rejections', 'chart-latency', 'chart-backlog'];
    for (const testId of charts) {
      const canvas = page.getByTestId(testId).locator('canvas');
      await canvas.waitFor({ timeout: 30_000 });
      const box = await canvas.boundingBox();
      expect(box?.width ?? 0).toBeGreaterThan(100);
      expect(box?.height ?? 0).toBeGreaterThan(100);
    }
    // The legends name the partners' lines; an order was accepted and one rejected within the hour.
    await expect
      .poll(() => page.getByTestId('chart-orders').getByTestId('legend-item').allTextContents(), {
        timeout: 30_000,
      })
      .toEqual([expect.stringMatching(/^partner-a \d+$/), expect.stringMatching(/^partner-b \d+$/)]);
    const legends = await page.getByTestId('chart-latency').getByTestId('legend-item').allTextContents();
    expect(legends[0]).toMatch(/^partner-a p50 \d+(\.\d)? ms$/);
    expect(await page.getByTestId('backlog-now').textContent()).toMatch(
      /^Now: \d+ pending · \d+ dead letters$/,
    );
    // Drawn, not only placed: each canvas holds a line's or a point's coloured pixels (the axes and the
    // grid are grey), the accepted order's latency and the rejection's rate among them.
    const inked = await page.evaluate((ids) => {
      return ids.map((id) => {
        // This package has no DOM types: the page's own, as far as this reads them.
        interface Canvas {
          width: number;
          height: number;
          getContext(kind: '2d'): {
            getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> };
          } | null;
        }
        const { document } = globalThis as unknown as {
          document: { querySelector(selector: string): Canvas | null };
        };
        const canvas = document.querySelector(`[data-testid="${id}"] canvas`);
        if (canvas === null) return -1;
        const pixels = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data ?? [];
        let count = 0;
        for (let i = 0; i < pixels.length; i += 4) {
          const [r = 0, g = 0, b = 0, alpha = 0] = [pixels[i], pixels[i + 1], pixels[i + 2], pixels[i + 3]];
          if (alpha > 128 && Math.max(r, g, b) - Math.min(r, g, b) > 80) count++;
        }
        return count;
      });
    }, charts);
    await snap('dashboard-trends');
    expect(inked.map((count) => count > 0)).toEqual([true, true, true, true]);
  });

  it('finds an order by its external id and a submission by its id from the header’s search box', async () => {
    const find = async (term: string) => {
      await page.getByLabel('Find an order').fill(term);
      await page.getByRole('button', { name: 'Find' }).click();
    };
    await go('/dashboard');
    await find('WEB-1');
    await page.getByRole('heading', { name: 'Order #1' }).waitFor({ timeout: 15_000 });
    expect(page.url()).toContain('#/orders/1?partner=partner-a');

    // Ids keep their case: the lower-case id is no order, and the page says what the search tried.
    await find('web-1');
    const miss = page.getByTestId('search-miss');
    await miss.waitFor({ timeout: 15_000 });
    expect(await miss.textContent()).toContain('order id “web-1” of partner-a');
    await snap('search-miss');

    await go('/submissions?status=rejected');
    const rejected = page.getByTestId('submission-row').filter({ hasText: 'WEB-2' });
    await expect.poll(() => rejected.count(), { timeout: 15_000 }).toBe(1);
    const submissionId = ((await rejected.getByRole('link').first().textContent()) ?? '').trim();
    expect(submissionId).toMatch(/^[0-9a-f-]{36}$/);
    await snap('submissions');

    await find(submissionId);
    await page.waitForURL(new RegExp(`#/submissions/${submissionId}`), { timeout: 15_000 });
    await expect
      .poll(() => page.getByTestId('submission-status').textContent(), { timeout: 15_000 })
      .toContain('rejected');
    expect(await page.getByTestId('submission-id').textContent()).toBe(submissionId);
    await snap('submission');
  });

  // Last but one, so the counts and order #1 the tests above look at stay as they expect.
  it('shows an accepted order whose ids are markup as plain text in the table and the detail view', async () => {
    const order = {
      orderId: `WEB-3 ${hostile}`,
      skuId: hostile,
      customerId: 'C-7',
      quantity: 1,
      unitPrice: 2.5,
      taxRate: 0,
      transactionTimeMs: Date.now() - 60_000,
    };
    expect(await submitOrder(JSON.stringify(order))).toMatch(/accepted/);
    const injected = () => page.locator('img[src="x"], script:has-text("__pwned")').count();
    const pwned = () => page.evaluate(() => (globalThis as { __pwned?: number }).__pwned);

    await go('/orders');
    // The list fetched by the first test may still be fresh in the query cache: load the page anew.
    await page.reload();
    const row = page.getByTestId('order-row').filter({ hasText: 'WEB-3' });
    await expect.poll(() => row.count(), { timeout: 15_000 }).toBe(1);
    expect(await row.textContent()).toContain(order.orderId);
    expect(await injected()).toBe(0);

    await row.getByTestId('order-seq').getByRole('link').click();
    const details = page.getByRole('article', { name: 'Order' });
    await expect.poll(() => details.textContent(), { timeout: 15_000 }).toContain(order.orderId);
    expect(await details.textContent()).toContain(hostile);
    expect(await injected()).toBe(0);
    expect(await pwned()).toBeUndefined();
  });

  it('reprocesses a rejected submission as admin after confirming, and shows the progress and its history', async () => {
    const invalid = {
      orderId: 'WEB-R1',
      skuId: 'SKU-1',
      customerId: 'C-7',
      quantity: 0,
      unitPrice: 4.5,
      taxRate: 0.2,
      transactionTimeMs: Date.now(),
    };
    expect(await submitOrder(JSON.stringify(invalid))).toMatch(/rejected/);
    const submissionId = (await page.getByTestId('submission-id').textContent()) ?? '';
    await go(`/submissions/${submissionId}`);
    const status = page.getByTestId('submission-status');
    await expect.poll(async () => (await status.textContent()) ?? '', { timeout: 15_000 }).toBe('rejected');
    await page.getByRole('button', { name: 'Reprocess' }).click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.textContent()).toContain('through the workflow again');
    await dialog.getByRole('button', { name: 'Reprocess' }).click();
    // The real workflow runs it again: still too few, rejected again, the first rejection in its history.
    await expect
      .poll(async () => (await page.getByTestId('reprocess-result').textContent()) ?? '', { timeout: 30_000 })
      .toBe('Reprocessed: now rejected.');
    expect(await status.textContent()).toBe('rejected');
    const history = page.getByTestId('submission-history');
    await expect
      .poll(async () => (await history.textContent()) ?? '', { timeout: 15_000 })
      .toContain('1 earlier attempt');
    await history.getByText('1 earlier attempt').click();
    expect(await page.getByTestId('submission-attempt').textContent()).toContain('quantity');
    await snap('reprocessed');
  });

  it('signs the operator out, back to the sign-in page', async () => {
    await go('/dashboard');
    await page.getByRole('button', { name: 'Sign out' }).click();
    // The issuer asks to confirm ending its own session too.
    await page.getByRole('button', { name: /sign me out/i }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor({ timeout: 15_000 });
    expect(await page.getByRole('heading', { name: 'Dashboard' }).count()).toBe(0);
    expect(
      await page.evaluate(() =>
        (
          globalThis as unknown as { sessionStorage: { getItem(key: string): string | null } }
        ).sessionStorage.getItem('orders.session'),
      ),
    ).toBeNull();
    await go('/orders');
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(await page.getByTestId('order-row').count()).toBe(0);
  });
});
