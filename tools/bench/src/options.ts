import { parseArgs } from 'node:util';
import { WORKLOAD_NAMES, type WorkloadName } from './workloads.js';

export const COMPARISONS = ['policy', 'audit', 'direct', 'hive'] as const;
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

export class UsageError extends Error {}

function positiveInt(value: string, option: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`--${option} must be a positive whole number, got "${value}"`);
  return n;
}

function listOf<T extends string>(value: string, allowed: readonly T[], option: string): T[] {
  const items = value.split(',').map((s) => s.trim()).filter(Boolean);
  for (const item of items) if (!allowed.includes(item as T)) throw new UsageError(`--${option}: unknown "${item}"; choose from ${allowed.join(',')}`);
  return items as T[];
}

export function parseBenchOptions(args: string[]): BenchOptions {
  const { values } = parseArgs({
    args,
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
  });
  const scale = positiveInt(values.scale, 'scale');
  if (scale < 100) throw new UsageError('--scale must be at least 100 residents');
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
