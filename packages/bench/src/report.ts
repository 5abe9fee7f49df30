import type { BundleResult } from './bundles';
import type { Ceiling } from './ceiling';
import type { CostEstimate, OrderUsage } from './cost';
import type { CpuUse, MachineInfo } from './machine';
import type { JvmMemory, NodeMemory } from './memory';
import type { SequencingReport } from './sequencing';
import type { StageRow } from './stages';
import type { Target } from './targets';
import type { Outcome } from './trace';
import type { OutcomeUsage } from './usage';

/** One pipeline run as reported. */
export interface LevelReport {
  label: string;
  concurrency: number | undefined;
  rate: number | undefined;
  orders: number;
  outcomes: Record<Outcome, number>;
  ordersPerSecond: number;
  acceptedPerSecond: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  settledP99Ms: number;
  dynamoRequestsPerOrder: number;
  cpu: CpuUse;
  eventLoop: { p99Ms: number; maxMs: number };
  nodeCpuMsPerOrder: number;
  jvmCpuMsPerOrder: number | undefined;
}

/** Everything `pnpm bench` measured; `--json` prints exactly this. */
export interface BenchReport {
  startedAt: string;
  mode: 'quick' | 'full';
  machine: MachineInfo;
  pipeline: {
    ordersPerSecond: number;
    acceptedPerSecond: number;
    p50Ms: number;
    p95Ms: number;
    p99Ms: number;
    /** The closed-loop level the figures above come from (the one with the most orders/s). */
    peakLabel: string;
    levels: LevelReport[];
    at100: LevelReport;
  };
  ceiling: Ceiling;
  ratio: number;
  /** The sequencing code alone, N executions for one partner behind an AWS-like round trip. */
  sequencing: SequencingReport;
  stages: { at100: StageRow[]; at100Slowest: StageRow[]; atPeak: StageRow[] };
  /** Each deployed handler's bundle, built as the stacks deploy it: size and cold import. */
  bundles: BundleResult[];
  /** The esbuild the bundles were built with (SST's), or why they could not be. */
  bundling: { esbuildVersion: string } | { error: string };
  memory: { node: NodeMemory; jvm: JvmMemory | undefined };
  usage: OrderUsage;
  usageByOutcome: OutcomeUsage[];
  cost: CostEstimate;
  targets: Target[];
  /** CPU other processes took while the bench measured: above a fifth of a core the figures are skewed. */
  noise: { maxOtherCores: number | undefined; quiet: boolean };
  seconds: number;
}

export type Align = 'left' | 'right';

/** A plain-text table: a header, a rule, and the rows, columns padded; text left, figures right by default. */
export function formatTable(headers: string[], rows: string[][], align: Align[] = []): string {
  const widths = headers.map((header, i) =>
    Math.max(header.length, ...rows.map((row) => (row[i] ?? '').length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, i) =>
        (align[i] ?? (i === 0 ? 'left' : 'right')) === 'left'
          ? cell.padEnd(widths[i] ?? 0)
          : cell.padStart(widths[i] ?? 0),
      )
      .join('  ')
      .trimEnd();
  return [line(headers), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)].join('\n');
}

/** A figure with `digits` decimals, `–` when there is none. */
export function fixed(value: number | undefined, digits = 1): string {
  return value === undefined || !Number.isFinite(value) ? '–' : value.toFixed(digits);
}

export function usd(value: number): string {
  return `$${value.toFixed(2)}`;
}

const cores = (cpu: CpuUse) =>
  `${fixed(cpu.nodeCores, 2)} / ${fixed(cpu.jvmCores, 2)} / ${fixed(cpu.otherCores, 2)}`;

// A run during which other processes took a fifth of a core or more is marked: its figures are skewed.
const noisy = (cpu: CpuUse) => ((cpu.otherCores ?? 0) >= 0.2 ? ' !' : '');

const kib = (bytes: number) => `${fixed(bytes / 1024, 0)} KiB`;

function levelRows(levels: LevelReport[]): string[][] {
  return levels.map((level) => [
    (level.concurrency === undefined ? `${level.rate}/s open` : String(level.concurrency)) + noisy(level.cpu),
    String(level.orders),
    fixed(level.ordersPerSecond),
    fixed(level.acceptedPerSecond),
    fixed(level.p50Ms),
    fixed(level.p95Ms),
    fixed(level.p99Ms),
    fixed(level.dynamoRequestsPerOrder),
    cores(level.cpu),
    `${fixed(level.eventLoop.p99Ms, 0)} / ${fixed(level.eventLoop.maxMs, 0)}`,
    fixed(level.cpu.loadPerCore, 2),
  ]);
}

function stageRows(at100: StageRow[], slowest: StageRow[], atPeak: StageRow[]): string[][] {
  return at100.map((row, i) => {
    const peak = atPeak[i];
    return [
      row.stage,
      row.onStoredPath ? '•' : '',
      fixed(row.summary.mean, 2),
      fixed(row.summary.p50, 2),
      fixed(row.summary.p99, 2),
      fixed(slowest[i]?.summary.mean, 2),
      fixed(peak?.summary.mean, 2),
      fixed(peak?.summary.p99, 2),
      row.what,
    ];
  });
}

/** The human-readable report: every table, then the targets. */
export function formatReport(report: BenchReport): string {
  const { machine, pipeline, ceiling } = report;
  const sections: string[] = [];
  sections.push(
    `Order ingestion bench (${report.mode}), ${report.startedAt}\n` +
      `${machine.cores} cores (${machine.cpu}), Node ${machine.node}, ${machine.platform}; DynamoDB Local in memory on the same cores.\n` +
      'Load: both partners in turn, every tenth order invalid, every tenth an exact resend; one order per HTTP request.' +
      (report.noise.quiet
        ? ''
        : `\nWARNING: other processes used up to ${fixed(report.noise.maxOtherCores, 2)} cores while the bench measured; rows marked ! are skewed. Run it on a quiet machine.`),
  );
  sections.push(
    'Pipeline, end to end (closed loop: each client waits until its order is stored; latency = receipt → order transaction committed)\n' +
      formatTable(
        [
          'clients',
          'orders',
          'stored/s',
          'accepted/s',
          'p50 ms',
          'p95 ms',
          'p99 ms',
          'DDB req/order',
          'cores Node/JVM/other',
          'loop lag p99/max',
          'load/core',
        ],
        levelRows([...pipeline.levels, pipeline.at100]),
      ),
  );
  const ceilingLevels = [ceiling.sequential, ...ceiling.concurrent];
  sections.push(
    'Ceiling: raw TransactWriteItems of the sequencing shape (counter update + order put + claim put, conditioned), same engine\n' +
      formatTable(
        ['writers', 'transactions', 'tx/s', 'p50 ms', 'p99 ms', 'cores Node/JVM/other'],
        ceilingLevels.map((level) => [
          (level.concurrency === 1 ? '1 (sequential)' : String(level.concurrency)) + noisy(level.cpu),
          String(level.transactions),
          fixed(level.transactionsPerSecond),
          fixed(level.latency.p50, 2),
          fixed(level.latency.p99, 2),
          cores(level.cpu),
        ]),
      ) +
      `\nPipeline / ceiling = ${fixed(pipeline.ordersPerSecond)} / ${fixed(ceiling.transactionsPerSecond)} = ${fixed(report.ratio, 2)}`,
  );
  sections.push(
    `Sequencing alone, one partner: N executions at once (closed loop), ${report.sequencing.latencyMs} ms injected before each DynamoDB request\n` +
      formatTable(
        [
          'executions',
          'numbered',
          'gave up',
          'orders/s',
          'wasted tx/order',
          'DDB req/order',
          'p50 ms',
          'p99 ms',
          'contiguous',
        ],
        report.sequencing.levels.map((level) => [
          String(level.concurrency),
          String(level.numbered),
          String(level.gaveUp),
          fixed(level.ordersPerSecond),
          fixed(level.wastedTransactionsPerOrder, 2),
          fixed(level.requestsPerOrder, 1),
          fixed(level.latency.p50, 0),
          fixed(level.latency.p99, 0),
          level.contiguous ? 'yes' : 'NO',
        ]),
      ),
  );
  sections.push(
    `Stage split, ms per order (• = between receipt and the order's commit): at 100 orders/s, all orders and the mean over the slowest 1% of accepted ones, and at the peak (${pipeline.peakLabel})\n` +
      formatTable(
        ['stage', '', 'mean', 'p50', 'p99', 'slowest 1%', 'peak mean', 'peak p99', 'what'],
        stageRows(report.stages.at100, report.stages.at100Slowest, report.stages.atPeak),
        ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'right', 'left'],
      ),
  );
  if ('error' in report.bundling) {
    sections.push(`Lambda bundles: not measured (${report.bundling.error})`);
  } else {
    sections.push(
      `Lambda bundles as deployed (stacks/bundling.ts: minified, @aws-sdk/* left to the runtime; esbuild ${report.bundling.esbuildVersion}, SST's); cold import = median in fresh Node ${report.machine.node} processes\n` +
        formatTable(
          ['function', 'size', 'zipped', 'import ms', 'runs', 'largest parts', 'from the runtime'],
          report.bundles.map((bundle) => [
            bundle.name,
            kib(bundle.bytes),
            kib(bundle.zippedBytes),
            fixed(bundle.coldImportMs, 0),
            bundle.coldImportRuns.map((ms) => fixed(ms, 0)).join(' '),
            bundle.largest.map((m) => `${m.module} ${kib(m.bytes)}`).join(', '),
            bundle.runtimePackages.map((name) => name.replace('@aws-sdk/', '')).join(' '),
          ]),
          ['left', 'right', 'right', 'right', 'right', 'left', 'left'],
        ),
    );
  }
  const { node, jvm } = report.memory;
  sections.push(
    `Memory: Node peak RSS ${fixed(node.peakRssMiB, 0)} MiB (heap used ${fixed(node.peakHeapUsedMiB, 0)} of ${fixed(node.peakHeapTotalMiB, 0)} MiB, external ${fixed(node.peakExternalMiB, 0)} MiB); ` +
      (jvm === undefined
        ? 'DynamoDB Local JVM not readable (no /proc)'
        : `DynamoDB Local JVM (pid ${jvm.pid}) peak RSS ${fixed(jvm.peakRssMiB, 0)} MiB, now ${fixed(jvm.rssMiB, 0)} MiB`),
  );
  sections.push(formatCost(report.usage, report.usageByOutcome, report.cost));
  sections.push(formatTargets(report.targets));
  sections.push(`Took ${fixed(report.seconds, 0)} s.`);
  return `${sections.join('\n\n')}\n`;
}

/** The targets beside their figures, then what holds back each one missed. */
export function formatTargets(targets: Target[]): string {
  const missed = targets.filter((target) => !target.met);
  return [
    'Targets',
    formatTable(
      ['target', 'goal', 'measured', 'met'],
      targets.map((t) => [t.name, t.goal, t.measured, t.met ? 'yes' : 'NO']),
      ['left', 'left', 'left', 'left'],
    ),
    ...(missed.length === 0 ? [] : ['', 'What holds back the targets missed:']),
    ...missed.map((target) => `- ${target.name}: ${target.holdsBack}`),
  ].join('\n');
}

/** The cost model's tables: usage per outcome, then dollars per million orders by service. */
export function formatCost(usage: OrderUsage, byOutcome: OutcomeUsage[], cost: CostEstimate): string {
  const share = (n: number) => `${fixed((100 * n) / Math.max(1, usage.orders), 0)}%`;
  return [
    `Cost per 1 million orders, us-east-1 list prices (prices.ts), measured mix of ${usage.orders} orders: ${byOutcome.map((u) => `${u.outcome} ${share(u.orders)}`).join(', ')}`,
    formatTable(
      ['outcome', 'transitions', 'items written', 'WRU', 'RRU', 'events', 'task invocations', 'writes'],
      byOutcome.map((u) => [
        u.outcome,
        fixed(u.stateTransitions),
        fixed(u.itemsWritten),
        fixed(u.writeRequestUnits),
        fixed(u.readRequestUnits),
        fixed(u.eventsPublished),
        Object.entries(u.invocations)
          .filter(([, n]) => n > 0)
          .map(([task, n]) => `${task} ${fixed(n, 2)}`)
          .join(', '),
        u.writes,
      ]),
      ['left', 'right', 'right', 'right', 'right', 'right', 'left', 'left'],
    ),
    formatTable(
      ['service', 'usage per order', 'Standard', 'Express'],
      [
        ...cost.lines.map((line) => [line.service, line.detail, usd(line.standard), usd(line.express)]),
        ['total', '', usd(cost.standard), usd(cost.express)],
      ],
      ['left', 'left', 'right', 'right'],
    ),
    'Lambda durations are the handlers measured in-process (the Feed: the client round trip), a proxy for AWS. ' +
      'Express is billed per 100 ms and 64 MB; workflow logs (level ALL with execution data, set for both types) ' +
      'are estimated from the local event log. Not modelled: Lambda and EMF logs, X-Ray, storage, data transfer.',
  ].join('\n');
}
