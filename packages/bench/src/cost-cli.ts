import './production-env';
import '@orders/local/env';
import { parseArgs } from 'node:util';
import { costReport } from './cost';
import { measure, startBenchApp } from './harness';
import { runClosedLoop, runFixedRate } from './load';
import { prices } from './prices';
import { formatCost } from './report';
import { measureUsage, usageByOutcome } from './usage';

const usage = `Usage: pnpm cost [--rate N] [--seconds N] [--json]
  Runs the local product under the bench's mixed load (default 50 orders/s for 10 s), once one order per
  request and once 100 orders per request, measures what each order uses, and prints what a million orders
  cost on AWS, Standard vs Express.`;

/** `pnpm cost`: two short measured runs, then the cost model over them. */
async function runCost(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      rate: { type: 'string', default: '50' },
      seconds: { type: 'string', default: '10' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    return;
  }
  const rate = Number(values.rate);
  const seconds = Number(values.seconds);
  if (!(rate > 0 && rate <= 500 && seconds > 0 && seconds * rate <= 4_500)) {
    console.error(`--rate must be 1–500 and rate × seconds at most 4,500\n\n${usage}`);
    process.exit(2);
  }
  process.stderr.write(`cost: starting the product, then ${rate} orders/s for ${seconds} s, twice…\n`);
  const bench = await startBenchApp();
  const measured = await (async () => {
    await measure(bench, () =>
      runClosedLoop(bench.load, { label: 'warm-up', concurrency: 4, durationMs: 60_000, maxOrders: 400 }),
    );
    const single = await measure(
      bench,
      () => runFixedRate(bench.load, { label: `${rate} orders/s`, rate, durationMs: seconds * 1000 }),
      { workflowLogs: true },
    );
    process.stderr.write(`cost: the same orders/s, 100 orders per request…\n`);
    const batched = await measure(
      bench,
      () =>
        runFixedRate(bench.load, {
          label: `${rate} orders/s, 100 per request`,
          rate,
          durationMs: seconds * 1000,
          perRequest: 100,
        }),
      { workflowLogs: true },
    );
    return { single, batched };
  })().finally(() => bench.stop());
  const { single, batched } = measured;
  if (Math.max(single.cpu.otherCores ?? 0, batched.cpu.otherCores ?? 0) >= 0.2) {
    process.stderr.write(
      `warning: other processes used up to ${Math.max(single.cpu.otherCores ?? 0, batched.cpu.otherCores ?? 0).toFixed(2)} cores during the runs; durations (Lambda, Express) are skewed\n`,
    );
  }
  const singleUsage = measureUsage(single.traces, single.functionOutput);
  const batchedUsage = measureUsage(batched.traces, batched.functionOutput);
  const byOutcome = usageByOutcome(single.traces);
  const cost = costReport(singleUsage, batchedUsage);
  // Printed once the product has stopped: until then the probe keeps the handlers' JSON lines off stdout.
  process.stdout.write(
    values.json
      ? `${JSON.stringify(
          {
            usage: singleUsage,
            usageByOutcome: byOutcome,
            usageBatched100: batchedUsage,
            usageByOutcomeBatched100: usageByOutcome(batched.traces),
            cost,
            prices,
          },
          null,
          2,
        )}\n`
      : `${formatCost(singleUsage, byOutcome, batchedUsage, cost)}\n`,
  );
}

runCost(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
