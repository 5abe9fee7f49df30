import './env';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Partner, Submission } from '@orders/core';
import { usePartners } from '@orders/core/partner/registry';
import { PartnerKeys } from '@orders/functions';
import { startLocalApp } from './app';
import { loadAuthSettings } from './auth/local-settings';
import { deadLetterFile } from './dead-letter-redrive';
import { acquireLocalDataLock } from './lock';
import { loadPartnersFile } from './partners-file';

// `pnpm start`: the whole product on http://localhost:3000, data kept under .local/ across restarts.

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
// ORDERS_LOCAL_DIR moves all local state (data, keys) elsewhere, e.g. for a throwaway run in tests.
const localDir = process.env.ORDERS_LOCAL_DIR ?? join(root, '.local');
const keysFile = join(localDir, 'partner-keys.json');

/**
 * Keys from PARTNER_KEYS, else the development keys kept in .local/, generated on first start and for each
 * partner the registry gained since.
 */
function loadKeys(): { keys: [string, string][]; source: string } {
  const fromEnvironment = process.env.PARTNER_KEYS;
  if (fromEnvironment !== undefined && fromEnvironment !== '') {
    return { keys: PartnerKeys.parsePairs(fromEnvironment), source: 'PARTNER_KEYS' };
  }
  const stored = existsSync(keysFile)
    ? (JSON.parse(readFileSync(keysFile, 'utf8')) as Record<string, string>)
    : undefined;
  const missing = Partner.listPartners().filter((partner) => stored?.[partner.id] === undefined);
  if (stored !== undefined && missing.length === 0) return { keys: Object.entries(stored), source: keysFile };
  const keys = {
    ...stored,
    ...Object.fromEntries(
      missing.map((partner) => [partner.id, `dev_${randomBytes(24).toString('base64url')}`]),
    ),
  };
  mkdirSync(localDir, { recursive: true });
  writeFileSync(keysFile, `${JSON.stringify(keys, null, 2)}\n`, { mode: 0o600 });
  const generated = missing.map((partner) => partner.id).join(', ');
  return { keys: Object.entries(keys), source: `${keysFile} (generated now for ${generated})` };
}

async function main(): Promise<void> {
  // First, so a malformed partner file stops the start before anything runs, naming the partner and field.
  const partners = loadPartnersFile(process.env.ORDERS_PARTNERS_FILE, root);
  usePartners(partners);
  const port = Number(process.env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number, got ${process.env.PORT}`);
  // Held while the product runs, so `pnpm recover` and the migrations refuse to touch the same data.
  const release = acquireLocalDataLock(localDir, 'npm start');
  process.on('exit', release);
  const { keys, source } = loadKeys();
  // Before anything starts: a key for an unregistered partner, or one key for two partners, stops the start.
  PartnerKeys.checkRegistered(
    keys,
    Partner.listPartners().map((partner) => partner.id),
  );
  const partnerKeys = new PartnerKeys(keys);
  const auth = await loadAuthSettings(join(localDir, 'auth.json'), process.env.OPERATOR_CLIENT);
  console.log('Starting DynamoDB Local and the order workflow…');
  const app = await startLocalApp({
    keys: partnerKeys,
    signingKeys: keys,
    port,
    dataDir: join(localDir, 'dynamodb'),
    executionLogFile: join(localDir, 'executions.jsonl'),
    bus: { deadLetterFile: deadLetterFile(localDir), archive: { file: join(localDir, 'archive.jsonl') } },
    webRoot: join(root, 'web', 'dist'),
    recovery: {
      onPass: ({ deadLetters, pending }) => {
        if (deadLetters > 0) console.log(`Redelivered ${deadLetters} dead letter(s).`);
        if (pending > 0) console.log(`Re-queued ${pending} submission(s) left pending.`);
      },
      onError: (error) =>
        console.error('Recovery pass failed:', error instanceof Error ? error.message : error),
    },
    auth: auth.settings,
  });

  // Nothing survives a stop but the data: whatever was still pending then is announced again now.
  const recovered = await Submission.requeuePendingSubmissions({
    store: app.runtime.store,
    publisher: app.runtime.bus,
    busName: app.runtime.bus.name,
  });

  const deadLetters = app.runtime.bus.deadLetters.length;

  const [firstId, firstKey] = keys[0] ?? ['partner-a', '<key>'];
  console.log(`
Order ingestion is running on ${app.url}

  Web app      ${app.url}
  API          ${app.url}/v1/partners
  PutEvents    ${app.url}/eventbridge   (access key id = partner id, secret access key = its key)
  Data         ${join(localDir, 'dynamodb')}
  Partners     ${Partner.listPartners()
    .map((partner) => partner.id)
    .join(', ')} (from ${partners.source})
  Logs         ${process.env.POWERTOOLS_LOG_LEVEL} and above (POWERTOOLS_LOG_LEVEL=INFO shows every step)

Partner API keys (from ${source}):
${keys.map(([id, key]) => `  ${id.padEnd(12)} ${key}`).join('\n')}

Operators (local OpenID Connect issuer ${app.auth.issuer.issuer}, from ${auth.source}):
${auth.settings.operators.map((o) => `  sign in      ${o.username} / ${o.password}   (${o.groups.join(', ')})`).join('\n')}
${auth.settings.scriptClients.map((c) => `  script       ${c.clientId}:${c.clientSecret}   (client credentials, ${c.roles.join(', ')})`).join('\n')}

Send an order:
  curl -s -X POST ${app.url}/v1/partners/${firstId}/orders \\
    -H 'content-type: application/json' -H 'x-api-key: ${firstKey}' \\
    -d '{"orderId":"A-1","skuId":"SKU-1","customerId":"C-1","quantity":3,"unitPrice":19.99,"taxRate":0.2,"transactionTimeMs":'$(date +%s000)'}'

Read as an operator (a script's token):
  TOKEN=$(curl -s -u '${auth.settings.scriptClients[0]?.clientId}:<secret>' -d grant_type=client_credentials -d scope=orders/admin ${app.auth.issuer.issuer}/token | node -p 'JSON.parse(require("fs").readFileSync(0)).access_token')
  curl -s ${app.url}/v1/stats -H "authorization: Bearer $TOKEN"

${recovered.pending > 0 ? `\nRe-queued ${recovered.pending} submission(s) left pending by the last run.\n` : ''}${deadLetters > 0 ? `\n${deadLetters} dead letter(s) kept from earlier runs: redelivered every minute while this runs (pnpm redrive does it once while stopped).\n` : ''}
Press Ctrl-C to stop.`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: finishing running executions and stopping…`);
    await app.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
