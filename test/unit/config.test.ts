import { resolve } from 'node:path';
import { ConfigError, storageFromEnv, type Env } from '@civic/runtime';
import { subgraphConfigFromEnv } from '@civic/subgraph-kit';
import { gatewayConfigFromEnv } from '@civic/gateway';


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
const accessService = (env: Env) => subgraphConfigFromEnv('access', 4005, env, { governed: false, receivesServiceCalls: true });

describe('service configuration', () => {
  it('runs with no configuration at all in development: default port, host, level, development keys, embedded storage', () => {
    expect(population({})).toMatchObject({
      port: 4001,
      host: '127.0.0.1',
      logLevel: 'info',
      developmentKeysDir: resolve('.data', 'keys'),
      gatewayJwksPath: undefined,
      storage: { kind: 'pglite', dataDir: resolve('.data', 'population') },
      governance: { AUDIT: 'on', POLICY_POLL_MS: 1000, POLICY_POLL_TIMEOUT_MS: 2000, POLICY_POLL_MAX_BACKOFF_MS: 30_000, AUDIT_FORWARD_MS: 1000, POLICY_PATH: resolve('schema/policy.yaml') },
    });
    expect(gateway({})).toMatchObject({
      port: 4000,
      workers: 1,
      subgraphConnections: 64,
      queryPlanCacheMiB: 30,
      policyPoll: { timing: { intervalMs: 1000, maxBackoffMs: 30_000 }, timeoutMs: 2000 },
      developmentKeysDir: resolve('.data', 'keys'),
      userTokens: { issuer: 'civic-graph', audience: 'civic-graph', maxLifetimeSeconds: 12 * 3600 },
      gatewayPrivateKeyPath: undefined,
    });
  });

  it('sizes PGlite for a quick start: a 32 MB buffer pool, 64 MB of WAL at most, a checkpoint every 30 s; refuses a WAL bound below two segments', () => {
    expect(population({}).pglite).toEqual({ sharedBuffersMb: 32, maxWalMb: 64, checkpointMs: 30_000 });
    expect(population({ PGLITE_SHARED_BUFFERS_MB: '128', PGLITE_MAX_WAL_MB: '1024', PGLITE_CHECKPOINT_MS: '5000' }).pglite).toEqual({ sharedBuffersMb: 128, maxWalMb: 1024, checkpointMs: 5000 });
    expect(problemsOf(() => population({ PGLITE_SHARED_BUFFERS_MB: '0', PGLITE_MAX_WAL_MB: '16', PGLITE_CHECKPOINT_MS: '1.5' }))).toEqual(['PGLITE_SHARED_BUFFERS_MB', 'PGLITE_MAX_WAL_MB', 'PGLITE_CHECKPOINT_MS']);
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

describe('keys', () => {
  const PRODUCTION_GATEWAY = { NODE_ENV: 'production', AUTH_JWKS_URL: 'https://idp.city.example/jwks.json', GATEWAY_PRIVATE_KEY_PATH: '/keys/gateway.private.jwk.json', SERVICE_PRIVATE_KEY_PATH: '/keys/services/gateway.private.jwk.json' };

  it('refuses production without keys, one line per missing variable, saying development keys are not made there', () => {
    const error = configErrorOf(() => gateway({ NODE_ENV: 'production' }));
    expect(error.problems.map((p) => p.variable).sort()).toEqual(['AUTH_JWKS_URL', 'GATEWAY_PRIVATE_KEY_PATH', 'SERVICE_PRIVATE_KEY_PATH']);
    expect(error.message.split('\n')).toHaveLength(3);
    expect(error.message).toMatch(/^AUTH_JWKS_URL is not set; it should be the identity provider's JWKS URL \(or AUTH_JWKS_PATH, a JWKS file\): NODE_ENV=production generates no development keys$/m);
  });

  it('asks each subgraph in production for the keys of what it does', () => {
    expect(problemsOf(() => population({ NODE_ENV: 'production' }))).toEqual(['GATEWAY_JWKS_PATH']);
    expect(problemsOf(() => population({ NODE_ENV: 'production', ACCESS_URL: 'http://access:4005/graphql' })).sort()).toEqual(['GATEWAY_JWKS_PATH', 'SERVICE_PRIVATE_KEY_PATH']);
    // The access service calls no one (an ACCESS_URL given to every container is ignored there) but verifies its callers.
    expect(problemsOf(() => accessService({ NODE_ENV: 'production', ACCESS_URL: 'http://access:4005/graphql' })).sort()).toEqual(['GATEWAY_JWKS_PATH', 'SERVICE_JWKS_PATH']);
  });

  it('reports missing keys together with the other problems', () => {
    expect(problemsOf(() => gateway({ NODE_ENV: 'production', LOG_LEVEL: 'chatty' })).sort()).toEqual(['AUTH_JWKS_URL', 'GATEWAY_PRIVATE_KEY_PATH', 'LOG_LEVEL', 'SERVICE_PRIVATE_KEY_PATH']);
  });

  it('accepts production with every key configured, and never falls back to development keys there', () => {
    expect(gateway(PRODUCTION_GATEWAY)).toMatchObject({ developmentKeysDir: undefined, userTokens: { jwksUrl: 'https://idp.city.example/jwks.json' }, gatewayPrivateKeyPath: '/keys/gateway.private.jwk.json' });
    expect(gateway({ ...PRODUCTION_GATEWAY, AUTH_JWKS_URL: '', AUTH_JWKS_PATH: '/keys/idp.jwks.json' }).userTokens).toMatchObject({ jwksPath: '/keys/idp.jwks.json' });
    expect(problemsOf(() => population({ NODE_ENV: 'production', GATEWAY_JWKS_PATH: '/keys/gateway.jwks.json' }))).toEqual([]);
  });

  it('takes the identity provider\'s keys from one place only', () => {
    expect(problemsOf(() => gateway({ AUTH_JWKS_URL: 'https://idp.city.example/jwks.json', AUTH_JWKS_PATH: '/keys/idp.jwks.json' }))).toEqual(['AUTH_JWKS_PATH']);
    expect(problemsOf(() => gateway({ AUTH_JWKS_URL: 'idp.city.example' }))).toEqual(['AUTH_JWKS_URL']);
  });

  it('reads the token lifetime cap as a duration, and KEYS_DIR as a path', () => {
    expect(gateway({ TOKEN_MAX_LIFETIME: '30m' }).userTokens.maxLifetimeSeconds).toBe(1800);
    expect(gateway({ TOKEN_MAX_LIFETIME: '1d' }).userTokens.maxLifetimeSeconds).toBe(86400);
    expect(problemsOf(() => gateway({ TOKEN_MAX_LIFETIME: 'forever' }))).toEqual(['TOKEN_MAX_LIFETIME']);
    expect(problemsOf(() => gateway({ TOKEN_MAX_LIFETIME: '0h' }))).toEqual(['TOKEN_MAX_LIFETIME']);
    expect(gateway({ KEYS_DIR: '/srv/keys' }).developmentKeysDir).toBe('/srv/keys');
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
