import { governanceEnv, type GovernanceEnv } from '@civic/governance';
import { databaseTimeoutsEnv, databaseTimeoutsOf, pgliteEnv, pgliteSettingsOf, type PgliteSettings, gatewayJwksEnv, httpUrlValue, parseEnv, positiveIntValue, requiringKeysInProduction, serviceCallersEnv, serviceConfigOf, serviceEnv, storageEnv, storageOf, type DatabaseTimeouts, type Env, type KeyVariable, type ServiceConfig, type Storage, z } from '@civic/runtime';
import type { OwnerEndpoints } from './ownerRecords.js';

/**
 * Where the owners of records other subgraphs refer to answer (the same variables the gateway reads),
 * and how long a write waits for one. Unset, a write naming such a record is refused, never trusted.
 */
export const ownerEnv = z.object({
  POPULATION_URL: httpUrlValue.optional(),
  BUILDINGS_URL: httpUrlValue.optional(),
  INCIDENTS_URL: httpUrlValue.optional(),
  OWNER_LOOKUP_TIMEOUT_MS: positiveIntValue(2000),
});

/** What a subgraph does besides serving the gateway, which decides the keys it needs. */
export interface SubgraphRoles {
  /** Enforces the policy; with ACCESS_URL it also calls the access service with its own service credential (as every subgraph calls the live service with LIVE_URL). */
  governed: boolean;
  /** Other services call its internal routes (the access service): it needs their public keys. */
  receivesServiceCalls: boolean;
}

/**
 * Where the subgraph ships the thin events of its changes (the live service), and how often. Unset, no
 * event is written: nobody would read them.
 */
export const liveEventsEnv = z.object({
  LIVE_URL: httpUrlValue.optional(),
  // A commit that wrote events ships them at once (forwarder.ts); this period is only the safety net for
  // events a process wrote and did not ship (it died): one indexed SELECT a second.
  LIVE_FORWARD_MS: positiveIntValue(1000),
  // Sweeps find what time alone changes (stock nearing its expiry day): a minute is soon enough for a day-scale threshold.
  LIVE_SWEEP_MS: positiveIntValue(60_000),
});

const DATA_SUBGRAPH: SubgraphRoles = { governed: true, receivesServiceCalls: false };

/** Every subgraph's schema: the service's own variables, its storage, its governance, its keys and the owners of records it refers to. */
export const subgraphEnv = (name: string, defaultPort: number, roles: SubgraphRoles = DATA_SUBGRAPH) =>
  requiringKeysInProduction(
    serviceEnv(defaultPort)
      .extend(storageEnv(name).shape)
      .extend(databaseTimeoutsEnv.shape)
      .extend(pgliteEnv.shape)
      .extend(governanceEnv.shape)
      .extend(gatewayJwksEnv.shape)
      .extend(serviceCallersEnv.shape)
      .extend(ownerEnv.shape)
      // Below the gateway's subgraph fetch timeout (10 s), so a slow subgraph says itself that it timed out.
      .extend({ SUBGRAPH_REQUEST_TIMEOUT_MS: positiveIntValue(9000) })
      // Below the gateway's wait for a subgraph's /readyz (3 s), so a subgraph says itself that its database is down.
      .extend({ READINESS_DATABASE_TIMEOUT_MS: positiveIntValue(2000) })
      .extend(liveEventsEnv.shape),
    (env): KeyVariable[] => [
      'GATEWAY_JWKS_PATH',
      ...((roles.governed && env.ACCESS_URL) || env.LIVE_URL ? (['SERVICE_PRIVATE_KEY_PATH'] as const) : []),
      ...(roles.receivesServiceCalls ? (['SERVICE_JWKS_PATH'] as const) : []),
    ],
  );

export interface SubgraphConfig extends ServiceConfig {
  storage: Storage;
  databaseTimeouts: DatabaseTimeouts;
  /** Used when `storage` is PGlite. */
  pglite: PgliteSettings;
  /** The deadline of each GraphQL request this subgraph serves. */
  requestTimeoutMs: number;
  /** How long /readyz waits for the database to answer before it reports it down. */
  readinessDatabaseTimeoutMs: number;
  governance: GovernanceEnv;
  gatewayJwksPath: string | undefined;
  serviceJwksPath: string | undefined;
  owners: OwnerEndpoints;
  /** LIVE_URL, LIVE_FORWARD_MS and LIVE_SWEEP_MS: where and how often live events are shipped, how often sweeps run; undefined, none are written. */
  liveEvents: { url: string; forwardMs: number; sweepMs: number } | undefined;
}

/** Reads and validates a subgraph's configuration (from `env`, or the process environment). */
export function subgraphConfigFromEnv(name: string, defaultPort: number, env?: Env, roles: SubgraphRoles = DATA_SUBGRAPH): SubgraphConfig {
  const parsed = parseEnv(subgraphEnv(name, defaultPort, roles), env);
  return {
    ...serviceConfigOf(parsed),
    storage: storageOf(parsed, name),
    databaseTimeouts: databaseTimeoutsOf(parsed),
    pglite: pgliteSettingsOf(parsed),
    requestTimeoutMs: parsed.SUBGRAPH_REQUEST_TIMEOUT_MS,
    readinessDatabaseTimeoutMs: parsed.READINESS_DATABASE_TIMEOUT_MS,
    governance: parsed,
    gatewayJwksPath: parsed.GATEWAY_JWKS_PATH,
    serviceJwksPath: parsed.SERVICE_JWKS_PATH,
    owners: {
      urls: { population: parsed.POPULATION_URL, buildings: parsed.BUILDINGS_URL, incidents: parsed.INCIDENTS_URL },
      timeoutMs: parsed.OWNER_LOOKUP_TIMEOUT_MS,
    },
    liveEvents: parsed.LIVE_URL ? { url: parsed.LIVE_URL, forwardMs: parsed.LIVE_FORWARD_MS, sweepMs: parsed.LIVE_SWEEP_MS } : undefined,
  };
}
