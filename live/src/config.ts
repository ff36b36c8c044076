import type { NatsSettings } from './natsEventStore.js';
import { httpUrlValue, parseEnv, positiveIntValue, requiringKeysInProduction, serviceCallersEnv, serviceConfigOf, serviceEnv, supergraphEnv, userTokenSettingsOf, userTokensEnv, z, type Env, type ServiceConfig, type UserTokenSettings } from '@civic/runtime';

/**
 * The live service: subscriptions beside the gateway. It verifies subscribers' tokens exactly as the
 * gateway does (the same variables), accepts events only from services holding a credential in
 * SERVICE_JWKS_PATH, and fetches every delivery through the gateway at GATEWAY_URL.
 */
export const liveEnv = requiringKeysInProduction(
  serviceEnv(4006)
    .extend(supergraphEnv.shape)
    .extend(userTokensEnv.shape)
    .extend(serviceCallersEnv.shape)
    .extend({
      GATEWAY_URL: httpUrlValue.default('http://127.0.0.1:4000/graphql'),
      DATA_DIR: z.string().default('.data'),
      LIVE_RETENTION_EVENTS: positiveIntValue(50_000),
      LIVE_FETCH_TIMEOUT_MS: positiveIntValue(5000),
      LIVE_MAX_SUBSCRIPTIONS: positiveIntValue(5000),
      NATS_URL: z.url({ protocol: /^(nats|tls)$/, error: 'a nats:// or tls:// URL' }).optional(),
      LIVE_NATS_STREAM: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, { error: 'a JetStream stream name (letters, digits, - and _)' }).default('civic-live'),
      LIVE_RETENTION_SECONDS: positiveIntValue(7 * 24 * 3600),
      LIVE_DUPLICATE_WINDOW_SECONDS: positiveIntValue(3600),
    }),
  () => ['AUTH_JWKS_URL', 'SERVICE_JWKS_PATH'],
);

export interface LiveConfig extends ServiceConfig {
  supergraphPath: string;
  userTokens: UserTokenSettings;
  serviceJwksPath: string | undefined;
  /** Where deliveries are fetched, as the subscriber, so the graph's rules decide what each one holds. */
  gatewayUrl: string;
  /** The event log's file (DATA_DIR/live/events.jsonl): what a reconnecting client missed survives a restart. */
  dataDir: string;
  /** Events kept for reconnecting clients (the retention window); older `since` ids get an error. */
  retentionEvents: number;
  /**
   * With NATS_URL: events go to the JetStream stream LIVE_NATS_STREAM, shared by every replica (their
   * ids are its sequence numbers, so a client resumes on any replica), kept while within both
   * LIVE_RETENTION_EVENTS and LIVE_RETENTION_SECONDS; a shipment sent again within
   * LIVE_DUPLICATE_WINDOW_SECONDS is stored once. Without it: the file log in DATA_DIR, for one process.
   */
  nats: NatsSettings | undefined;
  /** How long one delivery's fetch through the gateway may take before that subscription ends with an error. */
  fetchTimeoutMs: number;
  /** Open subscriptions per process; past it a new one is refused (each costs a gateway fetch per matching event). */
  maxSubscriptions: number;
}

export function liveConfigFromEnv(env?: Env): LiveConfig {
  const parsed = parseEnv(liveEnv, env);
  return {
    ...serviceConfigOf(parsed),
    supergraphPath: parsed.SUPERGRAPH_PATH,
    userTokens: userTokenSettingsOf(parsed),
    serviceJwksPath: parsed.SERVICE_JWKS_PATH,
    gatewayUrl: parsed.GATEWAY_URL,
    dataDir: parsed.DATA_DIR,
    retentionEvents: parsed.LIVE_RETENTION_EVENTS,
    nats: parsed.NATS_URL
      ? { url: parsed.NATS_URL, stream: parsed.LIVE_NATS_STREAM, maxEvents: parsed.LIVE_RETENTION_EVENTS, maxAgeSeconds: parsed.LIVE_RETENTION_SECONDS, duplicateWindowSeconds: parsed.LIVE_DUPLICATE_WINDOW_SECONDS }
      : undefined,
    fetchTimeoutMs: parsed.LIVE_FETCH_TIMEOUT_MS,
    maxSubscriptions: parsed.LIVE_MAX_SUBSCRIPTIONS,
  };
}
