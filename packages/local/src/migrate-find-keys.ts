import './env';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Storage } from '@orders/core';
import { startDynamoLocal } from '@orders/dynamo-local';
import { acquireLocalDataLock } from './lock';

// `pnpm migrate:find-keys`: gives submissions and errors written before the finding reads existed the keys
// and codes those reads use (gsi3, issueCodes). docs/migrations.md has the procedure.

const usage = `Usage: pnpm migrate:find-keys [--aws]
  (local)  backfills .local/ (stop npm start first)
  --aws    backfills a deployed stage's table (env TABLE_NAME, AWS credentials)`;

const { values } = parseArgs({
  options: {
    aws: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});

function print(report: Storage.FindKeysBackfillReport): void {
  for (const [kind, counts] of Object.entries(report)) {
    console.log(
      `${kind.padEnd(12)} found ${counts.found}, rewritten ${counts.rewritten}, changed meanwhile (left as they are) ${counts.changedMeanwhile}`,
    );
  }
}

async function main(): Promise<void> {
  if (values.help) {
    console.log(usage);
    return;
  }
  if (values.aws) {
    const { DynamoDBClient } = await import('@aws-sdk/client-dynamodb');
    const { readConfig } = await import('@orders/functions/config');
    print(
      await Storage.backfillFindKeys({ client: new DynamoDBClient({}), tableName: readConfig().TABLE_NAME }),
    );
    return;
  }
  const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
  const localDir = process.env.ORDERS_LOCAL_DIR ?? join(root, '.local');
  const release = acquireLocalDataLock(localDir, 'pnpm migrate:find-keys');
  process.on('exit', release);
  const engine = await startDynamoLocal({ dataDir: join(localDir, 'dynamodb') });
  try {
    await Storage.ensureTable(engine.client, 'orders');
    print(await Storage.backfillFindKeys({ client: engine.client, tableName: 'orders' }));
  } finally {
    await engine.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
