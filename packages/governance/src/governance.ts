import type { Orm, Logger } from '@civic/runtime';
import { AuditForwarder } from './audit/forwarder.js';
import { LivePolicy, StaticPolicy, type PolicySource } from './sync/livePolicy.js';
import { catalogFromSupergraph, loadPolicyFile } from './policy/store.js';
import type { GovernanceEnv } from './config.js';

export interface Governance {
  policy: PolicySource;
  auditing: boolean;
  forwarder?: AuditForwarder;
  stop: () => Promise<void>;
}

/**
 * Where a subgraph's rules come from and where its audit trail goes. With ACCESS_URL, the access
 * service publishes the policy (followed live) and receives the audit trail; without it, the policy
 * file is enforced as it is and audit records stay in the subgraph's outbox.
 */
export async function startGovernance(env: GovernanceEnv, service: string, secret: string, orm: Orm, logger: Logger): Promise<Governance> {
  const catalog = catalogFromSupergraph(env.SUPERGRAPH_PATH);
  const accessUrl = env.ACCESS_URL;
  const auditing = env.AUDIT === 'on';
  let policy: PolicySource;
  if (accessUrl) {
    const live = new LivePolicy({ accessUrl, catalog, secret, service, pollMs: env.POLICY_POLL_MS, logger });
    await live.start();
    policy = live;
  } else {
    policy = new StaticPolicy(loadPolicyFile(env.POLICY_PATH, catalog));
  }
  const forwarder =
    accessUrl && auditing
      ? new AuditForwarder({ orm, accessUrl, secret, service, intervalMs: env.AUDIT_FORWARD_MS, logger })
      : undefined;
  forwarder?.start();
  return {
    policy,
    auditing,
    ...(forwarder ? { forwarder } : {}),
    stop: async () => {
      policy.stop();
      await forwarder?.stop();
    },
  };
}
