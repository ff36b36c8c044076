import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { validatePolicy } from '@civic/governance';
import type { EntityManager, Logger } from '@civic/runtime';
import type { SubgraphConfig } from '@civic/subgraph-kit';
import { AuditPartitions } from './audit/partitions.js';
import { DEPARTMENT_SEED } from './departments/seedDepartments.js';
import { Department } from './departments/Department.js';
import { composedCatalog, loadComposedSchema } from './governanceContext.js';
import { adoptNewPolicyData } from './policies/adoptNewPolicyData.js';
import { PolicyVersion } from './policies/PolicyVersion.js';

/**
 * What the access service needs to serve at all: the composed schema (SUPERGRAPH_PATH) that policies and
 * explained operations are checked against, the audit trail's partitions, the departments, and version 1 of the policy from the
 * committed file (POLICY_PATH). The last two go in one transaction, so a start cut short leaves neither.
 * A version from before owners and purposes were policy data gets them from the same file.
 */
export async function bootstrapAccess(em: EntityManager, logger: Logger, config: SubgraphConfig): Promise<void> {
  loadComposedSchema(config.governance.SUPERGRAPH_PATH);
  // The audit trail's partitions for this month and the next, and none past the retention.
  await new AuditPartitions(config.governance.AUDIT_RETENTION_DAYS, logger).maintain(em, new Date());
  const path = config.governance.POLICY_PATH;
  const policyFile = () => ({ path, document: validatePolicy(parseYaml(readFileSync(path, 'utf8')), composedCatalog(), path) });
  if ((await em.count(Department, {})) > 0) return adoptNewPolicyData(em, policyFile, logger);
  const { document } = policyFile();
  await em.transactional(async (tx) => {
    await tx.insertMany(Department, DEPARTMENT_SEED);
    await tx.insertMany(PolicyVersion, [{ version: 1, document, author: 'platform', reason: `initial policy from ${path}`, publishedAt: new Date(), basedOn: null }]);
  });
  logger.info({ departments: DEPARTMENT_SEED.length, rules: document.rules.length }, 'access bootstrapped');
}
