import '@orders/local/env';
import { parseArgs } from 'node:util';
import { estimateCost } from './cost';
import { measure, startBenchApp } from './harness';
import { runClosedLoop, runFixedRate } from './load';
import { prices } from './prices';
import { formatCost } from './report';
import { measureUsage, usageByOutcome } from './usage';

const usage = `Usage: pnpm cost [--rate N] [--seconds N] [--json]
  Runs the local product under the bench's mixed load (default 50 orders/s for 10 s), measures what each
  order uses, and prints what a million orders cost on AWS, Standard vs Express.`;

/** `pnpm cost`: a short measured run, then the cost model over it. */
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
  process.stderr.write(`cost: starting the product, then ${rate} orders/s for ${seconds} s…\n`);
  const bench = await startBenchApp();
  try {
    await measure(bench, () =>
      runClosedLoop(bench.load, { label: 'warm-up', concurrency: 4, durationMs: 60_000, maxOrders: 400 }),
    );
    const run = await measure(bench, () =>
      runFixedRate(bench.load, { label: `${rate} orders/s`, rate, durationMs: seconds * 1000 }),
    );
    if ((run.cpu.otherCores ?? 0) >= 0.2) {
      process.stderr.write(
        `warning: other processes used ${run.cpu.otherCores?.toFixed(2)} cores during the run; durations (Lambda, Express) are skewed\n`,
      );
    }
    const measured = measureUsage(run.traces);
    const byOutcome = usageByOutcome(run.traces);
    const cost = estimateCost(measured);
    process.stdout.write(
      values.json
        ? `${JSON.stringify({ usage: measured, usageByOutcome: byOutcome, cost, prices }, null, 2)}\n`
        : `${formatCost(measured, byOutcome, cost)}\n`,
    );
  } finally {
    await bench.stop();
  }
}

runCost(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
