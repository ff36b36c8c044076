import { resolve } from 'node:path';
import { ConfigError, DEVELOPMENT_JWT_SECRET, storageFromEnv, type Env } from '@civic/runtime';
import { subgraphConfigFromEnv } from '@civic/subgraph-kit';
import { gatewayConfigFromEnv } from '@civic/gateway';

const OWN_SECRET = 'a-production-secret-of-at-least-32-characters';

/** The variables a configuration error names, in order, or [] when the environment is accepted. */
function problemsOf(read: () => unknown): string[] {
  try {
    read();
    return [];
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.problems.map((problem) => problem.variable);
  }
}

function configErrorOf(read: () => unknown): ConfigError {
  try {
    read();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('the configuration was accepted');
}

const population = (env: Env) => subgraphConfigFromEnv('population', 4001, env);
const gateway = (env: Env) => gatewayConfigFromEnv(env);

describe('service configuration', () => {
  it('runs with no configuration at all in development: default port, host, level, development secret, embedded storage', () => {
    expect(population({})).toMatchObject({
      port: 4001,
      host: '127.0.0.1',
      logLevel: 'info',
      jwtSecret: DEVELOPMENT_JWT_SECRET,
      storage: { kind: 'pglite', dataDir: resolve('.data', 'population') },
      governance: { AUDIT: 'on', POLICY_POLL_MS: 1000, AUDIT_FORWARD_MS: 1000, POLICY_PATH: resolve('schema/policy.yaml') },
    });
    expect(gateway({})).toMatchObject({ port: 4000, workers: 1, subgraphConnections: 64, queryPlanCacheMiB: 30, jwtSecret: DEVELOPMENT_JWT_SECRET });
  });

  it('treats an empty variable as unset', () => {
    expect(population({ PORT: '', LOG_LEVEL: '', AUDIT: '' })).toMatchObject({ port: 4001, logLevel: 'info', governance: { AUDIT: 'on' } });
  });

  it('reads typed values', () => {
    const config = population({ PORT: '5001', HOST: '0.0.0.0', LOG_LEVEL: 'debug', AUDIT: 'off', POLICY_POLL_MS: '250', ACCESS_URL: 'http://access:4005' });
    expect(config).toMatchObject({ port: 5001, host: '0.0.0.0', logLevel: 'debug', governance: { AUDIT: 'off', POLICY_POLL_MS: 250, ACCESS_URL: 'http://access:4005' } });
  });

  it.each(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])('accepts the pino level %s', (level) => {
    expect(problemsOf(() => population({ LOG_LEVEL: level }))).toEqual([]);
  });

  it('reports every problem at once, each by its variable', () => {
    const env = { LOG_LEVEL: 'chatty', AUDIT: 'maybe', NODE_ENV: 'staging', PORT: '70000', POLICY_POLL_MS: '0', AUDIT_FORWARD_MS: '1.5', ACCESS_URL: 'access:4005' };
    expect(problemsOf(() => population(env)).sort()).toEqual(['ACCESS_URL', 'AUDIT', 'AUDIT_FORWARD_MS', 'LOG_LEVEL', 'NODE_ENV', 'POLICY_POLL_MS', 'PORT']);
  });

  it('says what a variable holds and what it should hold', () => {
    const { message } = configErrorOf(() => population({ LOG_LEVEL: 'chatty', AUDIT: 'maybe' }));
    expect(message.split('\n').sort()).toEqual([
      'AUDIT is "maybe"; it should be one of on, off',
      'LOG_LEVEL is "chatty"; it should be one of fatal, error, warn, info, debug, trace, silent',
    ]);
  });

  it('refuses a port out of range, a non-numeric port and a non-positive interval', () => {
    expect(problemsOf(() => gateway({ PORT: '65536' }))).toEqual(['PORT']);
    expect(problemsOf(() => gateway({ PORT: 'http' }))).toEqual(['PORT']);
    expect(problemsOf(() => gateway({ PORT: '-1' }))).toEqual(['PORT']);
    expect(problemsOf(() => gateway({ GATEWAY_WORKERS: '0' }))).toEqual(['GATEWAY_WORKERS']);
    expect(gateway({ PORT: '0' }).port).toBe(0);
  });
});

describe('the JWT secret', () => {
  it('refuses production without JWT_SECRET, saying how to set one', () => {
    const error = configErrorOf(() => population({ NODE_ENV: 'production' }));
    expect(error.problems.map((p) => p.variable)).toEqual(['JWT_SECRET']);
    expect(error.message).toMatch(/^JWT_SECRET is not set; .*NODE_ENV=production.*openssl rand/);
  });

  it('refuses the development secret in production, for subgraphs and the gateway', () => {
    expect(problemsOf(() => population({ NODE_ENV: 'production', JWT_SECRET: DEVELOPMENT_JWT_SECRET }))).toEqual(['JWT_SECRET']);
    expect(problemsOf(() => gateway({ NODE_ENV: 'production', JWT_SECRET: DEVELOPMENT_JWT_SECRET }))).toEqual(['JWT_SECRET']);
  });

  it('reports the production secret together with the other problems', () => {
    expect(problemsOf(() => gateway({ NODE_ENV: 'production', LOG_LEVEL: 'chatty' })).sort()).toEqual(['JWT_SECRET', 'LOG_LEVEL']);
  });

  it('accepts a secret of its own in production', () => {
    expect(gateway({ NODE_ENV: 'production', JWT_SECRET: OWN_SECRET }).jwtSecret).toBe(OWN_SECRET);
  });

  it('refuses a short secret without printing it', () => {
    const error = configErrorOf(() => gateway({ JWT_SECRET: 'hunter2' }));
    expect(error.problems.map((p) => p.variable)).toEqual(['JWT_SECRET']);
    expect(error.message).not.toContain('hunter2');
  });
});

describe('storage', () => {
  it("takes the DATABASE_URL's database name as the prefix of each service's database", () => {
    expect(storageFromEnv({ DATABASE_URL: 'postgres://db:5432/city' }, 'population')).toEqual({ kind: 'postgresql', url: 'postgres://db:5432/city_population' });
  });

  it('prefers the service’s own database URL', () => {
    const env = { DATABASE_URL: 'postgres://db:5432/city', POPULATION_DATABASE_URL: 'postgres://other:5432/people' };
    expect(storageFromEnv(env, 'population')).toEqual({ kind: 'postgresql', url: 'postgres://other:5432/people' });
  });

  it('refuses a database URL that is not postgres://, naming the variable', () => {
    expect(problemsOf(() => population({ POPULATION_DATABASE_URL: 'mysql://db/people', DATABASE_URL: 'not a url' })).sort()).toEqual(['DATABASE_URL', 'POPULATION_DATABASE_URL']);
  });
});

describe('gateway subgraph URLs', () => {
  it('replaces a composed subgraph URL with <NAME>_URL and refuses one that is not http', () => {
    expect(gateway({ ACCESS_URL: 'http://access:4005/graphql' }).subgraphUrls).toEqual({ access: 'http://access:4005/graphql' });
    expect(problemsOf(() => gateway({ BUILDINGS_URL: 'buildings:4002' }))).toEqual(['BUILDINGS_URL']);
  });
});
