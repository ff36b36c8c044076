import { join } from 'node:path';
import type { BenchCity } from '../city.js';
import { subgraphDatabaseEnv } from '../city.js';
import { startChild, type RunningChild } from '../childService.js';

/** Starts the hand-written SQL server of workload (b) (server.ts) on the benchmark's databases. */
export function startFloor(root: string, city: BenchCity): Promise<RunningChild> {
  return startChild('the SQL floor', process.execPath, { args: () => [join(root, 'tools/bench/dist/floor/server.js')], env: subgraphDatabaseEnv(city), readiness: '/health' });
}
