import { httpUrlValue, oneOf, pathValue, positiveIntValue, serviceCredentialEnv, supergraphEnv, z } from '@civic/runtime';

/**
 * How a service follows the access service's policy snapshot (subgraphs for the policy, the gateway for
 * the purpose catalogue): polls never overlap; after a failure the wait doubles, with jitter, up to
 * the ceiling; the last good policy stays in force meanwhile.
 */
export const policyPollEnv = z.object({
  POLICY_POLL_MS: positiveIntValue(1000),
  // The access service answers a snapshot from memory in milliseconds; 2 s is a dead or frozen one.
  POLICY_POLL_TIMEOUT_MS: positiveIntValue(2000),
  // At worst a recovered access service is noticed half a minute late; meanwhile the last good policy holds.
  POLICY_POLL_MAX_BACKOFF_MS: positiveIntValue(30_000),
});

export interface PolicyPollSettings {
  timing: { intervalMs: number; maxBackoffMs: number };
  timeoutMs: number;
}

export function policyPollSettingsOf(env: z.output<typeof policyPollEnv>): PolicyPollSettings {
  return { timing: { intervalMs: env.POLICY_POLL_MS, maxBackoffMs: env.POLICY_POLL_MAX_BACKOFF_MS }, timeoutMs: env.POLICY_POLL_TIMEOUT_MS };
}

/**
 * What a subgraph's governance reads: the composed schema (its field catalog), where the policy comes
 * from (the access service, or the committed file), whether and how often audit records are shipped,
 * and the service's own credential for those calls (SERVICE_PRIVATE_KEY_PATH).
 */
export const governanceEnv = supergraphEnv.extend(serviceCredentialEnv.shape).extend(policyPollEnv.shape).extend({
  ACCESS_URL: httpUrlValue.optional(),
  POLICY_PATH: pathValue('schema/policy.yaml'),
  AUDIT: oneOf(['on', 'off']).default('on'),
  AUDIT_FORWARD_MS: positiveIntValue(1000),
  // The access service keeps audit records this long (PIPL: processing records at least 3 years), then drops them by whole months.
  AUDIT_RETENTION_DAYS: positiveIntValue(1096),
});

export type GovernanceEnv = z.output<typeof governanceEnv>;
