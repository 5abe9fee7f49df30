import { readFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';

// The JVM (DynamoDB Local) and Node share this machine's cores: every figure is reported beside how busy
// each of them was.

export interface MachineInfo {
  cores: number;
  cpu: string;
  node: string;
  platform: string;
}

export function describeMachine(): MachineInfo {
  return {
    cores: availableParallelism(),
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
  };
}

/** CPU used during a stretch of the bench, in cores (1.0 = one core busy the whole time). */
export interface CpuUse {
  seconds: number;
  nodeCores: number;
  jvmCores: number | undefined;
  /** Cores busy with anything else on the machine (other processes, the kernel): noise in the figures. */
  otherCores: number | undefined;
  /** 1-minute load average divided by the number of cores, at the end of the stretch. */
  loadPerCore: number;
}

// Linux's clock tick for /proc/<pid>/stat times; 100 on every common distribution.
const ticksPerSecond = 100;

function jvmTicks(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the parenthesised command name; utime and stime are the 14th and 15th fields.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return undefined;
  }
}

// All CPUs' busy time from /proc/stat's first line: everything but idle and iowait.
function machineTicks(): number | undefined {
  try {
    const fields = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '')
      .trim()
      .split(/\s+/)
      .slice(1)
      .map(Number);
    const total = fields.slice(0, 8).reduce((sum, value) => sum + value, 0);
    return total - (fields[3] ?? 0) - (fields[4] ?? 0);
  } catch {
    return undefined;
  }
}

/** Starts measuring CPU use of this process and of the JVM; `stop()` answers the use since. */
export function meterCpu(jvmPid: number | undefined): { stop(): CpuUse } {
  const started = performance.now();
  const node = process.cpuUsage();
  const jvm = jvmTicks(jvmPid);
  const machine = machineTicks();
  return {
    stop: () => {
      const seconds = (performance.now() - started) / 1000;
      const used = process.cpuUsage(node);
      const jvmNow = jvmTicks(jvmPid);
      const machineNow = machineTicks();
      const nodeCores = (used.user + used.system) / 1e6 / seconds;
      const jvmCores =
        jvm === undefined || jvmNow === undefined ? undefined : (jvmNow - jvm) / ticksPerSecond / seconds;
      const busyCores =
        machine === undefined || machineNow === undefined
          ? undefined
          : (machineNow - machine) / ticksPerSecond / seconds;
      return {
        seconds,
        nodeCores,
        jvmCores,
        otherCores:
          busyCores === undefined ? undefined : Math.max(0, busyCores - nodeCores - (jvmCores ?? 0)),
        loadPerCore: (loadavg()[0] ?? 0) / availableParallelism(),
      };
    },
  };
}
