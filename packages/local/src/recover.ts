import './env';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Submission } from '@orders/core';
import { acquireLocalDataLock } from './lock';
import { startLocalRuntime } from './runtime';

// `pnpm recover`: announces stuck pending submissions again. Locally it runs on the data of `pnpm start`
// (which must be stopped: it does the same by itself when it starts); with --aws it works on a deployed
// stage through TABLE_NAME and EVENT_BUS_NAME and the usual AWS credentials.

const usage = `Usage: pnpm recover [--aws] [--min-age-minutes N]
  (local)   re-queues every pending submission in .local/ (stop pnpm start first) and waits for them to settle
  --aws     re-queues pending submissions of a deployed stage (env TABLE_NAME, EVENT_BUS_NAME, AWS credentials)
  --min-age-minutes N   only submissions at least N minutes old (default 0 locally, 15 with --aws)`;

const { values } = parseArgs({
  options: {
    aws: { type: 'boolean', default: false },
    'min-age-minutes': { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});

async function recoverDeployed(minAgeMs: number): Promise<void> {
  const { awsPublisher } = await import('@orders/functions/aws/publisher');
  const { awsStore } = await import('@orders/functions/aws/store');
  const { readConfig } = await import('@orders/functions/config');
  const report = await Submission.requeuePendingSubmissions(
    { store: awsStore(), publisher: awsPublisher(), busName: readConfig().EVENT_BUS_NAME },
    { minAgeMs },
  );
  console.log(`${report.pending} pending submission(s) re-queued on ${readConfig().EVENT_BUS_NAME}.`);
}

async function recoverLocal(minAgeMs: number): Promise<void> {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
  const localDir = process.env.ORDERS_LOCAL_DIR ?? join(root, '.local');
  // Refused while `npm start` holds the data: it re-drives pending submissions by itself.
  const release = acquireLocalDataLock(localDir, 'pnpm recover');
  process.on('exit', release);
  const runtime = await startLocalRuntime({
    dataDir: join(localDir, 'dynamodb'),
    executionLogFile: join(localDir, 'executions.jsonl'),
  });
  try {
    const report = await Submission.requeuePendingSubmissions(
      { store: runtime.store, publisher: runtime.bus, busName: runtime.bus.name },
      { minAgeMs },
    );
    console.log(`${report.pending} pending submission(s) re-queued; waiting for them to settle…`);
    await runtime.idle();
    const settled = await Promise.all(
      report.requeued.map(({ partnerId, submissionId }) =>
        Submission.getSubmission(runtime.store, partnerId, submissionId),
      ),
    );
    const counts = new Map<string, number>();
    for (const item of settled) if (item) counts.set(item.status, (counts.get(item.status) ?? 0) + 1);
    console.log([...counts].map(([status, n]) => `${status}: ${n}`).join(', ') || 'nothing was pending');
  } finally {
    await runtime.stop();
  }
}

async function main(): Promise<void> {
  if (values.help) {
    console.log(usage);
    return;
  }
  const minutes = Number(values['min-age-minutes'] ?? (values.aws ? 15 : 0));
  if (!Number.isFinite(minutes) || minutes < 0)
    throw new Error(`--min-age-minutes must be a number ≥ 0\n\n${usage}`);
  if (values.aws) await recoverDeployed(minutes * 60_000);
  else await recoverLocal(minutes * 60_000);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
