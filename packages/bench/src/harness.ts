import { randomBytes } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Partner } from '@orders/core';
import { PartnerKeys } from '@orders/functions';
import { type LocalApp, startLocalApp } from '@orders/local/app';
import { ApiClient, type LoadContext, type LoadRun, OrderMix } from './load';
import { type CpuUse, meterCpu } from './machine';
import { type FunctionOutputs, Probe } from './probe';
import { type RunResult, summarizeRun } from './stages';
import { type OrderTrace, traceOrders } from './trace';

/** The product as `pnpm start` runs it (in memory, fresh), with the bench's probe attached. */
export interface BenchApp {
  app: LocalApp;
  probe: Probe;
  load: LoadContext;
  stop(): Promise<void>;
}

export interface MeasuredRun {
  result: RunResult;
  traces: OrderTrace[];
  /** What the functions printed during the run (logs and EMF metrics). */
  functionOutput: FunctionOutputs;
  cpu: CpuUse;
  /** How late Node's event loop ran timers during the run: GC pauses and CPU saturation show here. */
  eventLoop: { p99Ms: number; maxMs: number };
}

export async function startBenchApp(): Promise<BenchApp> {
  const probe = new Probe();
  const keys = new Map(
    Partner.listPartners().map((partner) => [partner.id, randomBytes(18).toString('hex')]),
  );
  probe.meterOutput();
  const app = await startLocalApp({
    keys: new PartnerKeys(keys),
    port: 0,
    bus: probe.busOptions,
    wrapTask: probe.wrapTask,
    workflowHistory: probe.workflowHistory,
  });
  probe.attach(app.runtime.engine.client);
  const client = new ApiClient(app.url, keys);
  return {
    app,
    probe,
    load: { client, mix: new OrderMix(randomBytes(3).toString('hex')), probe, settleTimeoutMs: 60_000 },
    stop: async () => {
      client.close();
      await app.stop();
      probe.stopOutput();
    },
  };
}

/**
 * Runs a load, waits until the product is idle, then joins what was sent with what the product did. With
 * `workflowLogs`, each execution's logs are sized too (for the cost model; it takes CPU).
 */
export async function measure(
  bench: BenchApp,
  load: () => Promise<LoadRun>,
  options: { workflowLogs?: boolean } = {},
): Promise<MeasuredRun> {
  bench.probe.sizeWorkflowLogs = options.workflowLogs ?? false;
  bench.probe.take();
  const cpu = meterCpu(bench.app.runtime.engine.pid);
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const run = await load();
  await bench.app.runtime.idle();
  bench.probe.sizeWorkflowLogs = false;
  loop.disable();
  const used = cpu.stop();
  const window = bench.probe.take();
  const submissions = new Set(run.sent.map((order) => order.submissionId));
  const executions = bench.app.runtime.executions
    .list(Number.MAX_SAFE_INTEGER)
    .filter((execution) =>
      submissions.has(
        (execution.input as { detail?: { submissionId?: string } } | null)?.detail?.submissionId,
      ),
    );
  const traces = traceOrders(run, window, executions);
  return {
    result: summarizeRun(run, traces),
    traces,
    functionOutput: window.functionOutput,
    cpu: used,
    eventLoop: { p99Ms: loop.percentile(99) / 1e6, maxMs: loop.max / 1e6 },
  };
}
