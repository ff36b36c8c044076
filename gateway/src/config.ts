import { computedVariable, computedVariables, pathValue, gatewaySigningEnv, serviceCredentialEnv, httpUrlValue, oneOf, parseEnv, positiveIntValue, requiringKeysInProduction, serviceConfigOf, serviceEnv, supergraphEnv, userTokenSettingsOf, userTokensEnv, z, type Env, type ServiceConfig, type UserTokenSettings } from '@civic/runtime';
import { policyPollEnv, policyPollSettingsOf, type PolicyPollSettings } from '@civic/governance/config';
import { limitsConfigOf, limitsEnv, type LimitsConfig } from './limits/settings.js';
import type { ConsoleSettings } from './console/routes.js';
import { trustedRequirementValue, type TrustedRequirement } from './trusted/requirement.js';

/**
 * The subgraphs the gateway federates. Each may be moved (another host, port or compose service name)
 * with `<NAME>_URL`, which replaces the URL composed into the supergraph.
 */
const SUBGRAPHS = ['population', 'buildings', 'incidents', 'resources', 'access'] as const;
const subgraphUrlVariable = (name: string) => `${name.toUpperCase()}_URL`;

/** An origin exactly as a browser sends it: scheme, host and port if not the default; no path, no trailing slash. */
const isOrigin = (text: string) => URL.canParse(text) && /^https?:$/.test(new URL(text).protocol) && new URL(text).origin === text;
/** A comma-separated list of origins (spaces around commas ignored); unset, no origin may call from a browser. */
export const originListValue = z
  .string()
  .transform((text) => text.split(',').map((origin) => origin.trim()).filter(Boolean))
  .pipe(z.array(z.string().refine(isOrigin, { error: 'comma-separated origins such as https://app.city.example or http://10.0.0.5:8080 (scheme, host, port; no path)' })))
  .default([]);

export const gatewayEnv = requiringKeysInProduction(
  serviceEnv(4000)
    .extend(supergraphEnv.shape)
    .extend(userTokensEnv.shape)
    .extend(gatewaySigningEnv.shape)
    .extend(serviceCredentialEnv.shape)
    .extend(limitsEnv.shape)
    .extend(policyPollEnv.shape)
    .extend({
      GATEWAY_WORKERS: positiveIntValue(1),
      GATEWAY_SUBGRAPH_CONNECTIONS: positiveIntValue(64),
      GATEWAY_QUERY_PLAN_CACHE_MIB: positiveIntValue(30),
      GRAPHQL_IDE: oneOf(['on', 'off']).optional(),
      CORS_ORIGINS: originListValue,
      // The live service's base URL: its feeds are passed through at /graphql/stream; unset, that path answers 503 (poll instead).
      LIVE_URL: httpUrlValue.optional(),
      CONSOLE: oneOf(['on', 'off']).default('on'),
      CONSOLE_DIR: pathValue('console/dist'),
      CONSOLE_OIDC_ISSUER: httpUrlValue.optional(),
      CONSOLE_OIDC_CLIENT_ID: z.string().optional(),
      CONSOLE_OIDC_SCOPE: z.string().default('openid profile'),
      GATEWAY_REQUEST_TIMEOUT_MS: positiveIntValue(30_000),
      GATEWAY_SUBGRAPH_TIMEOUT_MS: positiveIntValue(10_000),
      // Above each subgraph's own database check (2 s), so a subgraph can say its database is down before the gateway gives up on it.
      READINESS_SUBGRAPH_TIMEOUT_MS: positiveIntValue(3000),
      // Reviewed operations (GraphQL Code Generator's persisted documents, SHA-256), and who may send only those.
      TRUSTED_OPERATIONS_PATH: z.string().optional(),
      TRUSTED_OPERATIONS_REQUIRED: trustedRequirementValue,
    })
    .extend(computedVariables(SUBGRAPHS.map(subgraphUrlVariable), httpUrlValue.optional())),
  () => ['AUTH_JWKS_URL', 'GATEWAY_PRIVATE_KEY_PATH', 'SERVICE_PRIVATE_KEY_PATH'],
).superRefine((env, ctx) => {
  // The console's OpenID Connect sign-in needs both halves; one alone is a mistake, not a choice.
  if ((env.CONSOLE_OIDC_ISSUER === undefined) !== (env.CONSOLE_OIDC_CLIENT_ID === undefined)) {
    const missing = env.CONSOLE_OIDC_ISSUER === undefined ? 'CONSOLE_OIDC_ISSUER' : 'CONSOLE_OIDC_CLIENT_ID';
    ctx.addIssue({ code: 'custom', path: [missing], message: 'set together with the other CONSOLE_OIDC_ variable (the identity provider and the console\'s client id there)' });
  }
  // Requiring reviewed operations without a manifest would refuse those callers everything.
  if (env.TRUSTED_OPERATIONS_REQUIRED.length > 0 && !env.TRUSTED_OPERATIONS_PATH) {
    ctx.addIssue({ code: 'custom', path: ['TRUSTED_OPERATIONS_PATH'], message: 'set with TRUSTED_OPERATIONS_REQUIRED: the manifest of reviewed operations those callers may send' });
  }
});

export interface GatewayConfig extends ServiceConfig {
  supergraphPath: string;
  /** Subgraph URLs that replace those composed into the supergraph. */
  subgraphUrls: Partial<Record<string, string>>;
  /** Processes serving the same port (node:cluster); one per core is the usual production choice. */
  workers: number;
  /** Kept-alive connections per subgraph and worker: enough for the concurrency a worker sees, so no request waits for a socket. */
  subgraphConnections: number;
  /** Size of each LRU cache of the request path: parsed and validated documents, and query plans. */
  queryPlanCacheMiB: number;
  /** How often and how patiently the purpose catalogue is refreshed from the access service's policy snapshot. */
  policyPoll: PolicyPollSettings;
  /** Serve the GraphQL IDE at /graphiql: by default in development and tests, never in production unless asked for. */
  ide: boolean;
  /** The web console at /console (its build directory and how users sign in); undefined with CONSOLE=off. */
  console: ConsoleSettings | undefined;
  /** Origins whose browser apps may call the gateway (CORS); empty, none. */
  corsOrigins: string[];
  /** The live service's base URL, whose SSE feeds the gateway passes through at /graphql/stream; undefined, none. */
  liveUrl: string | undefined;
  /** Whose users' tokens are accepted (the identity provider's keys), and the gateway's own key for the subgraphs. */
  userTokens: UserTokenSettings;
  gatewayPrivateKeyPath: string | undefined;
  /** The gateway's own credential for the access service (it follows the purpose catalogue there). */
  servicePrivateKeyPath: string | undefined;
  /** Operation and rate limits (limits/settings.ts lists each with its default and reason). */
  limits: LimitsConfig;
  /** The deadline of a whole client request; past it the answer is a 504 and its subgraph calls are aborted. */
  requestTimeoutMs: number;
  /** How long one subgraph call may take before its fields are null with SUBGRAPH_TIMEOUT. */
  subgraphTimeoutMs: number;
  /** How long /readyz waits for a subgraph's /readyz before it reports the subgraph down. */
  readinessSubgraphTimeoutMs: number;
  /** The manifest of reviewed operations (unset: automatic persisted queries as Apollo serves them), and who may send only those. */
  trustedOperations: { manifestPath: string | undefined; required: TrustedRequirement[] };
}

export function gatewayConfigFromEnv(env?: Env): GatewayConfig {
  const parsed = parseEnv(gatewayEnv, env);
  const subgraphUrls: Partial<Record<string, string>> = {};
  for (const name of SUBGRAPHS) {
    const url = computedVariable(parsed, subgraphUrlVariable(name));
    if (url) subgraphUrls[name] = url;
  }
  return {
    ...serviceConfigOf(parsed),
    supergraphPath: parsed.SUPERGRAPH_PATH,
    subgraphUrls,
    workers: parsed.GATEWAY_WORKERS,
    subgraphConnections: parsed.GATEWAY_SUBGRAPH_CONNECTIONS,
    queryPlanCacheMiB: parsed.GATEWAY_QUERY_PLAN_CACHE_MIB,
    policyPoll: policyPollSettingsOf(parsed),
    ide: parsed.GRAPHQL_IDE ? parsed.GRAPHQL_IDE === 'on' : parsed.NODE_ENV !== 'production',
    corsOrigins: parsed.CORS_ORIGINS,
    liveUrl: parsed.LIVE_URL,
    console: parsed.CONSOLE === 'on' ? consoleSettingsOf(parsed) : undefined,
    userTokens: userTokenSettingsOf(parsed),
    gatewayPrivateKeyPath: parsed.GATEWAY_PRIVATE_KEY_PATH,
    servicePrivateKeyPath: parsed.SERVICE_PRIVATE_KEY_PATH,
    limits: limitsConfigOf(parsed),
    requestTimeoutMs: parsed.GATEWAY_REQUEST_TIMEOUT_MS,
    subgraphTimeoutMs: parsed.GATEWAY_SUBGRAPH_TIMEOUT_MS,
    readinessSubgraphTimeoutMs: parsed.READINESS_SUBGRAPH_TIMEOUT_MS,
    trustedOperations: { manifestPath: parsed.TRUSTED_OPERATIONS_PATH, required: parsed.TRUSTED_OPERATIONS_REQUIRED },
  };
}

function consoleSettingsOf(parsed: { CONSOLE_DIR: string; CONSOLE_OIDC_ISSUER?: string | undefined; CONSOLE_OIDC_CLIENT_ID?: string | undefined; CONSOLE_OIDC_SCOPE: string }): ConsoleSettings {
  const { CONSOLE_OIDC_ISSUER: issuer, CONSOLE_OIDC_CLIENT_ID: clientId } = parsed;
  return { dir: parsed.CONSOLE_DIR, oidc: issuer && clientId ? { issuer, clientId, scope: parsed.CONSOLE_OIDC_SCOPE } : undefined };
}
