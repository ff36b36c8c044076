import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { readString, tableHasRows, validatePolicy, type EntityManager, type Logger } from '@civic/shared';
import { DEPARTMENT_SEED } from './departments/seedDepartments.js';
import { Department } from './departments/Department.js';
import { composedCatalog } from './governanceContext.js';
import { PolicyVersion } from './policies/PolicyVersion.js';

/** Departments, and version 1 of the policy from the committed file (POLICY_PATH). */
export async function seedAccess(em: EntityManager, _city: unknown, logger: Logger): Promise<void> {
  const path = resolve(readString(process.env, 'POLICY_PATH', 'schema/policy.yaml'));
  const document = validatePolicy(parseYaml(readFileSync(path, 'utf8')), composedCatalog(), path);
  await em.transactional(async (tx) => {
    await tx.insertMany(Department, DEPARTMENT_SEED);
    await tx.insertMany(PolicyVersion, [{ version: 1, document, author: 'platform', reason: `initial policy from ${path}`, publishedAt: new Date(), basedOn: null }]);
  });
  logger.info({ departments: DEPARTMENT_SEED.length, rules: document.rules.length }, 'access seeded');
}

export const accessHasData = (em: EntityManager) => tableHasRows(em, 'department');
