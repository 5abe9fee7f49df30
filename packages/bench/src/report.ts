import type { BundleResult } from './bundles';
import type { Ceiling } from './ceiling';
import type { CostReport, OrderUsage } from './cost';
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
  /** What an order used at 100 orders/s, one order per request. */
  usage: OrderUsage;
  usageByOutcome: OutcomeUsage[];
  /** The same mix sent 100 orders to a request. */
  usageBatched100: OrderUsage;
  usageByOutcomeBatched100: OutcomeUsage[];
  cost: CostReport;
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
  sections.push(formatCost(report.usage, report.usageByOutcome, report.usageBatched100, report.cost));
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

/** The cost model's tables: usage per outcome, dollars per million orders by service, then what is not per order. */
export function formatCost(
  usage: OrderUsage,
  byOutcome: OutcomeUsage[],
  batched: OrderUsage,
  cost: CostReport,
): string {
  const share = (n: number) => `${fixed((100 * n) / Math.max(1, usage.orders), 0)}%`;
  const kib = (bytes: number) => fixed(bytes / 1024, 1);
  const monthly = (items: CostReport['fixedMonthly']) => [
    ...items.map((item) => [item.item, item.detail, usd(item.usd)]),
    ['total', '', usd(items.reduce((total, item) => total + item.usd, 0))],
  ];
  return [
    `Cost per 1 million orders, us-east-1 list prices (prices.ts), measured mix: ${byOutcome.map((u) => `${u.outcome} ${share(u.orders)}`).join(', ')}; ` +
      `${usage.orders} orders one per request, and ${batched.orders} orders ${fixed(batched.ordersPerRequest, 0)} per request`,
    formatTable(
      [
        'outcome',
        'transitions',
        'items written',
        'WRU',
        'RRU',
        'events',
        'log KiB ALL+data/ALL/ERROR',
        'task invocations',
        'writes',
      ],
      byOutcome.map((u) => [
        u.outcome,
        fixed(u.stateTransitions),
        fixed(u.itemsWritten),
        fixed(u.writeRequestUnits),
        fixed(u.readRequestUnits),
        fixed(u.eventsPublished),
        `${kib(u.workflowLogBytes.allWithData)} / ${kib(u.workflowLogBytes.allWithoutData)} / ${kib(u.workflowLogBytes.errors)}`,
        Object.entries(u.invocations)
          .filter(([, n]) => n > 0)
          .map(([task, n]) => `${task} ${fixed(n, 2)}`)
          .join(', '),
        u.writes,
      ]),
      ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'left', 'left'],
    ),
    formatTable(
      ['service', 'usage per order (one per request)', 'Standard', 'Express', 'Express, 100/request'],
      [
        ...cost.single.lines.map((line, i) => [
          line.service,
          line.detail,
          usd(line.standard),
          usd(line.express),
          usd(cost.batched100.lines[i]?.express ?? Number.NaN),
        ]),
        ['total', '', usd(cost.standard), usd(cost.express), usd(cost.expressBatched100)],
      ],
      ['left', 'left', 'right', 'right', 'right'],
    ),
    'Workflow logs per million orders (one per request) under each configuration; production deploys the one marked *:',
    formatTable(
      ['configuration', 'KiB/order', 'per million'],
      cost.workflowLogging.map((option) => [
        `${option.label}${option.production ? ' *' : ''}`,
        fixed(option.kibPerOrder, 2),
        usd(option.usd),
      ]),
      ['left', 'right', 'right'],
    ),
    'Not in the per-order figures. A production stage, per month whatever its traffic:',
    formatTable(['item', 'what', 'per month'], monthly(cost.fixedMonthly), ['left', 'left', 'right']),
    'And per month for each million orders the table holds (orders are kept for good):',
    formatTable(['item', 'what', 'per month'], monthly(cost.retainedPerMonth), ['left', 'left', 'right']),
    `Priced nowhere: ${cost.unpriced.map((item) => `${item.item} (${item.why})`).join('; ')}.`,
    'Lambda durations are the handlers measured in-process (the Feed: the client round trip), a proxy for AWS. ' +
      'Express is billed per 100 ms and 64 MB. Workflow logs are the records the local runtime renders from each ' +
      "execution's history under each configuration; function logs are the lines the handlers printed with " +
      "production's Powertools settings, plus Lambda's context keys and its START/END/REPORT lines.",
  ].join('\n');
}
