import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startSubgraph, type SubgraphDefinition } from '@civic/subgraph-kit';
import { TEST_KEYS_DIR } from './testing.js';

/**
 * One subgraph in the test's own process, on a fresh PGlite directory and a port the system picks,
 * enforcing the policy file directly (no access service): for tests that need a real subgraph and a
 * real database but not the whole platform. Call the returned url with gatewayIssuedTokenFor tokens.
 */
export interface InProcessSubgraph {
  url: string;
  /** Runs SQL on the subgraph's own database, for assertions on what it stored. */
  sql: <Row extends object = Record<string, unknown>>(query: string) => Promise<Row[]>;
  /** Stops the subgraph and deletes its database. */
  stop: () => Promise<void>;
}

export interface InProcessOptions {
  /** The repository root, where schema/ lives; default the working directory. */
  root?: string;
  /** Extra environment for the subgraph (it never sees process.env). */
  env?: Record<string, string>;
}

export async function startSubgraphInProcess(definition: SubgraphDefinition, options: InProcessOptions = {}): Promise<InProcessSubgraph> {
  const root = options.root ?? process.cwd();
  const dataDir = mkdtempSync(join(tmpdir(), `civic-${definition.name}-`));
  const env: Record<string, string> = {
    HOST: '127.0.0.1',
    PORT: '0',
    DATA_DIR: dataDir,
    POLICY_PATH: resolve(root, 'schema/policy.yaml'),
    SUPERGRAPH_PATH: resolve(root, 'schema/supergraph.graphql'),
    LOG_LEVEL: 'warn',
    KEYS_DIR: TEST_KEYS_DIR,
    ...options.env,
  };
  let running: Awaited<ReturnType<typeof startSubgraph>>;
  try {
    running = await startSubgraph(definition, env);
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  return {
    url: running.url,
    sql: (query) => running.orm.em.fork().getConnection().execute(query),
    stop: async () => {
      try {
        await running.stop();
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
}
