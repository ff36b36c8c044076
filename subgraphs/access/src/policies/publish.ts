import { LockMode } from '@mikro-orm/core';
import { classifiedFields, PolicyError, validatePolicy, type PolicyDocument } from '@civic/governance';
import { conflict, ErrorCode, type EntityManager } from '@civic/runtime';
import { type RequestContext } from '@civic/subgraph-kit';
import { GraphQLError } from 'graphql';
import { author, composedCatalog, governorOf, governs, type Governor } from '../governanceContext.js';
import { diffPolicies, fieldsTouched, ownershipChanges } from './diff.js';
import { PolicyVersion } from './PolicyVersion.js';

export function latestPolicyVersion(em: EntityManager, lock = false): Promise<PolicyVersion | null> {
  return em.findOne(PolicyVersion, { version: { $gt: 0 } }, { orderBy: { version: 'desc' }, ...(lock ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {}) });
}

export async function versionOrFail(ctx: RequestContext, version: number, field: string): Promise<PolicyVersion> {
  const found = await ctx.em.findOne(PolicyVersion, { version });
  if (!found) throw new GraphQLError(`${field}: there is no policy version ${version}`, { extensions: { code: 'NOT_FOUND', field } });
  return found;
}

export async function currentPolicy(ctx: RequestContext): Promise<PolicyVersion> {
  const current = await latestPolicyVersion(ctx.em);
  if (!current) throw new GraphQLError('No policy has been published yet', { extensions: { code: 'NOT_FOUND' } });
  return current;
}

/** Validates a candidate against the composed schema; every problem is returned with its path. */
export function checkDocument(raw: unknown): { document?: PolicyDocument; problems: { path: string; message: string }[] } {
  try {
    return { document: validatePolicy(raw, composedCatalog(), 'the proposed policy'), problems: [] };
  } catch (error) {
    if (error instanceof PolicyError) return { problems: error.problems };
    throw error;
  }
}

/** Fields the change touches (their rules or their owner) that the caller's department does not govern in the version in force. */
export function fieldsOutsideOwnership(governor: Governor, from: PolicyDocument, to: PolicyDocument): string[] {
  const touched = new Set([...fieldsTouched(diffPolicies(from, to)), ...ownershipChanges(from, to, classifiedFields(composedCatalog()))]);
  return [...touched].sort().filter((field) => !governs(governor, from, field));
}

/**
 * Publishes a new version: valid against the composed schema, edited from the version in force
 * (otherwise someone published in between), touching only fields the officer's department owns. The
 * purpose catalogue is shared: any data officer may change it.
 */
export async function publish(ctx: RequestContext, raw: unknown, reason: string, baseVersion: number): Promise<PolicyVersion> {
  const { document, problems } = checkDocument(raw);
  if (!document) {
    throw new GraphQLError(`The policy is not valid: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`, {
      extensions: { code: 'BAD_USER_INPUT', field: 'input', problems },
    });
  }
  // Read before the transaction: on PGlite the transaction holds the only connection.
  const governor = await governorOf(ctx);
  return ctx.em.transactional(async (em) => {
    const current = await latestPolicyVersion(em as EntityManager, true);
    if (!current) throw new GraphQLError('No policy has been published yet', { extensions: { code: 'NOT_FOUND' } });
    if (current.version !== baseVersion) {
      throw conflict(ErrorCode.Conflict, `Version ${current.version} was published after version ${baseVersion}; review it and edit from there`, { currentVersion: current.version });
    }
    const outside = fieldsOutsideOwnership(governor, current.document, document);
    if (outside.length) {
      throw new GraphQLError(`Your department does not own ${outside.join(', ')}; ask its data officer`, { extensions: { code: 'FORBIDDEN', fields: outside } });
    }
    const next = em.create(PolicyVersion, {
      version: current.version + 1,
      document,
      author: author(ctx),
      reason,
      publishedAt: new Date(),
      basedOn: current.version,
    });
    await em.flush();
    return next;
  });
}
