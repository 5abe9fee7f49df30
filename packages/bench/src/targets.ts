import type { BundleResult } from './bundles';
import type { CostReport } from './cost';
import type { SequencingReport } from './sequencing';
import type { StageRow } from './stages';

/** A target beside its measured figure and, where missed, what holds it back. */
export interface Target {
  name: string;
  goal: string;
  measured: string;
  met: boolean;
  holdsBack: string;
}

export interface TargetInput {
  ratio: number;
  pipelineOrdersPerSecond: number;
  ceilingTransactionsPerSecond: number;
  /** The pipeline's peak level: how busy the machine was and what an order cost there. */
  peak: {
    label: string;
    cores: number;
    nodeCores: number;
    jvmCores: number | undefined;
    otherCores: number | undefined;
    nodeCpuMsPerOrder: number;
    jvmCpuMsPerOrder: number | undefined;
    dynamoRequestsPerOrder: number;
    stages: StageRow[];
  };
  /** DynamoDB requests per order at 100 orders/s, where writers rarely race. */
  unloadedRequestsPerOrder: number;
  ceilingJvmCpuMsPerTransaction: number | undefined;
  at100: {
    ordersPerSecond: number;
    p99Ms: number;
    /** The stage split over the slowest 1% of accepted orders. */
    slowest: StageRow[];
    eventLoop: { p99Ms: number; maxMs: number };
  };
  bundles: readonly BundleResult[];
  sequencing: SequencingReport;
  cost: CostReport;
  nodePeakRssMiB: number;
  nodePeakHeapMiB: number;
  jvmPeakRssMiB: number | undefined;
}

const maxBundleKiB = 300;
const maxColdImportMs = 150;
const maxP99Ms = 50;
const minRatio = 0.8;
const maxNodeRssMiB = 512;
const maxExpressUsdPerMillion = 8;

const fixed = (value: number | undefined, digits = 1) =>
  value === undefined || !Number.isFinite(value) ? 'n/a' : value.toFixed(digits);

// The stages that partition the way from receipt to the commit (no sums of others).
const leafStages = new Set([
  'feed',
  'bus',
  'interpreter',
  'validate',
  'sequencing queue',
  'reads',
  'write tx',
  'waits+other',
]);

/** The stored-path stage that weighs most at the given percentile, leaves only (no sub-rows' parents). */
export function heaviestStage(stages: StageRow[], pick: 'mean' | 'p99'): StageRow | undefined {
  return stages
    .filter((row) => row.onStoredPath && leafStages.has(row.stage.trim()) && row.summary.count > 0)
    .sort((a, b) => b.summary[pick] - a.summary[pick])[0];
}

function ratioTarget(input: TargetInput): Target {
  const { peak } = input;
  const met = input.ratio >= minRatio;
  const busyCores = peak.nodeCores + (peak.jvmCores ?? 0) + (peak.otherCores ?? 0);
  const cpuPerOrder = peak.nodeCpuMsPerOrder + (peak.jvmCpuMsPerOrder ?? 0);
  const cpuBound = busyCores >= 0.8 * peak.cores;
  const heaviest = heaviestStage(peak.stages, 'mean');
  const whereTheCpuGoes =
    `An order costs ${fixed(peak.nodeCpuMsPerOrder, 2)} ms of Node CPU (the load generator's HTTP client, the HTTP server, ` +
    `the interpreter, handlers, ElectroDB and the SDK) and ${fixed(peak.jvmCpuMsPerOrder, 2)} ms of JVM CPU in ` +
    `${fixed(peak.dynamoRequestsPerOrder, 1)} DynamoDB requests (${fixed(input.unloadedRequestsPerOrder, 1)} at 100 orders/s), ` +
    `where the ceiling's transaction costs ` +
    `${fixed(input.ceilingJvmCpuMsPerTransaction, 2)} ms of JVM CPU in 1.`;
  const holdsBack = met
    ? ''
    : peak.nodeCores >= 0.9
      ? `Node's one JavaScript thread is saturated: at the peak (${peak.label}) Node used ${fixed(peak.nodeCores, 2)} cores, the JVM ${fixed(peak.jvmCores, 2)}. ` +
        `${whereTheCpuGoes} One thread carries at most ~${fixed(1000 / peak.nodeCpuMsPerOrder, 0)} orders/s. ` +
        "On AWS each Lambda has its own CPU, so this limit is the local runtime's; locally, fewer requests per order " +
        '(waiters reading their claims, the lease, the backlog reads) and less per-request work are the levers.'
      : cpuBound
        ? `CPU: at the peak (${peak.label}) Node used ${fixed(peak.nodeCores, 2)}, the JVM ${fixed(peak.jvmCores, 2)} and other processes ` +
          `${fixed(peak.otherCores, 2)} of ${peak.cores} cores. ${whereTheCpuGoes} ${peak.cores} cores carry at most ~${fixed((peak.cores * 1000) / cpuPerOrder, 0)} orders/s.`
        : `waiting, not CPU: at the peak the heaviest stage is ${heaviest?.stage.trim() ?? 'n/a'} (mean ${fixed(heaviest?.summary.mean)} ms)`;
  return {
    name: 'pipeline / ceiling',
    goal: `≥ ${minRatio}`,
    measured: `${fixed(input.ratio, 2)} (${fixed(input.pipelineOrdersPerSecond, 0)} orders/s ÷ ${fixed(input.ceilingTransactionsPerSecond, 0)} tx/s)`,
    met,
    holdsBack,
  };
}

function latencyTarget(input: TargetInput): Target {
  const { at100 } = input;
  const sustained = at100.ordersPerSecond >= 95;
  const met = sustained && at100.p99Ms <= maxP99Ms;
  const tail = at100.slowest
    .filter((row) => leafStages.has(row.stage.trim()) && row.onStoredPath && row.summary.count > 0)
    .sort((a, b) => b.summary.mean - a.summary.mean)
    .slice(0, 3)
    .map((row) => `${row.stage.trim()} ${fixed(row.summary.mean)} ms`)
    .join(', ');
  const total = at100.slowest.find((row) => row.stage === 'receipt → stored')?.summary;
  return {
    name: 'p99 receipt → stored at 100 orders/s',
    goal: `≤ ${maxP99Ms} ms`,
    measured: `${fixed(at100.p99Ms)} ms (${fixed(at100.ordersPerSecond, 0)} orders/s sustained)`,
    met,
    holdsBack: met
      ? ''
      : !sustained
        ? 'the product did not keep up with 100 orders/s on this machine'
        : `the slowest 1% of orders (${total?.count ?? 0}, receipt → stored ${fixed(total?.mean)} ms on average) spent it in ${tail}; ` +
          `Node's event loop lagged up to ${fixed(at100.eventLoop.maxMs, 0)} ms (p99 ${fixed(at100.eventLoop.p99Ms, 0)} ms) during the run, ` +
          'and the JVM shares the same cores: pauses and CPU contention on this machine, not waits in the design, make the tail',
  };
}

const minPerPartnerOrdersPerSecond = 1_000;

function sequencingTarget(sequencing: SequencingReport): Target {
  const largest = sequencing.levels[sequencing.levels.length - 1];
  const met =
    sequencing.perPartnerOrdersPerSecond >= minPerPartnerOrdersPerSecond && (largest?.gaveUp ?? 0) === 0;
  return {
    name: `one partner's orders/s, ${largest?.concurrency ?? 0} executions, ${sequencing.latencyMs} ms/request`,
    goal: `≥ ${minPerPartnerOrdersPerSecond.toLocaleString('en-US')}`,
    measured: `${fixed(sequencing.perPartnerOrdersPerSecond)} (${fixed(sequencing.wastedTransactionsPerOrder, 1)} wasted tx/order, p99 ${fixed(sequencing.p99Ms, 0)} ms, ${largest?.gaveUp ?? 0} gave up)`,
    met,
    holdsBack: met
      ? ''
      : `${fixed(largest?.transactionsPerOrder, 3)} numbering transactions per order, so batches are not the limit; ` +
        `${fixed(largest?.requestsPerOrder, 1)} requests per numbered order went to one DynamoDB Local on the same cores, ` +
        `and ${largest?.gaveUp ?? 0} executions ran out of their budget waiting for the engine to answer (docs/sequencing.md)`,
  };
}

const kib = (bytes: number) => `${fixed(bytes / 1024, 0)} KiB`;

/** Every bundle as deployed against the size and cold-import limits, each one over a limit named with its cause. */
export function bundleTargets(bundles: readonly BundleResult[]): Target[] {
  const size = { name: 'bundle size, as deployed', goal: `≤ ${maxBundleKiB} KiB each` };
  const cold = { name: 'cold import, as deployed', goal: `≤ ${maxColdImportMs} ms each` };
  if (bundles.length === 0) {
    const missing = { measured: 'not measured', met: false, holdsBack: 'the bundles could not be built' };
    return [
      { ...size, ...missing },
      { ...cold, ...missing },
    ];
  }
  const biggest = [...bundles].sort((a, b) => b.bytes - a.bytes)[0] as BundleResult;
  const slowest = [...bundles].sort((a, b) => b.coldImportMs - a.coldImportMs)[0] as BundleResult;
  const oversize = bundles.filter((bundle) => bundle.bytes > maxBundleKiB * 1024);
  const slow = bundles.filter((bundle) => bundle.coldImportMs > maxColdImportMs);
  const parts = (bundle: BundleResult) => bundle.largest.map((m) => `${m.module} ${kib(m.bytes)}`).join(', ');
  return [
    {
      ...size,
      measured: `largest ${biggest.name} ${kib(biggest.bytes)}; ${bundles.length - oversize.length} of ${bundles.length} within`,
      met: oversize.length === 0,
      holdsBack: oversize
        .map((bundle) => `${bundle.name} ${kib(bundle.bytes)} (${parts(bundle)})`)
        .join('; '),
    },
    {
      ...cold,
      measured: `slowest ${slowest.name} ${fixed(slowest.coldImportMs, 0)} ms (median); ${bundles.length - slow.length} of ${bundles.length} within`,
      met: slow.length === 0,
      holdsBack: slow
        .map(
          (bundle) =>
            `${bundle.name} ${fixed(bundle.coldImportMs, 0)} ms: parses ${kib(bundle.bytes)}` +
            (bundle.runtimePackages.length === 0
              ? ''
              : ` and loads ${bundle.runtimePackages.join(', ')} from the runtime's node_modules, package by package`),
        )
        .join('; '),
    },
  ];
}

function costTarget(cost: CostReport): Target {
  const met = cost.express <= maxExpressUsdPerMillion;
  const biggest = [...cost.single.lines].sort((a, b) => b.express - a.express).slice(0, 3);
  return {
    name: 'cost, Express, one order per request',
    goal: `≤ $${maxExpressUsdPerMillion} per million orders`,
    measured: `$${fixed(cost.express, 2)} (100 per request: $${fixed(cost.expressBatched100, 2)})`,
    met,
    holdsBack: met
      ? ''
      : `the largest lines: ${biggest.map((line) => `${line.service} $${fixed(line.express, 2)} (${line.detail})`).join('; ')}`,
  };
}

/** Every target of issue 6, beside the figure the bench measured for it. */
export function evaluateTargets(input: TargetInput): Target[] {
  const memoryMet = input.nodePeakRssMiB <= maxNodeRssMiB;
  return [
    ratioTarget(input),
    latencyTarget(input),
    sequencingTarget(input.sequencing),
    costTarget(input.cost),
    ...bundleTargets(input.bundles),
    {
      name: 'Node peak RSS under the bench',
      goal: `≤ ${maxNodeRssMiB} MiB`,
      measured: `${fixed(input.nodePeakRssMiB, 0)} MiB (heap ${fixed(input.nodePeakHeapMiB, 0)} MiB); JVM ${fixed(input.jvmPeakRssMiB, 0)} MiB apart`,
      met: memoryMet,
      holdsBack: memoryMet
        ? ''
        : "the heap: the execution log keeps the last 5,000 executions with every state's input and output (as pnpm start does), and the bench holds one run's observations while it joins them",
    },
  ];
}
