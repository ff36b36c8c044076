import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { seedCity } from '@civic/demo-city';
import { createLogger, logEnv, parseEnv } from '@civic/runtime';

/**
 * Runs the whole platform as separate processes, one per service, exactly as production does:
 * used by `npm start`, the test suite and the benchmarks.
 */
export const SUBGRAPH_PORTS = { population: 4001, buildings: 4002, incidents: 4003, resources: 4004, access: 4005 } as const;
export type SubgraphName = keyof typeof SUBGRAPH_PORTS;
export const SUBGRAPH_NAMES = Object.keys(SUBGRAPH_PORTS) as SubgraphName[];

export interface PlatformOptions {
  /** The repository root (where subgraphs/ and gateway/ live). */
  root: string;
  /** Environment every service gets: JWT_SECRET, DEMO_RESIDENTS, DATA_DIR or DATABASE_URL, LOG_LEVEL... */
  env: Record<string, string | undefined>;
  /** Per-service environment on top of `env`, e.g. a database URL of its own. */
  serviceEnv?: Partial<Record<SubgraphName | 'gateway', Record<string, string>>>;
  /** Pick free ports instead of 4000-4004 (tests run beside a developer's platform). */
  freePorts?: boolean;
  gatewayPort?: number;
  onLine?: (service: string, line: string) => void;
  readyTimeoutMs?: number;
  /**
   * Enforce the policy file (POLICY_PATH) as it is instead of following the access service's
   * published versions; audit records then stay in each subgraph's outbox.
   */
  policyFromFile?: boolean;
  /**
   * Seed a demo city of this many residents into the data subgraphs' databases that are empty, before
   * the services start (services never seed by themselves). Omit to start on the data as it is.
   */
  seedResidents?: number;
}

export interface ServiceProcess {
  name: string;
  port: number;
  url: string;
  child: ChildProcess;
  output: string[];
}

export interface Platform {
  gatewayUrl: string;
  healthUrl: string;
  subgraphs: Record<SubgraphName, ServiceProcess>;
  gateway: ServiceProcess;
  /**
   * Stops one subgraph and starts it again on the same port and data; resolves when it is healthy, or
   * with `untilListening`, as soon as it answers at all (a subgraph without a policy answers 503).
   */
  restartSubgraph: (name: SubgraphName, options?: { untilListening?: boolean }) => Promise<void>;
  stop: () => Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

const OUTPUT_LINES_KEPT = 200;

function spawnService(options: PlatformOptions, name: string, script: string, port: number, extraEnv: Record<string, string>): ServiceProcess {
  const child = spawn(process.execPath, [join(options.root, script)], {
    cwd: options.root,
    env: { ...process.env, ...options.env, ...options.serviceEnv?.[name as SubgraphName], ...extraEnv, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const service: ServiceProcess = { name, port, url: `http://127.0.0.1:${port}/graphql`, child, output: [] };
  const collect = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (!line) continue;
      service.output.push(line);
      if (service.output.length > OUTPUT_LINES_KEPT) service.output.shift();
      options.onLine?.(name, line);
    }
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  return service;
}

async function waitUntil(check: () => Promise<boolean>, services: ServiceProcess[], timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const dead = services.find((s) => s.child.exitCode !== null);
    if (dead) throw new Error(`${dead.name} exited with code ${dead.child.exitCode} before ${what}:\n${dead.output.slice(-20).join('\n')}`);
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

async function answers(url: string, anyStatus = false): Promise<boolean> {
  try {
    const { status } = await fetch(url, { signal: AbortSignal.timeout(2000) });
    return anyStatus || status === 200;
  } catch {
    return false;
  }
}

/** SIGTERM, then SIGKILL after 10 s; resolves once the process is gone, and never waits past 15 s. */
async function stopService(service: ServiceProcess): Promise<void> {
  if (service.child.exitCode !== null || service.child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => service.child.once('exit', () => resolve()));
  service.child.kill('SIGTERM');
  const kill = setTimeout(() => service.child.kill('SIGKILL'), 10_000);
  let giveUp: NodeJS.Timeout | undefined;
  await Promise.race([exited, new Promise<void>((resolve) => (giveUp = setTimeout(resolve, 15_000)))]);
  clearTimeout(kill);
  clearTimeout(giveUp);
}

export async function launchPlatform(options: PlatformOptions): Promise<Platform> {
  const timeout = options.readyTimeoutMs ?? 180_000;
  if (options.seedResidents !== undefined) {
    await seedCity({
      residents: options.seedResidents,
      envFor: (name) => ({ ...process.env, ...options.env, ...options.serviceEnv?.[name as SubgraphName] }),
      logger: createLogger('seed', parseEnv(logEnv, { ...process.env, ...options.env }).LOG_LEVEL),
    });
  }
  const subgraphs = {} as Record<SubgraphName, ServiceProcess>;
  const ports = {} as Record<SubgraphName, number>;
  for (const name of SUBGRAPH_NAMES) ports[name] = options.freePorts ? await freePort() : SUBGRAPH_PORTS[name];
  const urlOf = (name: SubgraphName) => `http://127.0.0.1:${ports[name]}/graphql`;
  const governedEnv: Record<string, string> = options.policyFromFile ? {} : { ACCESS_URL: urlOf('access') };
  const envOf = (name: SubgraphName) => (name === 'access' ? {} : governedEnv);
  const gatewayEnv: Record<string, string> = {};
  for (const name of SUBGRAPH_NAMES) {
    subgraphs[name] = spawnService(options, name, `subgraphs/${name}/dist/main.js`, ports[name], envOf(name));
    gatewayEnv[`${name.toUpperCase()}_URL`] = urlOf(name);
  }
  const gatewayPort = options.gatewayPort ?? (options.freePorts ? await freePort() : 4000);
  const gateway = spawnService(options, 'gateway', 'gateway/dist/main.js', gatewayPort, gatewayEnv);
  const all = () => [...Object.values(subgraphs), gateway];
  // Children must not outlive the launcher, however it ends (Ctrl-C during start-up, a crash, a test timeout).
  const killAll = () => all().forEach((s) => s.child.exitCode === null && s.child.kill('SIGKILL'));
  process.once('exit', killAll);
  const healthUrl = `http://127.0.0.1:${gatewayPort}/health`;
  const stop = async () => {
    await Promise.all(all().map(stopService));
    process.off('exit', killAll);
  };
  try {
    await waitUntil(() => answers(healthUrl), all(), timeout, 'the platform to become healthy');
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    gatewayUrl: gateway.url,
    healthUrl,
    subgraphs,
    gateway,
    stop,
    restartSubgraph: async (name, restart = {}) => {
      const old = subgraphs[name];
      await stopService(old);
      subgraphs[name] = spawnService(options, name, `subgraphs/${name}/dist/main.js`, old.port, envOf(name));
      const health = new URL('/health', old.url).toString();
      await waitUntil(() => answers(health, restart.untilListening), [subgraphs[name]], timeout, `${name} to restart`);
    },
  };
}
