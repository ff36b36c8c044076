/**
 * `@graphql-hive/gateway` serving the same supergraph and subgraphs as our gateway, for the side-by-side
 * figures: `node scripts/dist/bench/hiveGateway.js` with PORT, GATEWAY_WORKERS, KEYS_DIR (the development
 * key set: the identity provider's public key, the gateway's private key) and HIVE_SUPERGRAPH_PATH (a supergraph whose subgraph URLs point at the running subgraphs). It does the
 * same identity work ours does: verifies the user's JWT, then re-signs the identity once per request
 * for the subgraphs, which accept only gateway-issued tokens. HIVE_MODE=tuned (the default) turns on what
 * Hive's authors use in their own benchmark: the JIT and the Rust query planner.
 */
import cluster from 'node:cluster';
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import { unifiedGraphHandler } from '@graphql-hive/router-runtime';
import { createGatewayRuntime, createInlineSigningKeyProvider, extractFromHeader, useJWT, type GatewayPlugin, type JWTAuthContextExtension } from '@graphql-hive/gateway';
import { join } from 'node:path';
import { exportSPKI, importJWK, type CryptoKey, type JSONWebKeySet } from 'jose';
import { configOrExit, KEY_FILES, oneOf, keysDirEnv, loadGatewaySigningKey, parseEnv, portValue, positiveIntValue, z, signGatewayToken, type Identity } from '@civic/runtime';

const config = configOrExit('hive-gateway', () =>
  parseEnv(
    keysDirEnv.extend({
      PORT: portValue(4100),
      GATEWAY_WORKERS: positiveIntValue(1),
      HIVE_SUPERGRAPH_PATH: z.string({ error: 'the path of the supergraph file to serve' }),
      // "tuned": Hive Gateway as its authors tune it for speed (graphql-jit execution and the Rust query
      // planner of @graphql-hive/router-runtime); "defaults": as it comes.
      HIVE_MODE: oneOf(['tuned', 'defaults'] as const).default('tuned'),
    }),
  ),
);
const { PORT: port, GATEWAY_WORKERS: workers } = config;
const gatewayKey = await loadGatewaySigningKey(undefined, config.KEYS_DIR);
/** Hive's JWT plugin takes a PEM public key: the development identity provider's, from its JWKS. */
const identityProviderJwk = (JSON.parse(readFileSync(join(config.KEYS_DIR, KEY_FILES.identityProviderJwks), 'utf8')) as JSONWebKeySet).keys[0]!;
const identityProviderPem = await exportSPKI((await importJWK(identityProviderJwk, identityProviderJwk.alg)) as CryptoKey);
const supergraph = parse(readFileSync(config.HIVE_SUPERGRAPH_PATH, 'utf8'));

/** The verified user claims as the identity our gateway forwards (the purpose header is not part of the benchmark). */
function identityOf(claims: Record<string, unknown>): Identity {
  return {
    subject: String(claims.sub),
    department: claims.department as Identity['department'],
    roles: claims.roles as Identity['roles'],
    ...(typeof claims.jurisdiction === 'string' ? { jurisdiction: claims.jurisdiction } : {}),
  };
}

/** The algorithm names Hive's JWT plugin accepts (jsonwebtoken's list, narrower than jose's). */
type JwtAlgorithm = NonNullable<NonNullable<Parameters<typeof useJWT>[0]['tokenVerification']>['algorithms']>[number];

// The plugin's typings see Hive's logger through its CommonJS declarations, the runtime's through ESM ones; the objects are the same.
const verifyUserTokens = useJWT({
  signingKeyProviders: [createInlineSigningKeyProvider(identityProviderPem)],
  tokenLookupLocations: [extractFromHeader({ name: 'authorization', prefix: 'Bearer' })],
  tokenVerification: { issuer: 'civic-graph', audience: 'civic-graph', algorithms: [identityProviderJwk.alg as JwtAlgorithm] },
  reject: { missingToken: true, invalidToken: true },
}) as unknown as GatewayPlugin<JWTAuthContextExtension>;

function serve(): void {
  // Hive asks for headers once per subgraph call; sign once per client request, as our gateway does.
  const signed = new WeakMap<object, Promise<string>>();
  const runtime = createGatewayRuntime<JWTAuthContextExtension>({
    supergraph,
    logging: 'error',
    landingPage: false,
    ...(config.HIVE_MODE === 'tuned' ? { jit: true, unifiedGraphHandler } : {}),
    plugins: () => [verifyUserTokens],
    // Hive merges identical subgraph calls in flight; Apollo Gateway has no such feature, and under a
    // benchmark's identical requests it would hide most subgraph work. Off, so both gateways do the same work.
    transportEntries: { '*.http': { options: { deduplicateInflightRequests: false } } },
    propagateHeaders: {
      fromClientToSubgraphs: async ({ context }) => {
        const payload = context.jwt?.payload;
        if (!payload || typeof payload === 'string') return {};
        let token = signed.get(context);
        if (!token) {
          token = signGatewayToken(gatewayKey, identityOf(payload as Record<string, unknown>));
          signed.set(context, token);
        }
        return { authorization: `Bearer ${await token}` };
      },
    },
  });
  createServer(runtime).listen(port, '127.0.0.1');
  process.once('SIGTERM', () => process.exit(0));
}

if (workers > 1 && cluster.isPrimary) {
  for (let i = 0; i < workers; i++) cluster.fork();
  process.once('SIGTERM', () => {
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
    process.exit(0);
  });
} else {
  serve();
}
