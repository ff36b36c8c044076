import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { SUBGRAPH_NAMES } from '@civic/launcher';

/** No Docker engine runs here, so the compose file is checked against the repository instead. */
const root = process.cwd();
const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, { profiles?: string[]; build?: string; command?: string[]; image?: string; environment?: Record<string, string>; depends_on?: Record<string, unknown>; healthcheck?: { test: string[] } }>;
};
const services = compose.services;

describe('docker-compose.yml', () => {
  it('runs PostgreSQL, the gateway and every subgraph, each with a healthcheck, and a seed tool only on request', () => {
    expect(Object.keys(services).sort()).toEqual(['gateway', 'postgres', 'seed', ...SUBGRAPH_NAMES].sort());
    expect(services.seed!.profiles).toEqual(['demo']);
    expect(services.seed!.command).toEqual(['node', 'tools/scripts/dist/seed.js']);
    expect(existsSync(join(root, 'tools/scripts/src/seed.ts'))).toBe(true);
    for (const name of SUBGRAPH_NAMES) expect({ name, seeds: services[name]!.environment!.DEMO_RESIDENTS }).toEqual({ name, seeds: undefined });
    for (const [name, service] of Object.entries(services).filter(([, s]) => !s.profiles)) {
      expect({ name, healthcheck: Array.isArray(service.healthcheck?.test) }).toEqual({ name, healthcheck: true });
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
  });

  it('starts each service from an entry point that exists in the source tree', () => {
    for (const [name, service] of Object.entries(services).filter(([, s]) => s.command && !s.profiles)) {
      const script = service.command!.find((part) => part.endsWith('/dist/main.js'))!;
      const source = script.replace('/dist/main.js', '/src/main.ts');
      expect({ name, source, exists: existsSync(join(root, source)) }).toEqual({ name, source, exists: true });
    }
  });

  it('points the gateway at services that exist, and depends only on defined services', () => {
    const gatewayEnv = services.gateway!.environment!;
    for (const name of SUBGRAPH_NAMES) {
      const url = new URL(gatewayEnv[`${name.toUpperCase()}_URL`]!);
      expect(services[url.hostname]).toBeDefined();
      expect(services[url.hostname]!.environment!.PORT).toBe(url.port);
    }
    expect(existsSync(join(root, gatewayEnv.SUPERGRAPH_PATH!))).toBe(true);
    for (const service of Object.values(services)) {
      for (const dependency of Object.keys(service.depends_on ?? {})) expect(services[dependency]).toBeDefined();
    }
  });

  it('gives every subgraph a PostgreSQL URL on the compose network', () => {
    for (const name of SUBGRAPH_NAMES) {
      const url = new URL(services[name]!.environment!.DATABASE_URL!);
      expect(url.protocol).toBe('postgres:');
      expect(services[url.hostname]?.image).toMatch(/^postgres:/);
    }
  });
});
