import type { Orm, Logger, ServiceCredential } from '@civic/runtime';
import { AuditForwarder } from './audit/forwarder.js';
import { LivePolicy, StaticPolicy, type PolicySource } from './sync/livePolicy.js';
import { catalogFromSupergraph, loadPolicyFile } from './policy/store.js';
import { policyPollSettingsOf, type GovernanceEnv } from './config.js';

export interface Governance {
  policy: PolicySource;
  auditing: boolean;
  forwarder?: AuditForwarder;
  /** Stops following the policy and ships the audit outbox, spending at most `withinMs` on it. */
  stop: (withinMs: number) => Promise<void>;
}

/**
 * Where a subgraph's rules come from and where its audit trail goes. With ACCESS_URL, the access
 * service publishes the policy (followed live) and receives the audit trail; without it, the policy
 * file is enforced as it is and audit records stay in the subgraph's outbox. `credential` is the
 * service's own, which its calls to the access service carry: given whenever ACCESS_URL is.
 */
export async function startGovernance(env: GovernanceEnv, credential: ServiceCredential | undefined, orm: Orm, logger: Logger): Promise<Governance> {
  const catalog = catalogFromSupergraph(env.SUPERGRAPH_PATH);
  const access = env.ACCESS_URL && credential ? { accessUrl: env.ACCESS_URL, credential } : undefined;
  const auditing = env.AUDIT === 'on';
  let policy: PolicySource;
  if (access) {
    const live = new LivePolicy({ ...access, catalog, ...policyPollSettingsOf(env), logger });
    await live.start();
    policy = live;
  } else {
    policy = new StaticPolicy(loadPolicyFile(env.POLICY_PATH, catalog));
  }
  const forwarder =
    access && auditing
      ? new AuditForwarder({ orm, ...access, intervalMs: env.AUDIT_FORWARD_MS, logger })
      : undefined;
  forwarder?.start();
  return {
    policy,
    auditing,
    ...(forwarder ? { forwarder } : {}),
    stop: async (withinMs) => {
      policy.stop();
      await forwarder?.stop(withinMs);
    },
  };
}
