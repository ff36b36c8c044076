import { parseCommandLine, usageError } from '@civic/scripts/cli';
import { WORKLOAD_NAMES, type WorkloadName } from './workloads.js';

export const COMPARISONS = ['policy', 'audit', 'direct', 'hive', 'hive-defaults', 'grafbase', 'floor'] as const;
export type ComparisonName = (typeof COMPARISONS)[number];

export const DEFAULT_SCALE = 4000;

export interface BenchOptions {
  scale: number;
  durationSeconds: number;
  warmupSeconds: number;
  connections: number;
  workloads: WorkloadName[];
  compare: ComparisonName[];
  gatewayWorkers: number;
  out: string;
  /** Results file name, without extension. */
  name: string;
  keepScaleDb: boolean;
  /** Profile the gateway and the population subgraph during workload (b) instead of the full run. */
  profile: boolean;
}

const USAGE = `Usage: npm run bench -- [options]

  --scale N              residents of the seeded city (default ${DEFAULT_SCALE}; at least 100)
  --duration S           seconds measured per workload (default 10)
  --warmup S             seconds of warm-up per workload (default 3)
  --connections N        concurrent keep-alive connections (default 50)
  --workloads a,b,c,d    which workloads run through the gateway (default all)
  --compare LIST         ${COMPARISONS.join(',')} (default all), or none:
                         hive is Hive Gateway with its JIT and Rust query planner, hive-defaults as it
                         comes, grafbase the Rust gateway of the Grafbase CLI (Linux x64), floor the
                         answer of (b) from hand-written SQL without GraphQL
  --workers N            GATEWAY_WORKERS of our gateway and Hive Gateway, Grafbase's worker threads (default 1)
  --out DIR              where the results go (default bench-results)
  --name NAME            results file name (default latest, or scale-<N>)
  --keep-scale-db        keep (and reuse) the seeded databases
  --profile              instead of the run: CPU profiles of the gateway and population during (b)

Needs PostgreSQL (TEST_POSTGRES_URL, default postgres://postgres@127.0.0.1:5432/postgres).
`;

const command = {
  name: 'bench',
  usage: USAGE,
  options: {
    scale: { type: 'string', default: String(DEFAULT_SCALE) },
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '3' },
    connections: { type: 'string', default: '50' },
    workloads: { type: 'string', default: WORKLOAD_NAMES.join(',') },
    compare: { type: 'string', default: COMPARISONS.join(',') },
    // One: on two cores shared with four subgraphs, PostgreSQL and the load generator, a second
    // gateway worker only adds contention (measured: fewer requests per second, more CPU per request).
    workers: { type: 'string', default: '1' },
    out: { type: 'string', default: 'bench-results' },
    name: { type: 'string' },
    'keep-scale-db': { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
  },
} as const;

function positiveInt(value: string, option: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) usageError(command, `--${option} must be a positive whole number, got "${value}"`);
  return n;
}

function listOf<T extends string>(value: string, allowed: readonly T[], option: string): T[] {
  const items = value.split(',').map((s) => s.trim()).filter(Boolean);
  for (const item of items) if (!allowed.includes(item as T)) usageError(command, `--${option}: unknown "${item}"; choose from ${allowed.join(',')}`);
  return items as T[];
}

/** The command line of `npm run bench`; --help and a bad option end the process (see parseCommandLine). */
export function parseBenchOptions(args: string[]): BenchOptions {
  const values = parseCommandLine({ ...command, args });
  const scale = positiveInt(values.scale, 'scale');
  if (scale < 100) usageError(command, '--scale must be at least 100 residents');
  return {
    scale,
    durationSeconds: positiveInt(values.duration, 'duration'),
    warmupSeconds: positiveInt(values.warmup, 'warmup'),
    connections: positiveInt(values.connections, 'connections'),
    workloads: listOf(values.workloads, WORKLOAD_NAMES, 'workloads'),
    compare: values.compare === 'none' ? [] : listOf(values.compare, COMPARISONS, 'compare'),
    gatewayWorkers: positiveInt(values.workers, 'workers'),
    out: values.out,
    name: values.name ?? (values.profile ? 'profile' : scale === DEFAULT_SCALE ? 'latest' : `scale-${scale}`),
    keepScaleDb: values['keep-scale-db'],
    profile: values.profile,
  };
}
