import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { validatePolicy } from '@civic/governance';
import { readString, type EntityManager, type Logger } from '@civic/runtime';
import { DEPARTMENT_SEED } from './departments/seedDepartments.js';
import { Department } from './departments/Department.js';
import { composedCatalog } from './governanceContext.js';
import { PolicyVersion } from './policies/PolicyVersion.js';

/**
 * What the access service needs to serve at all: the departments, and version 1 of the policy from the
 * committed file (POLICY_PATH). Both go in one transaction, so a start cut short leaves neither.
 */
export async function bootstrapAccess(em: EntityManager, logger: Logger): Promise<void> {
  if ((await em.count(Department, {})) > 0) return;
  const path = resolve(readString(process.env, 'POLICY_PATH', 'schema/policy.yaml'));
  const document = validatePolicy(parseYaml(readFileSync(path, 'utf8')), composedCatalog(), path);
  await em.transactional(async (tx) => {
    await tx.insertMany(Department, DEPARTMENT_SEED);
    await tx.insertMany(PolicyVersion, [{ version: 1, document, author: 'platform', reason: `initial policy from ${path}`, publishedAt: new Date(), basedOn: null }]);
  });
  logger.info({ departments: DEPARTMENT_SEED.length, rules: document.rules.length }, 'access bootstrapped');
}
