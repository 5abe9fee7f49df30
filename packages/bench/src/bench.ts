import './production-env';
import '@orders/local/env';
import { parseArgs } from 'node:util';
import { startDynamoLocal } from '@orders/dynamo-local';
import { measureBundles } from './bundles';
import { measureCeiling } from './ceiling';
import { costReport } from './cost';
import { type BenchApp, type MeasuredRun, measure, startBenchApp } from './harness';
import { awsRoundTripMs } from './latency';
import { type LoadRun, runClosedLoop, runFixedRate } from './load';
import { type CpuUse, describeMachine } from './machine';
import { MemorySampler, readJvmMemory } from './memory';
import { type BenchReport, formatReport, type LevelReport } from './report';
import { measureSequencing } from './sequencing';
import type { StageRow } from './stages';
import { evaluateTargets } from './targets';
import { measureUsage, usageByOutcome } from './usage';

// `pnpm bench [--quick] [--json]`: the local product under a mixed load at several concurrency levels and at
// 100 orders/s, the same machine's ceiling for the sequencing transaction, where the time goes, the Lambda
// bundles, memory, and what a million orders cost on AWS. Progress goes to stderr, the report to stdout.

const usage = `Usage: pnpm bench [--quick] [--json]
  --quick   a smaller run that finishes within a minute
  --json    print one JSON object instead of the tables`;

const settings = {
  quick: {
    warmupOrders: 1_000,
    ceiling: { sequential: 300, concurrency: [8], perLevel: 1_000 },
    concurrency: [1, 4, 16],
    levelMs: 4_000,
    rateMs: 8_000,
    batchedOrders: 500,
    imports: 3,
    sequencing: { concurrency: [1, 10, 100], ordersPerLevel: 100, maxLevelMs: 10_000 },
  },
  full: {
    warmupOrders: 2_000,
    ceiling: { sequential: 1_000, concurrency: [4, 16, 64], perLevel: 3_000 },
    concurrency: [1, 4, 16, 64],
    levelMs: 15_000,
    rateMs: 30_000,
    batchedOrders: 2_000,
    imports: 5,
    sequencing: { concurrency: [1, 10, 100, 1_000], ordersPerLevel: 300, maxLevelMs: 30_000 },
  },
};

// The execution log keeps 5,000 executions; a level must fit in it to be joined with its orders.
const maxOrdersPerLevel = 4_500;

function progress(message: string): void {
  process.stderr.write(`${message}\n`);
}

function levelReport(measured: MeasuredRun): LevelReport {
  const { result, traces, cpu, eventLoop } = measured;
  const orders = Math.max(1, result.orders);
  const calls = traces.reduce((n, trace) => n + trace.calls.length, 0);
  return {
    label: result.label,
    concurrency: result.concurrency,
    rate: result.rate,
    orders: result.orders,
    outcomes: result.outcomes,
    ordersPerSecond: result.ordersPerSecond,
    acceptedPerSecond: result.acceptedPerSecond,
    p50Ms: result.storedLatency.p50,
    p95Ms: result.storedLatency.p95,
    p99Ms: result.storedLatency.p99,
    settledP99Ms: result.settledLatency.p99,
    dynamoRequestsPerOrder: calls / orders,
    cpu,
    eventLoop,
    nodeCpuMsPerOrder: (cpu.nodeCores * cpu.seconds * 1000) / orders,
    jvmCpuMsPerOrder: cpu.jvmCores === undefined ? undefined : (cpu.jvmCores * cpu.seconds * 1000) / orders,
  };
}

/** A measured run reduced to its figures: the traces go, so the bench's own memory stays small. */
interface LevelMeasure {
  report: LevelReport;
  stages: StageRow[];
  slowest: StageRow[];
}

function compact(measured: MeasuredRun): LevelMeasure {
  return { report: levelReport(measured), stages: measured.result.stages, slowest: measured.result.tail };
}

async function measureLevel(bench: BenchApp, load: () => Promise<LoadRun>): Promise<LevelMeasure> {
  return compact(await measure(bench, load));
}

/**
 * Warm-up, 100 orders/s, the ceiling, then the closed-loop levels, all on one running product. The target
 * rate goes first: the saturating phases leave tens of thousands of items and a grown JVM heap behind in
 * the in-memory engine, which would weigh on a latency measured after them.
 */
async function measureProduct(bench: BenchApp, plan: (typeof settings)[keyof typeof settings]) {
  // DynamoDB Local's JIT needs a few thousand requests before its figures settle; a cold engine is slow
  // enough for sequencing races to snowball even at 100 orders/s.
  progress(`warming up with ${plan.warmupOrders} orders…`);
  await measure(bench, () =>
    runClosedLoop(bench.load, {
      label: 'warm-up',
      concurrency: 4,
      durationMs: 120_000,
      maxOrders: plan.warmupOrders,
    }),
  );
  progress(`pipeline: 100 orders/s for ${plan.rateMs / 1000} s…`);
  const at100 = await measure(
    bench,
    () => runFixedRate(bench.load, { label: '100 orders/s', rate: 100, durationMs: plan.rateMs }),
    { workflowLogs: true },
  ).then((measured) => ({
    ...compact(measured),
    usage: measureUsage(measured.traces, measured.functionOutput),
    usageByOutcome: usageByOutcome(measured.traces),
  }));
  // The same mix at the same rate in orders, partners sending 100 orders a request: what batching saves.
  progress(`pipeline: ${plan.batchedOrders} orders at 100 orders/s, 100 to a request…`);
  const batched100 = await measure(
    bench,
    () =>
      runFixedRate(bench.load, {
        label: '100 orders/s, 100 per request',
        rate: 100,
        durationMs: plan.batchedOrders * 10,
        perRequest: 100,
      }),
    { workflowLogs: true },
  ).then((measured) => ({
    usage: measureUsage(measured.traces, measured.functionOutput),
    usageByOutcome: usageByOutcome(measured.traces),
  }));
  progress('ceiling: raw sequencing transactions…');
  const ceiling = await measureCeiling(bench.app.runtime.engine, bench.app.runtime.store, plan.ceiling);
  const levels: LevelMeasure[] = [];
  for (const concurrency of plan.concurrency) {
    progress(`pipeline: ${concurrency} concurrent clients for ${plan.levelMs / 1000} s…`);
    const label = `${concurrency} clients`;
    levels.push(
      await measureLevel(bench, () =>
        runClosedLoop(bench.load, {
          label,
          concurrency,
          durationMs: plan.levelMs,
          maxOrders: maxOrdersPerLevel,
        }),
      ),
    );
  }
  return { ceiling, levels, at100, batched100, jvm: readJvmMemory(bench.app.runtime.engine.pid) };
}

// Another process busy on the same cores (a test run, a build) skews every figure; the report says so.
function noiseOf(uses: CpuUse[]): BenchReport['noise'] {
  const others = uses.map((use) => use.otherCores).filter((cores): cores is number => cores !== undefined);
  const maxOtherCores = others.length === 0 ? undefined : Math.max(...others);
  return { maxOtherCores, quiet: maxOtherCores === undefined || maxOtherCores < 0.2 };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    return;
  }
  const mode = values.quick ? 'quick' : 'full';
  const plan = settings[mode];
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const sampler = new MemorySampler();

  progress(`bench (${mode}): starting DynamoDB Local and the product…`);
  const bench = await startBenchApp();
  const { ceiling, levels, at100, batched100, jvm } = await measureProduct(bench, plan).finally(() =>
    bench.stop(),
  );
  const nodeMemory = sampler.read();
  sampler.stop();

  // A fresh engine of its own, once the product has stopped, so the two measurements share nothing.
  const sequencingEngine = await startDynamoLocal();
  const sequencing = await measureSequencing(
    sequencingEngine,
    plan.sequencing,
    awsRoundTripMs,
    progress,
  ).finally(() => sequencingEngine.stop());

  progress(`bundles: esbuild as the stacks deploy, and ${plan.imports} cold imports each…`);
  const bundling = await measureBundles({ imports: plan.imports }).catch((error: unknown) => ({
    error: error instanceof Error ? error.message : String(error),
  }));
  const bundles = 'error' in bundling ? [] : bundling.bundles;

  const reports = levels.map((level) => level.report);
  const peakIndex = reports.reduce(
    (best, level, i) => (level.ordersPerSecond > (reports[best]?.ordersPerSecond ?? 0) ? i : best),
    0,
  );
  const peak = reports[peakIndex] as LevelReport;
  const peakStages = (levels[peakIndex] as LevelMeasure).stages;
  const at100Report = at100.report;
  const usageFigures = at100.usage;
  const ceilingBest = [...ceiling.concurrent].sort(
    (a, b) => b.transactionsPerSecond - a.transactionsPerSecond,
  )[0];
  const ratio = peak.ordersPerSecond / ceiling.transactionsPerSecond;
  const cost = costReport(usageFigures, batched100.usage);
  const report: BenchReport = {
    startedAt,
    mode,
    machine: describeMachine(),
    pipeline: {
      ordersPerSecond: peak.ordersPerSecond,
      acceptedPerSecond: peak.acceptedPerSecond,
      p50Ms: peak.p50Ms,
      p95Ms: peak.p95Ms,
      p99Ms: peak.p99Ms,
      peakLabel: peak.label,
      levels: reports,
      at100: at100Report,
    },
    ceiling,
    ratio,
    sequencing,
    stages: { at100: at100.stages, at100Slowest: at100.slowest, atPeak: peakStages },
    bundles,
    bundling: 'error' in bundling ? bundling : { esbuildVersion: bundling.esbuildVersion },
    memory: { node: nodeMemory, jvm },
    usage: usageFigures,
    usageByOutcome: at100.usageByOutcome,
    usageBatched100: batched100.usage,
    usageByOutcomeBatched100: batched100.usageByOutcome,
    cost,
    targets: evaluateTargets({
      ratio,
      pipelineOrdersPerSecond: peak.ordersPerSecond,
      ceilingTransactionsPerSecond: ceiling.transactionsPerSecond,
      peak: {
        label: peak.label,
        cores: describeMachine().cores,
        nodeCores: peak.cpu.nodeCores,
        jvmCores: peak.cpu.jvmCores,
        otherCores: peak.cpu.otherCores,
        nodeCpuMsPerOrder: peak.nodeCpuMsPerOrder,
        jvmCpuMsPerOrder: peak.jvmCpuMsPerOrder,
        dynamoRequestsPerOrder: peak.dynamoRequestsPerOrder,
        stages: peakStages,
      },
      unloadedRequestsPerOrder: at100Report.dynamoRequestsPerOrder,
      ceilingJvmCpuMsPerTransaction:
        ceilingBest?.cpu.jvmCores === undefined
          ? undefined
          : (ceilingBest.cpu.jvmCores * ceilingBest.cpu.seconds * 1000) / ceilingBest.transactions,
      at100: {
        ordersPerSecond: at100Report.ordersPerSecond,
        p99Ms: at100Report.p99Ms,
        slowest: at100.slowest,
        eventLoop: at100Report.eventLoop,
      },
      bundles,
      sequencing,
      cost,
      nodePeakRssMiB: nodeMemory.peakRssMiB,
      nodePeakHeapMiB: nodeMemory.peakHeapUsedMiB,
      jvmPeakRssMiB: jvm?.peakRssMiB,
    }),
    noise: noiseOf([
      ...reports.map((level) => level.cpu),
      at100Report.cpu,
      ceiling.sequential.cpu,
      ...ceiling.concurrent.map((level) => level.cpu),
    ]),
    seconds: (performance.now() - started) / 1000,
  };
  process.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
