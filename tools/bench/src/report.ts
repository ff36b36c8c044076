import type { LoadResult } from './load.js';
import type { ServiceCost } from './measure.js';
import type { WorkloadName } from './workloads.js';

/** Which server a run sent its load to. */
export type Target =
  | 'gateway'
  | 'gateway, allow-all policy'
  | 'gateway, audit off'
  | 'population subgraph, direct'
  | 'Hive Gateway (JIT, Rust planner)'
  | 'Hive Gateway (defaults)'
  | 'Grafbase'
  | 'hand-written SQL (floor)';

export interface RunReport {
  workload: WorkloadName;
  title: string;
  target: Target;
  /** Size of one answer of each distinct request of the workload, in bytes. */
  answerBytes: number[];
  load: LoadResult;
  errors: number;
  /** CPU-ms per request of each measured process group: gateway, Hive or Grafbase (or the floor's server), each subgraph, PostgreSQL. */
  cpuMsPerRequest: Record<string, number>;
  peakRssMiB: Record<string, number>;
  sqlStatementsPerRequest: Record<string, number>;
  costs: ServiceCost[];
  /** Share of the machine's CPU taken by other work during the measurement (see measure.ts). */
  foreignCpuShare: number;
}

export interface SeedReport {
  residents: number;
  buildings: number;
  incidents: number;
  /** False when --keep-scale-db found the databases already seeded. */
  seeded: boolean;
  seconds?: number;
  subgraphs?: { name: string; rows: number; seconds: number; rowsPerSecond: number }[];
}

export interface Comparison {
  name: string;
  workload: WorkloadName;
  /** What the ratio divides: "A / B". */
  of: string;
  /** A's total CPU-ms per request (every measured process) over B's. */
  totalCpuRatio: number;
  /** A's gateway CPU-ms per request over B's, when both sides have a gateway. */
  gatewayCpuRatio?: number;
  p50Ratio: number;
  requestsPerSecondRatio: number;
  /** A's total CPU-ms per request in each of its runs (before and after B when A brackets B). */
  aTotalCpuMsPerRequest: number[];
}

export interface BenchReport {
  startedAt: string;
  command: string;
  settings: Record<string, string | number | boolean>;
  /** loadAverage: the one-minute load average when the run started and when it ended. */
  machine: { cpus: number; memoryGiB: number; node: string; loadAverage: [number, number] };
  seed: SeedReport;
  runs: RunReport[];
  comparisons: Comparison[];
  totalSeconds: number;
}

export const GATEWAY_SERVICES = new Set(['gateway', 'hive', 'grafbase']);
/** What the client talks to: a gateway, or the floor's server, which does all the work itself (shown in the gateway column, never compared as a gateway). */
const FRONT_SERVICES = new Set([...GATEWAY_SERVICES, 'floor']);

export function runReport(
  workload: WorkloadName,
  title: string,
  target: Target,
  answerBytes: number[],
  load: LoadResult,
  costs: ServiceCost[],
  foreignCpuShare: number,
): RunReport {
  const perRequest = (value: number) => (load.requests ? value / load.requests : 0);
  return {
    workload,
    title,
    target,
    answerBytes,
    load,
    errors: load.graphqlErrors + load.httpErrors + load.transportErrors,
    cpuMsPerRequest: Object.fromEntries(costs.map((c) => [c.service, perRequest(c.cpuMs)])),
    peakRssMiB: Object.fromEntries(costs.flatMap((c) => (c.peakRssMiB === undefined ? [] : [[c.service, c.peakRssMiB]]))),
    sqlStatementsPerRequest: Object.fromEntries(costs.filter((c) => c.sqlStatements !== undefined).map((c) => [c.service, perRequest(c.sqlStatements!)])),
    costs,
    foreignCpuShare,
  };
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
export const totalCpuMsPerRequest = (run: RunReport) => sum(Object.values(run.cpuMsPerRequest));
export const gatewayCpuMsPerRequest = (run: RunReport) =>
  sum(Object.entries(run.cpuMsPerRequest).filter(([service]) => GATEWAY_SERVICES.has(service)).map(([, ms]) => ms));
const hasGateway = (run: RunReport) => Object.keys(run.cpuMsPerRequest).some((service) => GATEWAY_SERVICES.has(service));

/**
 * A's figures over B's. A may be measured more than once, e.g. just before and just after B: its figures
 * are then the mean of those runs, so a machine that grows busier (or warmer) during the pair weighs on
 * both sides alike instead of on whichever was measured second. `aTotalCpuMsPerRequest` keeps each run
 * of A's total, so the report shows how far A moved while B was measured.
 */
export function compare(name: string, a: RunReport | RunReport[], b: RunReport): Comparison {
  const runs = Array.isArray(a) ? a : [a];
  const mean = (figure: (run: RunReport) => number) => sum(runs.map(figure)) / runs.length;
  return {
    name,
    workload: b.workload,
    of: `${runs[0]!.target} / ${b.target}`,
    totalCpuRatio: mean(totalCpuMsPerRequest) / totalCpuMsPerRequest(b),
    ...(runs.every(hasGateway) && hasGateway(b) ? { gatewayCpuRatio: mean(gatewayCpuMsPerRequest) / gatewayCpuMsPerRequest(b) } : {}),
    p50Ratio: mean((run) => run.load.latencyMs.p50) / b.load.latencyMs.p50,
    requestsPerSecondRatio: mean((run) => run.load.requestsPerSecond) / b.load.requestsPerSecond,
    aTotalCpuMsPerRequest: runs.map(totalCpuMsPerRequest),
  };
}

// --- markdown ---------------------------------------------------------------

const fixed = (value: number, digits = 1) => value.toFixed(digits);
const kib = (bytes: number[]) => (bytes.length ? bytes.map((b) => fixed(b / 1024)).join(' / ') : '-');
/** The subgraphs measured, in platform order: those whose SQL statements were counted. */
const subgraphsOf = (runs: RunReport[]) => [...new Set(runs.flatMap((run) => Object.keys(run.sqlStatementsPerRequest)))];
const abbreviated = (names: string[]) => names.map((name) => name.slice(0, 3)).join('/');

function row(cells: (string | number)[]): string {
  return `| ${cells.join(' | ')} |`;
}

function runsTable(runs: RunReport[]): string {
  const subgraphs = subgraphsOf(runs);
  const names = abbreviated(subgraphs);
  const header = [
    'workload', 'target', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'errors', 'answer KiB',
    'gateway (floor: its server) CPU-ms/req', `subgraph CPU-ms/req (${names})`, 'PostgreSQL CPU-ms/req', `SQL/req (${names})`, `peak RSS MiB (gateway; ${names})`, 'other load',
  ];
  const lines = [row(header), row(header.map(() => '---'))];
  for (const run of runs) {
    const front = Object.entries(run.cpuMsPerRequest).filter(([service]) => FRONT_SERVICES.has(service));
    const gateway = front.length ? fixed(sum(front.map(([, ms]) => ms)), 2) : '-';
    const gatewayRss = Object.entries(run.peakRssMiB).filter(([s]) => FRONT_SERVICES.has(s)).map(([, mib]) => fixed(mib, 0));
    lines.push(
      row([
        `(${run.workload}) ${run.title}`,
        run.target,
        fixed(run.load.requestsPerSecond, 0),
        fixed(run.load.latencyMs.p50),
        fixed(run.load.latencyMs.p95),
        fixed(run.load.latencyMs.p99),
        run.errors,
        kib(run.answerBytes),
        gateway,
        subgraphs.map((s) => fixed(run.cpuMsPerRequest[s] ?? 0, 2)).join(' / '),
        run.cpuMsPerRequest.postgres === undefined ? '-' : fixed(run.cpuMsPerRequest.postgres, 2),
        subgraphs.map((s) => fixed(run.sqlStatementsPerRequest[s] ?? 0, 1)).join(' / '),
        `${gatewayRss.join('') || '-'}; ${subgraphs.map((s) => fixed(run.peakRssMiB[s] ?? 0, 0)).join(' / ')}`,
        `${fixed(run.foreignCpuShare * 100, 0)}%`,
      ]),
    );
  }
  return lines.join('\n');
}

function comparisonsTable(comparisons: Comparison[]): string {
  const header = ['comparison', 'workload', 'A / B', 'total CPU-ms/req', 'gateway CPU-ms/req', 'p50 latency', 'req/s', "A's total CPU-ms/req, before / after B"];
  const lines = [row(header), row(header.map(() => '---'))];
  for (const c of comparisons) {
    const ratios = [c.totalCpuRatio, c.gatewayCpuRatio, c.p50Ratio, c.requestsPerSecondRatio].map((ratio) => (ratio === undefined ? '-' : `${fixed(ratio, 2)}x`));
    lines.push(row([c.name, `(${c.workload})`, c.of, ...ratios, c.aTotalCpuMsPerRequest.map((ms) => fixed(ms, 2)).join(' / ')]));
  }
  return lines.join('\n');
}

function seedLine(seed: SeedReport): string {
  const city = `${seed.residents.toLocaleString('en')} residents, ${seed.buildings.toLocaleString('en')} buildings, ${seed.incidents.toLocaleString('en')} incidents`;
  if (!seed.seeded) return `City: ${city} (databases kept from an earlier run, not seeded again).`;
  const rows = sum((seed.subgraphs ?? []).map((s) => s.rows));
  const perSubgraph = (seed.subgraphs ?? []).map((s) => `${s.name} ${s.rows.toLocaleString('en')} rows at ${s.rowsPerSecond.toLocaleString('en')} rows/s`).join(', ');
  return `City: ${city}; seeded ${rows.toLocaleString('en')} rows in ${fixed(seed.seconds ?? 0)} s (${perSubgraph}).`;
}

export function markdownReport(report: BenchReport): string {
  const settings = Object.entries(report.settings).map(([k, v]) => `${k}=${v}`).join(', ');
  return [
    `## Benchmark results (${report.startedAt})`,
    '',
    `Command: \`${report.command}\`  `,
    `Machine: ${report.machine.cpus} cores, ${report.machine.memoryGiB} GiB, Node ${report.machine.node}; load from autocannon on the same machine; one-minute load average ${report.machine.loadAverage.map((l) => fixed(l)).join(' at start, ')} at the end.  `,
    `Settings: ${settings}  `,
    seedLine(report.seed),
    '',
    runsTable(report.runs),
    '',
    ...(report.comparisons.length ? ['Ratios (A / B; below 1 means A is cheaper or faster, except req/s where above 1 means A serves more; A is measured just before and just after B, and its figures are the mean of the two):', '', comparisonsTable(report.comparisons), ''] : []),
    `Total run time: ${fixed(report.totalSeconds, 0)} s.`,
    '',
  ].join('\n');
}
