import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { bundledEntry, compiledEntry, SUBGRAPH_NAMES, type ServiceName } from '@civic/launcher';
import { KEY_FILES } from '@civic/runtime';
import { gatewayConfigFromEnv } from '@civic/gateway';
import { subgraphConfigFromEnv } from '@civic/subgraph-kit';
import { liveConfigFromEnv } from '@civic/live';

/** No Docker engine runs here, so the compose file is checked against the repository instead. */
const root = process.cwd();
const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, { profiles?: string[]; build?: string; command?: string[]; image?: string; environment?: Record<string, string>; depends_on?: Record<string, { condition: string }>; healthcheck?: { test: string[]; timeout?: string }; volumes?: string[]; stop_grace_period?: string; ports?: string[]; deploy?: { replicas?: number } }>;
};
const services = compose.services;
const nginx = readFileSync(join(root, 'deploy/nginx.conf'), 'utf8');

/** Where a URL's requests end up: through the load balancer (deploy/nginx.conf), at the service and port its upstream names. */
function servedBy(url: URL): { host: string; port: string } {
  if (url.hostname !== 'lb') return { host: url.hostname, port: url.port };
  const server = [...nginx.matchAll(/server \{\s*listen (\d+);\s*location \/ \{\s*proxy_pass http:\/\/(\w+);/g)].find((match) => match[1] === url.port);
  const upstream = server && new RegExp(`upstream ${server[2]} \\{[^}]*server (\\w+):(\\d+) resolve;`).exec(nginx);
  return upstream ? { host: upstream[1]!, port: upstream[2]! } : { host: 'nowhere', port: url.port };
}
/** One-shot services that others wait for (`service_completed_successfully`): they exit, so they have no healthcheck. */
const oneShot = new Set(Object.values(services).flatMap((s) => Object.entries(s.depends_on ?? {}).filter(([, d]) => d.condition === 'service_completed_successfully').map(([name]) => name)));
/** A variable as compose passes it when the shell sets nothing: `${NAME-default}` and `${NAME:-default}` become the default. */
const unsetShellValue = (value: string | undefined) => value?.replace(/^\$\{\w+:?-(.*)\}$/, '$1');

describe('docker-compose.yml', () => {
  it('runs PostgreSQL, NATS, the gateway, the live service and every subgraph, each with a healthcheck, after the keys are made, and seed and token tools only on request', () => {
    expect(Object.keys(services).sort()).toEqual(['gateway', 'keys', 'lb', 'live', 'nats', 'postgres', 'redis', 'seed', 'token', ...SUBGRAPH_NAMES].sort());
    expect(services.seed!.profiles).toEqual(['demo']);
    expect(services.token!.profiles).toEqual(['demo']);
    expect([...oneShot]).toEqual(['keys']);
    expect(services.seed!.command).toEqual(['node', 'tools/scripts/dist/seed.js']);
    expect(existsSync(join(root, 'tools/scripts/src/seed.ts'))).toBe(true);
    for (const name of SUBGRAPH_NAMES) expect({ name, seeds: services[name]!.environment!.DEMO_RESIDENTS }).toEqual({ name, seeds: undefined });
    for (const [name, service] of Object.entries(services).filter(([name, s]) => !s.profiles && !oneShot.has(name))) {
      expect({ name, healthcheck: Array.isArray(service.healthcheck?.test) }).toEqual({ name, healthcheck: true });
    }
  });

  it("checks each service's readiness (/readyz) on its own port, allowing longer than readiness may take to answer", () => {
    // A readiness answer waits at most this long for what it checks: a subgraph for its database, the gateway for each subgraph.
    // The live service's readiness checks nothing but itself.
    const longestCheckMs = (name: string) =>
      name === 'gateway' ? gatewayConfigFromEnv({}).readinessSubgraphTimeoutMs : name === 'live' ? 0 : subgraphConfigFromEnv(name, 4001, {}).readinessDatabaseTimeoutMs;
    for (const name of ['gateway', 'live', ...SUBGRAPH_NAMES]) {
      const { test, timeout } = services[name]!.healthcheck!;
      const asked = /http:\/\/127\.0\.0\.1:(\d+)(\/[a-z]+)/.exec(test.join(' '));
      expect({ name, port: asked?.[1], path: asked?.[2] }).toEqual({ name, port: services[name]!.environment!.PORT, path: '/readyz' });
      const timeoutMs = Number(/^(\d+)s$/.exec(timeout ?? '')?.[1]) * 1000;
      expect({ name, longer: timeoutMs > longestCheckMs(name) }).toEqual({ name, longer: true });
    }
  });

  it('gives each service time to drain before compose kills it: its requests in flight, then (a subgraph) its audit outbox', () => {
    const secondsOf = (period: string | undefined) => Number(/^(\d+)s$/.exec(period ?? '10s')?.[1]);
    const longestStopMs = (name: string) =>
      name === 'gateway' ? gatewayConfigFromEnv({}).shutdownGraceMs : name === 'live' ? liveConfigFromEnv({}).shutdownGraceMs : 2 * subgraphConfigFromEnv(name, 4001, {}).shutdownGraceMs;
    for (const name of ['gateway', 'live', ...SUBGRAPH_NAMES]) {
      const graceMs = secondsOf(services[name]!.stop_grace_period) * 1000;
      expect({ name, longer: graceMs > longestStopMs(name) }).toEqual({ name, longer: true });
    }
  });

  it('builds from a Dockerfile whose COPY sources exist', () => {
    for (const service of Object.values(services).filter((s) => s.build)) {
      expect(existsSync(join(root, service.build!, 'Dockerfile'))).toBe(true);
    }
    const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');
    const sources = [...dockerfile.matchAll(/^COPY (?!--from)(.+) \S+$/gm)].flatMap((m) => m[1]!.split(/\s+/));
    expect(sources.length).toBeGreaterThan(0);
    for (const source of sources) expect({ source, exists: existsSync(join(root, source)) }).toEqual({ source, exists: true });
    // npm ci in the image needs every workspace's package.json, and the build every project tsc -b references.
    const workspaces = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { workspaces: string[] }).workspaces;
    for (const workspace of workspaces) expect({ workspace, copied: sources.some((source) => workspace === source || workspace.startsWith(`${source}/`)) }).toEqual({ workspace, copied: true });
  });

  it('starts each service built here from its bundle, made from an entry point that exists in the source tree', () => {
    for (const [name, service] of Object.entries(services).filter(([name, s]) => s.build && s.command && !s.profiles && !oneShot.has(name))) {
      expect({ name, command: service.command }).toEqual({ name, command: ['node', bundledEntry(name as ServiceName)] });
      const source = compiledEntry(name as ServiceName).replace('/dist/main.js', '/src/main.ts');
      expect({ name, source, exists: existsSync(join(root, source)) }).toEqual({ name, source, exists: true });
    }
  });

  it('points the gateway at services that exist, and depends only on defined services', () => {
    const gatewayEnv = services.gateway!.environment!;
    for (const name of SUBGRAPH_NAMES) {
      const { host, port } = servedBy(new URL(gatewayEnv[`${name.toUpperCase()}_URL`]!));
      expect({ name, host, port }).toEqual({ name, host: name, port: services[name]!.environment!.PORT });
    }
    expect(existsSync(join(root, gatewayEnv.SUPERGRAPH_PATH!))).toBe(true);
    // Subgraphs ship live events to the live service, which fetches every delivery through the gateway.
    for (const name of SUBGRAPH_NAMES) expect(new URL(services[name]!.environment!.LIVE_URL!).hostname).toBe('live');
    // The gateway passes the live feeds through on its own port.
    expect({ host: new URL(gatewayEnv.LIVE_URL!).hostname, port: new URL(gatewayEnv.LIVE_URL!).port }).toEqual({ host: 'live', port: services.live!.environment!.PORT });
    expect(servedBy(new URL(services.live!.environment!.GATEWAY_URL!))).toEqual({ host: 'gateway', port: gatewayEnv.PORT });
    for (const service of Object.values(services)) {
      for (const dependency of Object.keys(service.depends_on ?? {})) expect(services[dependency]).toBeDefined();
    }
  });

  it("gives each service its own keys from the set the keys service writes, and no secret in the file", () => {
    const dir = services.keys!.environment!.KEYS_DIR!;
    expect(services.keys!.command).toEqual(['node', 'tools/scripts/dist/keys.js']);
    expect(existsSync(join(root, 'tools/scripts/src/keys.ts'))).toBe(true);
    const volume = services.keys!.volumes![0]!.split(':')[0]!;
    const inSet = (file: string) => join(dir, file);
    const gateway = services.gateway!.environment!;
    expect({ jwks: unsetShellValue(gateway.AUTH_JWKS_PATH), key: gateway.GATEWAY_PRIVATE_KEY_PATH }).toEqual({ jwks: inSet(KEY_FILES.identityProviderJwks), key: inSet(KEY_FILES.gatewayPrivateKey) });
    for (const name of SUBGRAPH_NAMES) {
      const env = services[name]!.environment!;
      expect({ name, gateway: env.GATEWAY_JWKS_PATH }).toEqual({ name, gateway: inSet(KEY_FILES.gatewayJwks) });
      const own = { SERVICE_PRIVATE_KEY_PATH: inSet(KEY_FILES.servicePrivateKey(name)), ...(name === 'access' ? { SERVICE_JWKS_PATH: inSet(KEY_FILES.servicesJwks) } : {}) };
      expect({ name, ...Object.fromEntries(Object.entries(env).filter(([key]) => key.startsWith('SERVICE_'))) }).toEqual({ name, ...own });
    }
    const live = services.live!.environment!;
    expect({ jwks: unsetShellValue(live.AUTH_JWKS_PATH), callers: live.SERVICE_JWKS_PATH }).toEqual({ jwks: inSet(KEY_FILES.identityProviderJwks), callers: inSet(KEY_FILES.servicesJwks) });
    expect(services.live!.volumes).toContain(`${volume}:${dir.split('/').slice(0, -1).join('/')}:ro`);
    for (const name of ['gateway', 'token', ...SUBGRAPH_NAMES]) {
      expect({ name, volumes: services[name]!.volumes }).toEqual({ name, volumes: [`${volume}:${dir.split('/').slice(0, -1).join('/')}:ro`] });
    }
    expect(readFileSync(join(root, 'docker-compose.yml'), 'utf8')).not.toMatch(/SECRET|BEGIN [A-Z ]*PRIVATE KEY|"d":/);
  });

  it('keeps the live events in a JetStream stream on the NATS service, which the live service waits for', () => {
    expect(services.nats!.image).toMatch(/^nats:/);
    expect(services.nats!.command).toContain('-js');
    const url = new URL(services.live!.environment!.NATS_URL!);
    expect({ host: url.hostname, port: url.port }).toEqual({ host: 'nats', port: '4222' });
    expect(services.live!.depends_on!.nats).toEqual({ condition: 'service_healthy' });
    expect(liveConfigFromEnv({ NATS_URL: services.live!.environment!.NATS_URL! }).nats).toMatchObject({ url: 'nats://nats:4222', stream: 'civic-live' });
  });

  it('gives every subgraph a PostgreSQL URL on the compose network', () => {
    for (const name of SUBGRAPH_NAMES) {
      const url = new URL(services[name]!.environment!.DATABASE_URL!);
      expect(url.protocol).toBe('postgres:');
      expect(services[url.hostname]?.image).toMatch(/^postgres:/);
    }
  });

  it('runs two replicas of the gateway and of the population subgraph behind nginx, the gateways counting rate limits together in Redis', () => {
    expect({ gateway: services.gateway!.deploy?.replicas, population: services.population!.deploy?.replicas }).toEqual({ gateway: 2, population: 2 });
    // The balancer is the one way in: replicas publish no port of their own.
    expect({ lb: services.lb!.ports, gateway: services.gateway!.ports, population: services.population!.ports }).toEqual({ lb: ['4000:4000'], gateway: undefined, population: undefined });
    expect(services.lb!.volumes).toEqual(['./deploy/nginx.conf:/etc/nginx/nginx.conf:ro']);
    expect(new URL(services.gateway!.environment!.REDIS_URL!).hostname).toBe('redis');
    // Every caller of a replicated service goes through the balancer, so each request may land on any replica.
    for (const [name, service] of Object.entries(services)) {
      for (const [variable, value] of Object.entries(service.environment ?? {}).filter(([, value]) => /^https?:\/\/(gateway|population):/.test(value))) {
        expect({ name, variable, value }).toEqual({ name, variable, value: 'through lb' });
      }
    }
    // Streams pass through unbuffered.
    expect(nginx).toMatch(/location \/graphql\/stream \{[^}]*proxy_buffering off;/);
  });
});
