import './env';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Events } from '@orders/core';
import { redriveLocal } from './dead-letter-redrive';

// `pnpm redrive`: puts the events that rules could not deliver back on the bus. Locally it drains the dead
// letters `pnpm start` kept in .local/ (stop it first); with --aws it drains a deployed stage's rule
// dead-letter queues onto its bus (EVENT_BUS_NAME and the usual AWS credentials).

const usage = `Usage: pnpm redrive [--aws --queue-url URL …]
  (local)        redrives the dead letters kept in .local/ (stop pnpm start first) and waits for them to settle
  --aws          redrives a deployed stage's dead-letter queues onto its bus (env EVENT_BUS_NAME, AWS credentials)
  --queue-url U  a rule's dead-letter queue (the stage's DeadLetterQueueUrls output); repeat for several`;

const { values } = parseArgs({
  options: {
    aws: { type: 'boolean', default: false },
    'queue-url': { type: 'string', multiple: true },
    help: { type: 'boolean', default: false },
  },
});

function print(where: string, report: Events.RedriveReport): void {
  console.log(
    `${where}: ${report.redriven} redriven, ${report.refused} refused by the bus (kept), ` +
      `${report.unreadable} unreadable (kept).`,
  );
}

async function redriveDeployed(queueUrls: string[]): Promise<void> {
  if (queueUrls.length === 0) throw new Error(`--aws needs at least one --queue-url\n\n${usage}`);
  const { awsDeadLetterQueue } = await import('@orders/functions/aws/dead-letters');
  const { awsPublisher } = await import('@orders/functions/aws/publisher');
  const { readConfig } = await import('@orders/functions/config');
  const busName = readConfig().EVENT_BUS_NAME;
  for (const url of queueUrls) {
    print(url, await Events.redriveDeadLetters(awsDeadLetterQueue(url), awsPublisher(), busName));
  }
}

async function main(): Promise<void> {
  if (values.help) {
    console.log(usage);
    return;
  }
  if (values.aws) return redriveDeployed(values['queue-url'] ?? []);
  const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
  const localDir = process.env.ORDERS_LOCAL_DIR ?? join(root, '.local');
  print(localDir, await redriveLocal(localDir));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
