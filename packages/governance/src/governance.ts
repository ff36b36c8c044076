import { readPositiveInt, readOptionalUrl, readString } from '@civic/runtime';
import { resolve } from 'node:path';
import type { Orm } from '@civic/runtime';
import type { Logger } from '@civic/runtime';
import { AuditForwarder } from './audit/forwarder.js';
import { LivePolicy, StaticPolicy, type PolicySource } from './sync/livePolicy.js';
import { catalogFromSupergraph, loadPolicyFile } from './policy/store.js';

type Env = Record<string, string | undefined>;

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
export async function startGovernance(env: Env, service: string, secret: string, orm: Orm, logger: Logger): Promise<Governance> {
  const catalog = catalogFromSupergraph(resolve(readString(env, 'SUPERGRAPH_PATH', 'schema/supergraph.graphql')));
  const accessUrl = readOptionalUrl(env, 'ACCESS_URL');
  const auditing = readString(env, 'AUDIT', 'on') !== 'off';
  let policy: PolicySource;
  if (accessUrl) {
    const live = new LivePolicy({ accessUrl, catalog, secret, service, pollMs: readPositiveInt(env, 'POLICY_POLL_MS', 1000), logger });
    await live.start();
    policy = live;
  } else {
    policy = new StaticPolicy(loadPolicyFile(resolve(readString(env, 'POLICY_PATH', 'schema/policy.yaml')), catalog));
  }
  const forwarder =
    accessUrl && auditing
      ? new AuditForwarder({ orm, accessUrl, secret, service, intervalMs: readPositiveInt(env, 'AUDIT_FORWARD_MS', 1000), logger })
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
