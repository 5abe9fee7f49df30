import './env';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Storage } from '@orders/core';
import { startDynamoLocal } from '@orders/dynamo-local';
import { acquireLocalDataLock } from './lock';

// `pnpm migrate:key-casing`: re-keys claims, submissions and errors written by version 1 of their entities
// (keys that lowercased ids) as version 2 items (keys that keep them). docs/migrations.md has the procedure.

const usage = `Usage: pnpm migrate:key-casing [--aws] [--delete-legacy]
  (local)          migrates .local/ (stop npm start first)
  --aws            migrates a deployed stage's table (env TABLE_NAME, AWS credentials)
  --delete-legacy  deletes each version 1 item once its copy is in place (without it, only copies)`;

const { values } = parseArgs({
  options: {
    aws: { type: 'boolean', default: false },
    'delete-legacy': { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});

function print(report: Storage.KeyCasingMigrationReport): void {
  for (const [entity, counts] of Object.entries(report.entities)) {
    console.log(
      `${entity.padEnd(12)} found ${counts.found}, copied ${counts.copied}, already copied ${counts.kept}, deleted ${counts.deleted}`,
    );
  }
}

async function main(): Promise<void> {
  if (values.help) {
    console.log(usage);
    return;
  }
  const options = { deleteLegacy: values['delete-legacy'] };
  if (values.aws) {
    const { DynamoDBClient } = await import('@aws-sdk/client-dynamodb');
    const { readConfig } = await import('@orders/functions/config');
    print(
      await Storage.migrateKeyCasing(
        { client: new DynamoDBClient({}), tableName: readConfig().TABLE_NAME },
        options,
      ),
    );
    return;
  }
  const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
  const localDir = process.env.ORDERS_LOCAL_DIR ?? join(root, '.local');
  const release = acquireLocalDataLock(localDir, 'pnpm migrate:key-casing');
  process.on('exit', release);
  const engine = await startDynamoLocal({ dataDir: join(localDir, 'dynamodb') });
  try {
    await Storage.ensureTable(engine.client, 'orders');
    print(await Storage.migrateKeyCasing({ client: engine.client, tableName: 'orders' }, options));
  } finally {
    await engine.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
