import { readFileSync } from 'node:fs';

const mib = 1024 * 1024;

export interface NodeMemory {
  /** The process's resident set high-water mark (`process.resourceUsage().maxRSS`), MiB. */
  peakRssMiB: number;
  /** The largest heap in use seen by the sampler, MiB. */
  peakHeapUsedMiB: number;
  peakHeapTotalMiB: number;
  peakExternalMiB: number;
}

export interface JvmMemory {
  pid: number;
  /** VmHWM: the JVM's resident set high-water mark, MiB. */
  peakRssMiB: number;
  /** VmRSS now, MiB. */
  rssMiB: number;
}

/** Samples this process's heap while the bench runs (maxRSS alone says nothing about the heap). */
export class MemorySampler {
  private peakHeapUsed = 0;
  private peakHeapTotal = 0;
  private peakExternal = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(intervalMs = 200) {
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.timer.unref();
    this.sample();
  }

  /** The peaks so far. */
  read(): NodeMemory {
    this.sample();
    return {
      peakRssMiB: (process.resourceUsage().maxRSS * 1024) / mib,
      peakHeapUsedMiB: this.peakHeapUsed / mib,
      peakHeapTotalMiB: this.peakHeapTotal / mib,
      peakExternalMiB: this.peakExternal / mib,
    };
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private sample(): void {
    const usage = process.memoryUsage();
    this.peakHeapUsed = Math.max(this.peakHeapUsed, usage.heapUsed);
    this.peakHeapTotal = Math.max(this.peakHeapTotal, usage.heapTotal);
    this.peakExternal = Math.max(this.peakExternal, usage.external + usage.arrayBuffers);
  }
}

/** The JVM's memory from /proc (Linux only); undefined where there is no /proc or no pid. */
export function readJvmMemory(pid: number | undefined): JvmMemory | undefined {
  if (pid === undefined) return undefined;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = (field: string) =>
      Number(new RegExp(`^${field}:\\s+(\\d+)\\s+kB`, 'm').exec(status)?.[1] ?? Number.NaN);
    return { pid, peakRssMiB: kib('VmHWM') / 1024, rssMiB: kib('VmRSS') / 1024 };
  } catch {
    return undefined;
  }
}
