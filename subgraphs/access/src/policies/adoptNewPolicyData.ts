import { isAction, validatePolicy, type PolicyDocument } from '@civic/governance';
import type { EntityManager, Logger } from '@civic/runtime';
import { composedCatalog } from '../governanceContext.js';
import { latestPolicyVersion } from './publish.js';
import { PolicyVersion } from './PolicyVersion.js';

/**
 * What a version published by an earlier release lacks of what the policy now holds: field owners and
 * the purpose catalogue (no subgraph accepts a version without them), and rules for actions (without
 * any, every mutation would be refused). Empty when the version has all of it.
 */
function missingParts(document: PolicyDocument, file: PolicyDocument): { patch: Partial<PolicyDocument>; names: string[] } {
  const patch: Partial<PolicyDocument> = {};
  const names: string[] = [];
  if (!document.owners) (patch.owners = file.owners), names.push('field owners');
  if (!document.purposes) (patch.purposes = file.purposes), names.push('purpose catalogue');
  if (!document.rules.some((rule) => isAction(rule.field))) {
    patch.rules = [...document.rules, ...file.rules.filter((rule) => isAction(rule.field))];
    names.push('rules for mutations');
  }
  return { patch, names };
}

/**
 * At start-up, a version in force that lacks parts the policy now holds is republished with those parts
 * taken from the committed policy file and everything else unchanged, so that an existing installation
 * carries on after an upgrade; its officers then edit them like any other rule or setting.
 */
export async function adoptNewPolicyData(em: EntityManager, policyFile: () => { document: PolicyDocument; path: string }, logger: Logger): Promise<void> {
  const inForce = await latestPolicyVersion(em);
  if (!inForce) return;
  const { document: file, path } = policyFile();
  if (missingParts(inForce.document, file).names.length === 0) return;
  await em.transactional(async (tx) => {
    const current = await latestPolicyVersion(tx as EntityManager, true);
    if (!current) return;
    const { patch, names } = missingParts(current.document, file);
    if (names.length === 0) return;
    const reason = `${names.join(', ')} from ${path}`;
    const document = validatePolicy({ ...current.document, ...patch }, composedCatalog(), `policy version ${current.version} with the ${reason}`);
    tx.create(PolicyVersion, { version: current.version + 1, document, author: 'platform', reason, publishedAt: new Date(), basedOn: current.version });
    await tx.flush();
    logger.info({ policyVersion: current.version + 1, added: names }, 'policy given what this release adds to it');
  });
}
