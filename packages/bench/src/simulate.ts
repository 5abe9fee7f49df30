import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Partner } from '@orders/core';
import { PartnerKeys } from '@orders/functions';
import { breakOrder, type Format, realisticOrder } from './simulate/orders';

// `pnpm simulate`: partners publishing orders through the HTTP API of a running `pnpm start`.

const usage = `Usage: pnpm simulate [options]
  --url URL            API base (default http://localhost:$PORT or http://localhost:3000)
  --partners LIST      comma-separated partner ids (default: all)
  --rate N             orders per second, all partners together (default 20)
  --count N            orders to send in all (default 200)
  --invalid SHARE      share of invalid orders, 0–1 (default 0.1)
  --duplicates SHARE   share of exact resends, 0–1 (default 0.1)
Keys come from PARTNER_KEYS or .local/partner-keys.json (written by pnpm start).`;

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    partners: { type: 'string' },
    rate: { type: 'string', default: '20' },
    count: { type: 'string', default: '200' },
    invalid: { type: 'string', default: '0.1' },
    duplicates: { type: 'string', default: '0.1' },
    help: { type: 'boolean', default: false },
  },
});

function fail(message: string): never {
  console.error(`${message}\n\n${usage}`);
  process.exit(2);
}

function numberOption(name: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value < min || value > max)
    fail(`--${name} must be a number from ${min} to ${max}`);
  return value;
}

function loadKeys(): Map<string, string> {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
  const text = process.env.PARTNER_KEYS;
  if (text !== undefined && text !== '') return new Map(PartnerKeys.parsePairs(text));
  const file = join(root, '.local', 'partner-keys.json');
  if (!existsSync(file))
    fail('no partner keys: start the product with `pnpm start` first, or set PARTNER_KEYS');
  return new Map(Object.entries(JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>));
}

function progress(done: number, total: number, accepted: number, failed: number): string {
  const width = 30;
  const filled = Math.round((done / total) * width);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total}  202: ${accepted}  errors: ${failed}`;
}

async function main(): Promise<void> {
  if (values.help) {
    console.log(usage);
    return;
  }
  const url = values.url ?? `http://localhost:${process.env.PORT ?? 3000}`;
  const rate = numberOption('rate', values.rate, 0.1, 10_000);
  const count = numberOption('count', values.count, 1, 10_000_000);
  const invalidShare = numberOption('invalid', values.invalid, 0, 1);
  const duplicateShare = numberOption('duplicates', values.duplicates, 0, 1);
  const keys = loadKeys();
  const partners = (values.partners?.split(',') ?? Partner.listPartners().map((p) => p.id)).map((id) => {
    const partner = Partner.getPartner(id.trim());
    if (partner === undefined) fail(`unknown partner ${id}`);
    const key = keys.get(partner.id);
    if (key === undefined) fail(`no key for ${partner.id}`);
    return { ...partner, key };
  });

  const runId = randomBytes(3).toString('hex');
  const sent: { partnerIndex: number; order: Record<string, unknown> }[] = [];
  const statuses = new Map<string, number>();
  let accepted = 0;
  let failed = 0;
  let done = 0;
  const interactive = process.stderr.isTTY;
  const started = Date.now();
  const inFlight = new Set<Promise<void>>();

  console.log(`Sending ${count} orders to ${url} at ${rate}/s from ${partners.map((p) => p.id).join(', ')}`);
  for (let n = 0; n < count; n++) {
    // Keep to the rate: wait until this order's slot comes.
    const due = started + (n * 1000) / rate;
    if (due > Date.now()) await new Promise((resolve) => setTimeout(resolve, due - Date.now()));
    const roll = Math.random();
    let item: { partnerIndex: number; order: Record<string, unknown> };
    const previous = sent[Math.floor(Math.random() * sent.length)];
    if (roll < duplicateShare && previous !== undefined) {
      item = previous;
    } else {
      const partnerIndex = n % partners.length;
      const format = partners[partnerIndex]?.format as Format;
      const order = realisticOrder(format, runId, n);
      item = {
        partnerIndex,
        order: roll < duplicateShare + invalidShare ? breakOrder(order, format) : order,
      };
      sent.push(item);
    }
    const partner = partners[item.partnerIndex];
    if (partner === undefined) continue;
    const request = fetch(`${url}/v1/partners/${partner.id}/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': partner.key },
      body: JSON.stringify(item.order),
    })
      .then((response) => {
        const label = String(response.status);
        statuses.set(label, (statuses.get(label) ?? 0) + 1);
        if (response.status === 202) accepted++;
        else failed++;
        return response.arrayBuffer();
      })
      .catch((error: unknown) => {
        failed++;
        const label =
          error instanceof Error
            ? ((error.cause as { code?: string } | undefined)?.code ?? error.name)
            : 'error';
        statuses.set(label, (statuses.get(label) ?? 0) + 1);
      })
      .then(() => {
        done++;
        if (interactive) process.stderr.write(`\r${progress(done, count, accepted, failed)}`);
        else if (done % Math.max(1, Math.round(count / 10)) === 0)
          console.log(progress(done, count, accepted, failed));
      });
    const tracked = request.finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
  }
  await Promise.all(inFlight);
  if (interactive) process.stderr.write('\n');
  const seconds = (Date.now() - started) / 1000;
  console.log(`
Sent        ${count} in ${seconds.toFixed(1)} s (${(count / seconds).toFixed(1)}/s)
202         ${accepted}
Errors      ${failed}${statuses.size > 0 ? `  (${[...statuses].map(([status, n]) => `${status}: ${n}`).join(', ')})` : ''}
Statuses settle in the workflow: see ${url}/ or GET ${url}/v1/stats`);
  if (failed > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
