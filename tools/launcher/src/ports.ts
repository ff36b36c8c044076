import { createServer } from 'node:net';
import { parseEnv, portValue, z } from '@civic/runtime/config';
import { LauncherError } from './errors.js';

export const SUBGRAPH_PORTS = { population: 4001, buildings: 4002, incidents: 4003, resources: 4004, access: 4005 } as const;
export type SubgraphName = keyof typeof SUBGRAPH_PORTS;
export const SUBGRAPH_NAMES = Object.keys(SUBGRAPH_PORTS) as SubgraphName[];
/** The live service (subscriptions beside the gateway) listens here unless LIVE_PORT says otherwise. */
export const LIVE_PORT = 4006;
export type ServiceName = SubgraphName | 'gateway' | 'live';
export type PortPlan = Record<ServiceName, number>;

/** The variable that sets a service's port for `npm start`: PORT for the gateway, POPULATION_PORT... for the subgraphs, LIVE_PORT. */
export function portVariable(service: ServiceName): string {
  return service === 'gateway' ? 'PORT' : `${service.toUpperCase()}_PORT`;
}

/** Every service's port from the environment, with the documented defaults (4000, 4001-4005, 4006). */
export function portsFromEnv(env: Record<string, string | undefined>): PortPlan {
  const defaults: PortPlan = { gateway: 4000, ...SUBGRAPH_PORTS, live: LIVE_PORT };
  const services = Object.keys(defaults) as ServiceName[];
  const schema = z.object(Object.fromEntries(services.map((service) => [portVariable(service), portValue(defaults[service])])));
  const ports = parseEnv(schema, env) as Record<string, number>;
  return Object.fromEntries(services.map((service) => [service, ports[portVariable(service)]])) as PortPlan;
}

/**
 * Ports below the kernel's ephemeral range (32768-60999 on Linux): a port the kernel hands out for
 * `listen(0)` can be taken again by any outgoing connection before our service binds it, which on a
 * busy machine happened (EADDRINUSE). Ports from this range are only ever taken by a listener.
 */
const FREE_PORT_RANGE = { from: 20_000, to: 32_000 };

async function isFree(port: number, host: string): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) => (error.code === 'EADDRINUSE' ? resolve(false) : reject(error)));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/**
 * A port free now, and not one of `taken`: ports handed out for services that have not bound them yet
 * are still free, so a plan of several must name them (two services of one platform were once given the
 * same port, and the second answered the first's readiness check).
 */
export async function freePort(taken: ReadonlySet<number> = new Set()): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = FREE_PORT_RANGE.from + Math.floor(Math.random() * (FREE_PORT_RANGE.to - FREE_PORT_RANGE.from));
    if (!taken.has(port) && (await isFree(port, '127.0.0.1'))) return port;
  }
  throw new Error(`no free port found between ${FREE_PORT_RANGE.from} and ${FREE_PORT_RANGE.to}`);
}

/**
 * Before anything is spawned: a port another process holds would let that process answer our
 * readiness checks (and our service die of EADDRINUSE), so every taken port is reported at once.
 */
export async function assertPortsFree(plan: PortPlan, host: string): Promise<void> {
  const problems: string[] = [];
  const seen = new Map<number, ServiceName>();
  for (const [service, port] of Object.entries(plan) as [ServiceName, number][]) {
    const twin = seen.get(port);
    if (twin) problems.push(`port ${port} is given to both ${twin} and ${service} (${portVariable(twin)}, ${portVariable(service)})`);
    else if (!(await isFree(port, host))) problems.push(`port ${port} (${service}) is in use; stop what holds it or choose another with ${portVariable(service)}`);
    seen.set(port, service);
  }
  if (problems.length) throw new LauncherError('PORT_IN_USE', problems.join('\n'));
}
