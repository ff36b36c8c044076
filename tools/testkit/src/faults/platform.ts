import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { launchPlatform, SUBGRAPH_NAMES, type LaunchEvent, type Platform, type ServiceName, type SubgraphName } from '@civic/launcher';
import { startPostgresCluster, type PostgresCluster } from '../postgresCluster.js';
import { TEST_KEYS_DIR } from '../testing.js';

/**
 * The platform a fault test breaks: every service its own process, every subgraph's database on a
 * PostgreSQL cluster of the test's own (or, for measurements, on the embedded default, PGlite), with
 * small deadlines so that a fault shows within seconds.
 */

/** Inner deadlines shorter than outer ones, as in the defaults: statement < subgraph's own < gateway's fetch < request. */
export const FAULT_DEADLINES = {
  DATABASE_STATEMENT_TIMEOUT_MS: 2000,
  DATABASE_ACQUIRE_TIMEOUT_MS: 1500,
  OWNER_LOOKUP_TIMEOUT_MS: 1500,
  SUBGRAPH_REQUEST_TIMEOUT_MS: 2500,
  GATEWAY_SUBGRAPH_TIMEOUT_MS: 3000,
  GATEWAY_REQUEST_TIMEOUT_MS: 6000,
} as const;

const FAULT_ENV: Record<string, string> = {
  ...Object.fromEntries(Object.entries(FAULT_DEADLINES).map(([name, ms]) => [name, String(ms)])),
  // Every request of the load comes from one department, far faster than people do.
  GATEWAY_RATE_LIMIT_DEPARTMENT: '10000000',
  LOG_LEVEL: 'warn',
  LOG_FORMAT: 'json',
  KEYS_DIR: TEST_KEYS_DIR,
};

export interface FaultPlatform {
  platform: Platform;
  /** The PostgreSQL cluster the subgraphs' databases live on; none on PGlite. */
  cluster: PostgresCluster | undefined;
  gatewayUrl: string;
  /** The process serving a service now (a restart replaces it). */
  processOf: (service: ServiceName) => ChildProcess;
  /** Sends a signal and, for a deadly one, waits until the process is gone. */
  signal: (service: ServiceName, signal: 'SIGKILL' | 'SIGTERM' | 'SIGSTOP' | 'SIGCONT') => Promise<void>;
  /** Starts a service again (after a kill or a SIGTERM) and waits until it is healthy. */
  restart: (service: ServiceName) => Promise<void>;
  /** Runs SQL on a subgraph's database, behind the platform's back (PostgreSQL only: PGlite lives inside its service). */
  sql: <Row extends object = Record<string, unknown>>(subgraph: SubgraphName, query: string, params?: unknown[]) => Promise<Row[]>;
  dispose: () => Promise<void>;
}

export interface FaultPlatformOptions {
  root: string;
  /** Default postgresql: a cluster of the platform's own. */
  backend?: 'postgresql' | 'pglite';
  residents: number;
  /** Overrides of FAULT_DEADLINES and the like. */
  env?: Record<string, string>;
  /** One service's environment on top of `env` (e.g. its log level). */
  serviceEnv?: Partial<Record<ServiceName, Record<string, string>>>;
  onLine?: (service: string, line: string) => void;
  onEvent?: (event: LaunchEvent) => void;
}

/** A service is gone once its process has exited, whatever ended it. */
export function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Where the subgraphs keep their data: a fresh PostgreSQL cluster, or a fresh PGlite directory. */
async function freshStorage(backend: 'postgresql' | 'pglite'): Promise<{ env: Record<string, string>; cluster?: PostgresCluster; dispose: () => Promise<void> }> {
  if (backend === 'pglite') {
    const dataDir = mkdtempSync(join(tmpdir(), 'civic-faults-'));
    return { env: { DATABASE_URL: '', DATA_DIR: dataDir }, dispose: async () => rmSync(dataDir, { recursive: true, force: true }) };
  }
  const cluster = await startPostgresCluster();
  // DATABASE_URL names the prefix of each subgraph's database: civic_population, civic_buildings...
  return { env: { DATABASE_URL: cluster.url('civic') }, cluster, dispose: () => cluster.dispose() };
}

export async function startFaultPlatform(options: FaultPlatformOptions): Promise<FaultPlatform> {
  const storage = await freshStorage(options.backend ?? 'postgresql');
  const { cluster } = storage;
  let platform: Platform;
  try {
    platform = await launchPlatform({
      root: options.root,
      env: { ...FAULT_ENV, ...options.env, ...storage.env },
      ...(options.serviceEnv ? { serviceEnv: options.serviceEnv } : {}),
      freePorts: true,
      seedResidents: options.residents,
      ...(options.onLine ? { onLine: options.onLine } : {}),
      ...(options.onEvent ? { onEvent: options.onEvent } : {}),
    });
  } catch (error) {
    const serverLog = cluster?.logTail();
    await storage.dispose();
    if (serverLog) (error as Error).message += `\nThe PostgreSQL cluster's log ends:\n${serverLog}`;
    throw error;
  }
  const processOf = (service: ServiceName) => (service === 'gateway' ? platform.gateway : service === 'live' ? platform.live : platform.subgraphs[service]).child;
  const pools = new Map<SubgraphName, pg.Pool>();
  const poolOf = (subgraph: SubgraphName) => {
    if (!cluster) throw new Error('SQL behind a service\'s back needs PostgreSQL: PGlite lives inside the service');
    let pool = pools.get(subgraph);
    if (!pool) {
      pool = new pg.Pool({ connectionString: cluster.url(`civic_${subgraph}`), max: 2 });
      // A connection the cluster's restart cut is dropped from the pool; the next query opens another.
      pool.on('error', () => undefined);
      pools.set(subgraph, pool);
    }
    return pool;
  };
  return {
    platform,
    cluster,
    gatewayUrl: platform.gatewayUrl,
    processOf,
    signal: async (service, signal) => {
      const child = processOf(service);
      child.kill(signal);
      if (signal === 'SIGKILL' || signal === 'SIGTERM') await exited(child);
    },
    restart: (service) => (service === 'gateway' ? platform.restartGateway() : service === 'live' ? platform.crashAndRestartLive() : platform.restartSubgraph(service)),
    sql: async (subgraph, query, params = []) => (await poolOf(subgraph).query(query, params)).rows,
    dispose: async () => {
      for (const name of [...SUBGRAPH_NAMES, 'gateway'] as ServiceName[]) processOf(name).kill('SIGCONT');
      await Promise.all([...pools.values()].map((pool) => pool.end()));
      await platform.stop();
      await storage.dispose();
    },
  };
}
