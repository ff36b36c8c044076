import { validatePolicy, type PolicyDocument } from '@civic/governance';
import type { EntityManager, Logger } from '@civic/runtime';
import { composedCatalog } from '../governanceContext.js';
import { latestPolicyVersion } from './publish.js';
import { PolicyVersion } from './PolicyVersion.js';

/**
 * Versions published before field owners and the purpose catalogue were policy data carry neither, and
 * no subgraph accepts such a version any more. At start-up, a version in force without them is
 * republished with the owners and purposes of the committed policy file and its own rules unchanged,
 * so that an existing installation carries on; its officers then edit them like any other setting.
 */
export async function adoptOwnersAndPurposes(em: EntityManager, policyFile: () => { document: PolicyDocument; path: string }, logger: Logger): Promise<void> {
  const inForce = await latestPolicyVersion(em);
  if (!inForce || (inForce.document.owners && inForce.document.purposes)) return;
  const { document: file, path } = policyFile();
  await em.transactional(async (tx) => {
    const current = await latestPolicyVersion(tx as EntityManager, true);
    if (!current || (current.document.owners && current.document.purposes)) return;
    const merged = { ...current.document, owners: current.document.owners ?? file.owners, purposes: current.document.purposes ?? file.purposes };
    const document = validatePolicy(merged, composedCatalog(), `policy version ${current.version} with the owners and purposes of ${path}`);
    tx.create(PolicyVersion, { version: current.version + 1, document, author: 'platform', reason: `field owners and purpose catalogue from ${path}`, publishedAt: new Date(), basedOn: current.version });
    await tx.flush();
    logger.info({ policyVersion: current.version + 1 }, 'policy given field owners and a purpose catalogue');
  });
}
