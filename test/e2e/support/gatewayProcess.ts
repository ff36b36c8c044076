import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { bundledEntry, freePort, type SubgraphName } from '@civic/launcher';
import { TEST_KEYS_DIR } from '@civic/testkit';

/**
 * A gateway process of its own, started with exactly the environment a test gives it (plus PATH), for
 * settings the shared platforms do not use (NODE_ENV=production, GRAPHQL_IDE, CORS_ORIGINS). Point it at
 * a running platform's subgraphs with `<SUBGRAPH>_URL` variables to query data through it. It signs with
 * the test keys, which those subgraphs trust.
 */
export interface GatewayProcess {
  /** http://127.0.0.1:<port>, without a path. */
  origin: string;
  /** Its GraphQL endpoint. */
  url: string;
  port: number;
  /** The process itself, for tests that signal it. */
  child: ChildProcess;
  /** What it has logged so far (stdout and stderr). */
  output: () => string;
  stop: () => Promise<void>;
}

const NODE = join(process.cwd(), 'node_modules/.bin/node');
/**
 * A ceiling, not an expectation: on a quiet machine the gateway answers within seconds, but loading its
 * modules on two shared, busy cores has been seen to take over a minute; waiting longer costs nothing when it is quick.
 */
const READY_WITHIN_MS = 5 * 60_000;

export function subgraphUrlEnv(subgraphUrls: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(subgraphUrls).map(([name, url]) => [`${name.toUpperCase()}_URL`, url]));
}

export function startGatewayProcess(env: Record<string, string>): Promise<GatewayProcess> {
  return startServiceProcess('gateway', env);
}

/** Any service of the platform (gateway, live, a subgraph) as a process of its own; its GraphQL endpoint is `url`. */
export async function startServiceProcess(service: 'gateway' | 'live' | SubgraphName, env: Record<string, string>): Promise<GatewayProcess> {
  const port = await freePort();
  const child = spawn(NODE, [bundledEntry(service)], {
    cwd: process.cwd(),
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', LOG_FORMAT: 'json', HOST: '127.0.0.1', KEYS_DIR: TEST_KEYS_DIR, ...env, PORT: String(port) },
    // The IPC channel closes when the test process ends, however it ends: the service then stops by itself (runService).
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let output = '';
  const collect = (chunk: Buffer) => (output += chunk.toString());
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const origin = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(kill);
  };
  const deadline = Date.now() + READY_WITHIN_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${service} exited with ${child.exitCode}: ${output}`);
    const alive = await fetch(`${origin}/livez`).then((response) => response.ok, () => false);
    if (alive) return { origin, url: `${origin}/graphql`, port, child, output: () => output, stop };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await stop();
  throw new Error(`${service} did not answer /livez within ${READY_WITHIN_MS} ms: ${output}`);
}
