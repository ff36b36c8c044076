import { spawn } from 'node:child_process';
import { join } from 'node:path';
// Modules, not the packages' indexes: the launcher's own start-up is part of every platform start.
import { seedCity } from '@civic/demo-city/seedCity';
import type { SeedOutcome } from '@civic/demo-city/seedOutcome';
import { logEnv, parseEnv, shutdownEnv } from '@civic/runtime/config';
import { createLogger } from '@civic/runtime/logger';
import { LauncherError } from './errors.js';
import { assertPortsFree, freePort, LIVE_PORT, SUBGRAPH_NAMES, SUBGRAPH_PORTS, type PortPlan, type ServiceName, type SubgraphName } from './ports.js';
import { waitUntilReady, type ReadinessEvent, type ServiceProcess } from './readiness.js';
import { assertBundleFresh, bundledEntry, compiledEntry } from './services.js';

export { freePort, LIVE_PORT, portsFromEnv, portVariable, SUBGRAPH_NAMES, SUBGRAPH_PORTS, type PortPlan, type ServiceName, type SubgraphName } from './ports.js';
export type { Phase, ReadinessEvent, ServiceProcess } from './readiness.js';

/**
 * Runs the whole platform as separate processes, one per service, exactly as production does:
 * used by `npm start`, the test suite and the benchmarks.
 */
export interface PlatformOptions {
  /** The repository root (where subgraphs/ and gateway/ live). */
  root: string;
  /** Environment every service gets: KEYS_DIR, DEMO_RESIDENTS, DATA_DIR or DATABASE_URL, LOG_LEVEL... */
  env: Record<string, string | undefined>;
  /** Per-service environment on top of `env`, e.g. a database URL of its own. */
  serviceEnv?: Partial<Record<ServiceName, Record<string, string>>>;
  /** Every service's port (see portsFromEnv); default 4000-4006, or free ports with `freePorts`. */
  ports?: PortPlan;
  /** Pick free ports (tests run beside a developer's platform). */
  freePorts?: boolean;
  onLine?: (service: string, line: string) => void;
  /**
   * Run tsc's output (one module per source file) instead of the bundles: a CPU profile then names each
   * function's package and file (the benchmark's --profile). Start-up costs more; steady state is the same code.
   */
  compiledEntries?: boolean;
  /** Start-up progress: seeding, then each service's phase. */
  onEvent?: (event: LaunchEvent) => void;
  /** Give up when no service has progressed for this long (default 2 minutes); there is no total time-out. */
  stallTimeoutMs?: number;
  /** Aborting stops the services started so far and rejects with LauncherError ABORTED. */
  signal?: AbortSignal;
  /**
   * Enforce the policy file (POLICY_PATH) as it is instead of following the access service's
   * published versions; audit records then stay in each subgraph's outbox.
   */
  policyFromFile?: boolean;
  /**
   * Seed a demo city of this many residents into the data subgraphs' databases that are empty; each
   * subgraph starts once its own database holds it (services never seed by themselves). Omit to start
   * on the data as it is.
   */
  seedResidents?: number;
}

export type LaunchEvent =
  | ReadinessEvent
  | { kind: 'seeding'; residents: number }
  | { kind: 'spawning'; ports: PortPlan }
  | { kind: 'seeded'; subgraph: string; outcome: SeedOutcome; seconds: number };

export interface Platform {
  gatewayUrl: string;
  healthUrl: string;
  subgraphs: Record<SubgraphName, ServiceProcess>;
  gateway: ServiceProcess;
  /** The live service: subscriptions over SSE (`liveUrl`) and WebSocket, fed by the subgraphs' live outboxes. */
  live: ServiceProcess;
  liveUrl: string;
  /**
   * Stops one subgraph and starts it again on the same port and data; resolves when it is healthy, or
   * with `untilListening`, as soon as it answers at all (a subgraph without a policy answers 503).
   */
  restartSubgraph: (name: SubgraphName, options?: { untilListening?: boolean }) => Promise<void>;
  /** Stops the gateway (if it still runs) and starts it again on the same port; resolves when it is healthy. */
  restartGateway: () => Promise<void>;
  /**
   * Kills the live service outright (SIGKILL, as a crash), runs `whileDown`, and starts it again on the
   * same port and data; resolves when it is healthy.
   */
  crashAndRestartLive: (whileDown?: () => Promise<void>) => Promise<void>;
  stop: () => Promise<void>;
}

const OUTPUT_LINES_KEPT = 200;
const DEFAULT_STALL_MS = 120_000;

/**
 * Node's on-disk cache of compiled modules (NODE_COMPILE_CACHE): the seven services load the same few
 * hundred modules at every start, and compiling them is most of a start's CPU. It is keyed by each file's
 * content, so a rebuilt module is compiled afresh; kept beside node_modules, not under DATA_DIR.
 */
const compileCacheOf = (root: string) => join(root, 'node_modules/.cache/node-compile-cache');

function spawnService(options: PlatformOptions, name: ServiceName, port: number, extraEnv: Record<string, string>): ServiceProcess {
  const child = spawn(process.execPath, [join(options.root, options.compiledEntries ? compiledEntry(name) : bundledEntry(name))], {
    cwd: options.root,
    env: { NODE_COMPILE_CACHE: compileCacheOf(options.root), ...process.env, ...options.env, ...options.serviceEnv?.[name], ...extraEnv, PORT: String(port) },
    // The IPC channel closes when this process ends, however it ends (even SIGKILL): the service then
    // stops by itself (runService), so none outlives its launcher. Each in its own process group, so that
    // a terminal's Ctrl-C reaches only the launcher, which stops the services in order (see stopAll).
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    detached: true,
  });
  const service: ServiceProcess = { name, port, url: `http://127.0.0.1:${port}/graphql`, child, output: [], linesSeen: 0 };
  const collect = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (!line) continue;
      service.linesSeen++;
      service.output.push(line);
      if (service.output.length > OUTPUT_LINES_KEPT) service.output.shift();
      options.onLine?.(name, line);
    }
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  return service;
}

/** Beyond twice SHUTDOWN_GRACE_MS (drain, then ship the audit outbox): closing the database. */
const STOP_MARGIN_MS = 10_000;

/**
 * SIGTERM, then SIGKILL once the service has had its grace periods and a margin; resolves once the
 * process is gone, and never waits more than 5 s past the SIGKILL.
 */
async function stopService(service: ServiceProcess, graceMs: number): Promise<void> {
  if (service.child.exitCode !== null || service.child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => service.child.once('exit', () => resolve()));
  service.child.kill('SIGTERM');
  const killAfterMs = 2 * graceMs + STOP_MARGIN_MS;
  const kill = setTimeout(() => service.child.kill('SIGKILL'), killAfterMs);
  let giveUp: NodeJS.Timeout | undefined;
  await Promise.race([exited, new Promise<void>((resolve) => (giveUp = setTimeout(resolve, killAfterMs + 5_000)))]);
  clearTimeout(kill);
  clearTimeout(giveUp);
}

/**
 * The live service, then the gateway, so that its requests in flight are answered by subgraphs still serving; then the
 * data subgraphs, which ship their audit outboxes to the access service on the way out; the access
 * service last.
 */
async function stopAll(live: ServiceProcess, gateway: ServiceProcess, subgraphs: Partial<Record<SubgraphName, ServiceProcess>>, graceMs: Record<ServiceName, number>): Promise<void> {
  // A subgraph not started yet (start-up cut short while seeding) has nothing to stop.
  const stop = async (service: ServiceProcess | undefined) => service && stopService(service, graceMs[service.name as ServiceName]);
  // The live service fetches its deliveries through the gateway: it ends its streams before the gateway goes.
  await stop(live);
  await stop(gateway);
  await Promise.all(SUBGRAPH_NAMES.filter((name) => name !== 'access').map((name) => stop(subgraphs[name])));
  await stop(subgraphs.access);
}

/** Each service's SHUTDOWN_GRACE_MS, validated as the service validates it, before anything starts. */
function shutdownGraces(options: PlatformOptions): Record<ServiceName, number> {
  const graceOf = (name: ServiceName) => parseEnv(shutdownEnv, { ...process.env, ...options.env, ...options.serviceEnv?.[name] }).SHUTDOWN_GRACE_MS;
  return Object.fromEntries((['gateway', 'live', ...SUBGRAPH_NAMES] as const).map((name) => [name, graceOf(name)])) as Record<ServiceName, number>;
}

async function planPorts(options: PlatformOptions): Promise<PortPlan> {
  if (options.freePorts) {
    const plan = {} as PortPlan;
    const taken = new Set<number>();
    for (const service of ['gateway', 'live', ...SUBGRAPH_NAMES] as const) {
      plan[service] = await freePort(taken);
      taken.add(plan[service]);
    }
    return plan;
  }
  const plan = options.ports ?? { gateway: 4000, ...SUBGRAPH_PORTS, live: LIVE_PORT };
  await assertPortsFree(plan, options.env.HOST || '127.0.0.1');
  return plan;
}

/** Seeds the databases that are empty; `onReady` hears of each subgraph as soon as its database holds the city. */
async function seed(options: PlatformOptions, residents: number, onReady: (subgraph: SubgraphName) => void): Promise<void> {
  options.onEvent?.({ kind: 'seeding', residents });
  await seedCity({
    residents,
    envFor: (name) => ({ ...process.env, ...options.env, ...options.serviceEnv?.[name as SubgraphName] }),
    logger: createLogger('seed', parseEnv(logEnv, { ...process.env, ...options.env }).LOG_LEVEL),
    onDone: (subgraph, outcome, seconds) => {
      options.onEvent?.({ kind: 'seeded', subgraph, outcome, seconds });
      onReady(subgraph as SubgraphName);
    },
  });
}

/** Rejects with ABORTED as soon as `signal` aborts, whether or not `work` has ended (a seed cut off is redone, see seedCity). */
function unlessAborted<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  const aborted = () => new LauncherError('ABORTED', 'start-up interrupted');
  if (signal.aborted) return Promise.reject(aborted());
  return Promise.race([work, new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(aborted()), { once: true }))]);
}

export async function launchPlatform(options: PlatformOptions): Promise<Platform> {
  const stallMs = options.stallTimeoutMs ?? DEFAULT_STALL_MS;
  // Ports first: a taken port is reported at once, before minutes of seeding.
  const ports = await planPorts(options);
  const graceMs = shutdownGraces(options);
  if (!options.compiledEntries) for (const service of ['gateway', 'live', ...SUBGRAPH_NAMES] as const) assertBundleFresh(options.root, service);
  if (options.signal?.aborted) throw new LauncherError('ABORTED', 'start-up interrupted');

  options.onEvent?.({ kind: 'spawning', ports });
  const urlOf = (name: SubgraphName) => `http://127.0.0.1:${ports[name]}/graphql`;
  // Subgraphs ask the owners of the records a write refers to (see ownerRecords.ts in subgraph-kit).
  const ownerUrls = { POPULATION_URL: urlOf('population'), BUILDINGS_URL: urlOf('buildings'), INCIDENTS_URL: urlOf('incidents') };
  const liveBase = `http://127.0.0.1:${ports.live}`;
  // Every subgraph ships the thin events of its changes to the live service (the access service: grants about to end).
  const governedEnv: Record<string, string> = { ...ownerUrls, LIVE_URL: liveBase, ...(options.policyFromFile ? {} : { ACCESS_URL: urlOf('access') }) };
  const envOf = (name: SubgraphName) => (name === 'access' ? { LIVE_URL: liveBase } : governedEnv);
  // The gateway passes the live service's feeds through on its own port (/graphql/stream).
  const gatewayEnv: Record<string, string> = { LIVE_URL: liveBase, ...Object.fromEntries(SUBGRAPH_NAMES.map((name) => [`${name.toUpperCase()}_URL`, urlOf(name)])) };
  const spawnGateway = () => spawnService(options, 'gateway', ports.gateway, gatewayEnv);
  const spawnLive = () => {
    const service = spawnService(options, 'live', ports.live, { GATEWAY_URL: `http://127.0.0.1:${ports.gateway}/graphql` });
    service.url = `${liveBase}/graphql/stream`;
    return service;
  };
  const started: Partial<Record<SubgraphName, ServiceProcess>> = {};
  const startSubgraph = (name: SubgraphName) => (started[name] ??= spawnService(options, name, ports[name], envOf(name)));
  // Each subgraph starts as soon as its own database is ready: seedCity finds the ready ones before its
  // first await (on a restart, all five), so they are spawned first, the access service, whose policy the
  // others wait for, first of all. The gateway and the live service hold no database: they start next,
  // while any seeding goes on, so that start-up work overlaps on every core.
  const seeding = options.seedResidents === undefined ? Promise.resolve() : unlessAborted(seed(options, options.seedResidents, startSubgraph), options.signal);
  let gateway = spawnGateway();
  let live = spawnLive();
  const all = () => [...Object.values(started), gateway, live];
  // Children must not outlive the launcher, however it ends (a crash, a test timeout, process.exit).
  const killAll = () => all().forEach((s) => s.child.exitCode === null && s.child.kill('SIGKILL'));
  process.once('exit', killAll);
  const stop = async () => {
    await stopAll(live, gateway, started, graceMs);
    process.off('exit', killAll);
  };
  const readiness = { stallMs, ...(options.onEvent ? { onEvent: options.onEvent } : {}), ...(options.signal ? { signal: options.signal } : {}) };
  try {
    await seeding;
    SUBGRAPH_NAMES.forEach(startSubgraph);
    // Each service is checked on its own port and pid; the gateway is healthy only once the subgraphs are.
    await waitUntilReady(all(), readiness);
    // An abort that came while the last probes ran: the caller no longer wants the platform.
    if (options.signal?.aborted) throw new LauncherError('ABORTED', 'start-up interrupted');
  } catch (error) {
    await stop();
    throw error;
  }
  const subgraphs = started as Record<SubgraphName, ServiceProcess>;
  return {
    gatewayUrl: gateway.url,
    healthUrl: `http://127.0.0.1:${ports.gateway}/health`,
    subgraphs,
    // The process running now: a restart replaces it.
    get gateway() {
      return gateway;
    },
    get live() {
      return live;
    },
    liveUrl: `${liveBase}/graphql/stream`,
    stop,
    restartSubgraph: async (name, restart = {}) => {
      const old = subgraphs[name];
      await stopService(old, graceMs[name]);
      subgraphs[name] = spawnService(options, name, old.port, envOf(name));
      await waitUntilReady([subgraphs[name]], { stallMs, untilListening: restart.untilListening ?? false });
    },
    crashAndRestartLive: async (whileDown) => {
      const exited = new Promise<void>((resolve) => live.child.once('exit', () => resolve()));
      live.child.kill('SIGKILL');
      await exited;
      await whileDown?.();
      live = spawnLive();
      await waitUntilReady([live], { stallMs });
    },
    restartGateway: async () => {
      await stopService(gateway, graceMs.gateway);
      gateway = spawnGateway();
      await waitUntilReady([gateway], { stallMs });
    },
  };
}
