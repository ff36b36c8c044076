import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { sqlStatementCount } from '@civic/testkit';

/**
 * What each service process costs during a workload, read from /proc: CPU time (utime + stime of
 * every thread, in clock ticks) and peak resident memory (VmHWM, reset before each workload through
 * clear_refs so that start-up and seeding do not count). A service with workers (the gateway under
 * node:cluster) is its root process plus all its descendants, summed; PostgreSQL is the backends
 * serving the benchmark's databases.
 */
const TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());

export interface MeasuredService {
  name: string;
  /** The service's processes now (they may change during a workload: pooled database backends). */
  processes: () => number[] | Promise<number[]>;
  /** The subgraph URL whose /metrics counts SQL statements; absent for gateways. */
  subgraphUrl?: string;
  /** Shared memory makes per-backend RSS meaningless for PostgreSQL; reported only where it means something. */
  reportsRss?: boolean;
}

/** A Node service: the process and any workers it forked. */
export function nodeService(name: string, pid: number, subgraphUrl?: string): MeasuredService {
  return { name, processes: () => processTree(pid), reportsRss: true, ...(subgraphUrl ? { subgraphUrl } : {}) };
}

interface ProcStat {
  ppid: number;
  cpuTicks: number;
}

function readStat(pid: number): ProcStat | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The command name (field 2) may contain spaces and parentheses; fields after the last ')' are fixed.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return { ppid: Number(fields[1]), cpuTicks: Number(fields[11]) + Number(fields[12]) };
}

/** The process and every live descendant. */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    const stat = readStat(pid);
    if (stat) children.set(stat.ppid, [...(children.get(stat.ppid) ?? []), pid]);
  }
  const tree: number[] = [];
  const visit = (pid: number) => {
    tree.push(pid);
    for (const child of children.get(pid) ?? []) visit(child);
  };
  visit(root);
  return tree;
}

function peakRssKiB(pid: number): number {
  try {
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

function resetPeakRss(pid: number): void {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
  } catch {
    // A process that already exited has no peak left to reset.
  }
}

export interface ServiceCost {
  service: string;
  processes: number;
  cpuMs: number;
  /** Sum over the service's processes of each one's peak RSS during the workload. */
  peakRssMiB?: number;
  sqlStatements?: number;
}

export interface CostWindow {
  /** Ends the window and returns each service's cost in it. */
  finish: () => Promise<WindowCosts>;
}

export interface WindowCosts {
  services: ServiceCost[];
  /**
   * Share of the machine's CPU time in the window spent by anything but the measured services and
   * this process (the load generator): other work on a shared machine, which makes every figure worse.
   */
  foreignCpuShare: number;
}

/** Busy and total CPU ticks of the whole machine, from the first line of /proc/stat. */
function machineTicks(): { busy: number; total: number } {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1, 9).map(Number);
  const total = fields.reduce((a, b) => a + b, 0);
  return { busy: total - fields[3]! - fields[4]!, total };
}

const ticksOf = (pids: number[]) => new Map(pids.map((pid) => [pid, readStat(pid)?.cpuTicks ?? 0]));
const sqlCount = (service: MeasuredService) => (service.subgraphUrl ? sqlStatementCount(service.subgraphUrl) : Promise.resolve(0));

export async function startCostWindow(services: MeasuredService[]): Promise<CostWindow> {
  const before = await Promise.all(services.map(async (s) => ticksOf(await s.processes())));
  for (const ticks of before) for (const pid of ticks.keys()) resetPeakRss(pid);
  const sqlBefore = await Promise.all(services.map(sqlCount));
  const machineBefore = machineTicks();
  const selfBefore = readStat(process.pid)?.cpuTicks ?? 0;
  return {
    finish: async () => {
      const machineAfter = machineTicks();
      const selfTicks = (readStat(process.pid)?.cpuTicks ?? 0) - selfBefore;
      const sqlAfter = await Promise.all(services.map(sqlCount));
      const after = await Promise.all(services.map(async (s) => ticksOf(await s.processes())));
      const costs = services.map((service, i) => {
        // A process started during the window (a new pooled backend) spent all its CPU inside it.
        const ticks = [...after[i]!].reduce((sum, [pid, now]) => sum + now - (before[i]!.get(pid) ?? 0), 0);
        return {
          service: service.name,
          processes: after[i]!.size,
          cpuMs: (ticks * 1000) / TICKS_PER_SECOND,
          ...(service.reportsRss ? { peakRssMiB: [...after[i]!.keys()].reduce((sum, pid) => sum + peakRssKiB(pid), 0) / 1024 } : {}),
          ...(service.subgraphUrl ? { sqlStatements: sqlAfter[i]! - sqlBefore[i]! } : {}),
        };
      });
      const oursTicks = selfTicks + costs.reduce((sum, c) => sum + (c.cpuMs * TICKS_PER_SECOND) / 1000, 0);
      const machineBusy = machineAfter.busy - machineBefore.busy;
      const machineTotal = machineAfter.total - machineBefore.total;
      return { services: costs, foreignCpuShare: machineTotal > 0 ? Math.max(0, machineBusy - oursTicks) / machineTotal : 0 };
    },
  };
}

function sumCpuTicks(pids: number[]): number {
  return pids.reduce((sum, pid) => sum + (readStat(pid)?.cpuTicks ?? 0), 0);
}

const IDLE_SAMPLE_MS = 250;
/** Below this share of one core, summed over the services, they are done with earlier requests. */
const IDLE_CPU_SHARE = 0.05;
const IDLE_WAIT_LIMIT_MS = 30_000;

/** Waits until the services have stopped working on earlier requests (or 30 s have passed). */
export async function untilIdle(services: MeasuredService[]): Promise<void> {
  const pids = (await Promise.all(services.map((s) => s.processes()))).flat();
  const deadline = Date.now() + IDLE_WAIT_LIMIT_MS;
  let before = sumCpuTicks(pids);
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, IDLE_SAMPLE_MS));
    const now = sumCpuTicks(pids);
    const busyMs = ((now - before) * 1000) / TICKS_PER_SECOND;
    if (busyMs < IDLE_SAMPLE_MS * IDLE_CPU_SHARE) return;
    before = now;
  }
}
