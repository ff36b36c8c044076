/**
 * Grafbase (a Rust federation gateway) as an anchor: the static binary of the pinned `grafbase` CLI
 * (tools/bench/anchors), run as `grafbase dev`, which serves a federated graph composed from local
 * SDL files (see grafbaseConfig.ts). Nothing is downloaded and no account is used: `--home` points
 * at an empty directory of the run, so no stored credentials are read either.
 *
 * Identity: our subgraphs accept only tokens the gateway issued (issuer civic-gateway, audience
 * civic-subgraph, signed with the gateway's key). Grafbase cannot sign tokens, so it gets the
 * identity work that it can do:
 *
 * - the benchmark client sends Grafbase a gateway-issued token (the token the 'direct' target sends
 *   the subgraph), not a user's token;
 * - Grafbase verifies it as a JWT (ES256 signature against the gateway's public JWKS, which this
 *   module serves on 127.0.0.1, issuer, audience, expiry) and refuses a request without a valid one (401);
 * - a header rule forwards the same `authorization` header, unchanged, to every subgraph request,
 *   where the subgraph verifies it again, as it does behind our gateway.
 *
 * Ours does more per request: it verifies the user's token (the identity provider's key, issuer and
 * audience civic-graph, a capped lifetime), builds the identity (with the x-access-purpose header) and
 * signs a fresh one-minute ES256 token for the subgraphs: one signature more per request than
 * Grafbase's one verification. Like Hive Gateway, Grafbase also enforces no policy, keeps no audit trail
 * and applies no rate limits at the gateway: the subgraphs' own masking is all the same on both sides.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SUBGRAPH_NAMES, type Platform } from '@civic/launcher';
import { KEY_FILES, readSigningKey, signGatewayToken } from '@civic/runtime';
import { TEST_KEYS_DIR } from '@civic/testkit';
import { grafbaseBinary, installAnchors } from './anchors.js';
import { startChild, type RunningChild } from './childService.js';
import { grafbaseGatewayToml, grafbaseOverridesToml } from './grafbaseConfig.js';

export interface RunningGrafbase {
  url: string;
  pid: number;
  stop: () => Promise<void>;
}

/** The issuer and audience of the gateway's tokens for subgraphs (packages/runtime identity.ts). */
const GATEWAY_TOKEN = { issuer: 'civic-gateway', audience: 'civic-subgraph' };

/** The gateway's public keys (never the private one), over HTTP on 127.0.0.1: what Grafbase's JWT provider fetches. */
async function serveJwks(keysDir: string): Promise<{ url: string; close: () => Promise<void> }> {
  const jwks = readFileSync(join(keysDir, KEY_FILES.gatewayJwks), 'utf8');
  const server: Server = createServer((request, response) => {
    if (request.url !== '/jwks.json') {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json' }).end(jwks);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/jwks.json`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        // A kept-alive connection of Grafbase's key fetcher would hold close() open.
        server.closeAllConnections();
      }),
  };
}

/**
 * Ready when a query with a valid gateway-issued token is answered: the graph is composed, the
 * JWKS fetched and the token accepted. A 401 until the deadline means the JWT set-up is wrong.
 */
function answersWithToken(token: string) {
  return async (base: string): Promise<true | string> => {
    const response = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ __typename }' }),
      signal: AbortSignal.timeout(2000),
    });
    const text = await response.text();
    return (response.ok && text.includes('"__typename":"Query"')) || `${response.status} ${text.slice(0, 300)}`;
  };
}

export interface GrafbaseOptions {
  /** The platform's KEYS_DIR: the gateway key whose tokens Grafbase accepts and forwards (default the test kit's). */
  keysDir?: string;
  /**
   * Worker threads of Grafbase's async runtime (TOKIO_WORKER_THREADS), the counterpart of our
   * GATEWAY_WORKERS (--workers); by default one per core. Its other threads (blocking pool, file
   * watcher) stay, as our gateway's V8 and libuv threads do.
   */
  workerThreads?: number;
}

/** Starts `grafbase dev` on a free port in front of the platform's subgraphs. */
export async function startGrafbase(root: string, platform: Platform, options: GrafbaseOptions = {}): Promise<RunningGrafbase> {
  const keysDir = options.keysDir ?? TEST_KEYS_DIR;
  // Only the installed binary: nothing of the anchors' own TypeScript (Hive's server) is needed here.
  installAnchors(root);
  const binary = grafbaseBinary(root);
  const dir = mkdtempSync(join(tmpdir(), 'civic-bench-grafbase-'));
  const home = join(dir, 'home');
  mkdirSync(home);
  const jwks = await serveJwks(keysDir);
  writeFileSync(join(dir, 'gateway.toml'), grafbaseGatewayToml({ jwksUrl: jwks.url, ...GATEWAY_TOKEN }));
  writeFileSync(
    join(dir, 'overrides.toml'),
    grafbaseOverridesToml(SUBGRAPH_NAMES.map((name) => ({ name, url: platform.subgraphs[name].url, schemaPath: join(root, 'schema/subgraphs', `${name}.graphql`) }))),
  );
  const readinessToken = await signGatewayToken(await readSigningKey(join(keysDir, KEY_FILES.gatewayPrivateKey), 'KEYS_DIR'), {
    subject: 'bench-grafbase-readiness',
    department: 'emergency',
    roles: ['duty'],
  });
  const cleanUp = async () => {
    await jwks.close();
    rmSync(dir, { recursive: true, force: true });
  };
  let child: RunningChild;
  try {
    child = await startChild('grafbase dev', binary, {
      args: (port) => ['--home', home, 'dev', '--gateway-config', join(dir, 'gateway.toml'), '--graph-overrides', join(dir, 'overrides.toml'), '--port', String(port)],
      cwd: dir,
      env: { NO_COLOR: '1', ...(options.workerThreads ? { TOKIO_WORKER_THREADS: String(options.workerThreads) } : {}) },
      readiness: answersWithToken(readinessToken),
    });
  } catch (error) {
    await cleanUp();
    throw error;
  }
  const stop = async () => {
    await child.stop();
    await cleanUp();
  };
  const url = `${child.base}/graphql`;
  // The identity check is on: without a token Grafbase itself refuses, before any subgraph is asked.
  const anonymous = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) });
  if (anonymous.status !== 401) {
    await stop();
    throw new Error(`grafbase dev answered a request without a token with ${anonymous.status}, not 401: its JWT authentication is off`);
  }
  return { url, pid: child.pid, stop };
}
