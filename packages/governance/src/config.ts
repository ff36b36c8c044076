import { httpUrlValue, oneOf, pathValue, positiveIntValue, serviceCredentialEnv, supergraphEnv, z } from '@civic/runtime';

/**
 * What a subgraph's governance reads: the composed schema (its field catalog), where the policy comes
 * from (the access service, or the committed file), whether and how often audit records are shipped,
 * and the service's own credential for those calls (SERVICE_PRIVATE_KEY_PATH).
 */
export const governanceEnv = supergraphEnv.extend(serviceCredentialEnv.shape).extend({
  ACCESS_URL: httpUrlValue.optional(),
  POLICY_PATH: pathValue('schema/policy.yaml'),
  AUDIT: oneOf(['on', 'off']).default('on'),
  POLICY_POLL_MS: positiveIntValue(1000),
  AUDIT_FORWARD_MS: positiveIntValue(1000),
});

export type GovernanceEnv = z.output<typeof governanceEnv>;
