import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { ensureDevelopmentKeys, KEY_FILES, loadDevelopmentIdentityProvider, readSigningKey, signGatewayToken, signToken, type Department, type Role, type SigningKey } from '@civic/runtime';
import { launchPlatform, SUBGRAPH_NAMES, type Platform, type SubgraphName } from '@civic/launcher';

/**
 * The test harness: a real platform (gateway and four subgraphs, each its own process on a free port)
 * on a fresh embedded PGlite directory or on fresh databases of the PostgreSQL server, removed afterwards.
 */
export type Backend = 'pglite' | 'postgresql';

export const POSTGRES_ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** PGlite always; PostgreSQL too when the server answers (CI has one at 127.0.0.1:5432). */
export async function availableBackends(): Promise<Backend[]> {
  return (await postgresReachable()) ? ['pglite', 'postgresql'] : ['pglite'];
}

/**
 * The development key set every test platform and in-process subgraph uses (KEYS_DIR), so that the
 * tokens below verify there: the repository's .data/test-keys, apart from the developer's .data/keys.
 */
export const TEST_KEYS_DIR = resolve(fileURLToPath(import.meta.url), '../../../../.data/test-keys');

/** The test identity provider's private key: signs users' tokens, as the city's identity provider would. */
export function testIdentityProvider(): Promise<SigningKey> {
  return loadDevelopmentIdentityProvider(TEST_KEYS_DIR);
}

/** The test platforms' gateway key: signs the identities the gateway forwards to subgraphs. */
export async function testGatewayKey(): Promise<SigningKey> {
  await ensureDevelopmentKeys(TEST_KEYS_DIR);
  return readSigningKey(join(TEST_KEYS_DIR, KEY_FILES.gatewayPrivateKey), 'KEYS_DIR');
}

export interface TestPlatform extends Platform {
  backend: Backend;
  /** On PostgreSQL, each subgraph's database name (for tests that act on a database behind a service's back). */
  databases: Partial<Record<SubgraphName, string>>;
  /** Stops every process and deletes the data the platform wrote. */
  dispose: () => Promise<void>;
}

export function databaseUrl(name: string): string {
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropDatabases(names: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await client.connect();
  try {
    for (const name of names) await client.query(`drop database if exists "${name}" with (force)`);
  } finally {
    await client.end();
  }
}

export interface TestPlatformOptions {
  backend: Backend;
  root: string;
  residents?: number;
  env?: Record<string, string>;
}

export async function startTestPlatform(options: TestPlatformOptions): Promise<TestPlatform> {
  const runId = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const env: Record<string, string> = {
    LOG_LEVEL: 'warn',
    DATABASE_URL: '',
    KEYS_DIR: TEST_KEYS_DIR,
    ...options.env,
  };
  const serviceEnv: Record<string, Record<string, string>> = {};
  let dataDir: string | undefined;
  const databases: string[] = [];
  const databaseOf: Partial<Record<SubgraphName, string>> = {};
  // The live service keeps its event log in files under DATA_DIR, whatever the subgraphs' backend.
  dataDir = mkdtempSync(join(tmpdir(), 'civic-test-'));
  if (options.backend === 'pglite') {
    env.DATA_DIR = dataDir;
  } else {
    serviceEnv.live = { DATA_DIR: dataDir };
    for (const name of SUBGRAPH_NAMES) {
      const database = `civic_test_${runId}_${name}`;
      databases.push(database);
      databaseOf[name] = database;
      serviceEnv[name] = { [`${name.toUpperCase()}_DATABASE_URL`]: databaseUrl(database) };
    }
  }
  const cleanup = async () => {
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    if (databases.length) await dropDatabases(databases);
  };
  let platform: Platform;
  try {
    platform = await launchPlatform({ root: options.root, env, serviceEnv, freePorts: true, seedResidents: options.residents ?? 4000 });
  } catch (error) {
    await cleanup();
    throw error;
  }
  // Extended in place, not spread: `gateway` is a getter that follows restarts.
  return Object.assign(platform, {
    backend: options.backend,
    databases: databaseOf,
    dispose: async () => {
      await platform.stop();
      await cleanup();
    },
  });
}

export interface TokenOptions {
  role?: Role;
  jurisdiction?: string;
  subject?: string;
  expiresIn?: string;
  /** Another key than the test platforms' own (which a platform must then refuse). */
  signer?: SigningKey;
}

export async function tokenFor(department: Department, options: TokenOptions = {}): Promise<string> {
  return signToken(options.signer ?? (await testIdentityProvider()), {
    subject: options.subject ?? `${department}-tester`,
    department,
    roles: [options.role ?? 'officer'],
    ...(options.jurisdiction ? { jurisdiction: options.jurisdiction } : {}),
    ...(options.expiresIn ? { expiresIn: options.expiresIn } : {}),
  });
}

/** A token as the gateway issues it for subgraphs: for tests that call a subgraph directly. */
export async function gatewayIssuedTokenFor(department: Department, options: TokenOptions & { purpose?: string } = {}): Promise<string> {
  return signGatewayToken(options.signer ?? (await testGatewayKey()), {
    subject: options.subject ?? `${department}-tester`,
    department,
    roles: [options.role ?? 'officer'],
    ...(options.jurisdiction ? { jurisdiction: options.jurisdiction } : {}),
    ...(options.purpose ? { purpose: options.purpose } : {}),
  }, options.expiresIn);
}

export interface GraphqlResponse<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

export async function graphql<T = Record<string, any>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: { token?: string; purpose?: string } = {},
): Promise<GraphqlResponse<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(headers.token ? { authorization: `Bearer ${headers.token}` } : {}),
      ...(headers.purpose ? { 'x-access-purpose': headers.purpose } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as Omit<GraphqlResponse<T>, 'status'>;
  return { status: response.status, ...body };
}

/** The subgraph's running count of SQL statements, from its /metrics endpoint. */
export async function sqlStatementCount(subgraphUrl: string): Promise<number> {
  const text = await (await fetch(new URL('/metrics', subgraphUrl))).text();
  const match = /^civic_sql_statements_total (\d+)$/m.exec(text);
  if (!match) throw new Error(`no civic_sql_statements_total in ${subgraphUrl} /metrics`);
  return Number(match[1]);
}
