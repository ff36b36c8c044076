import { catalogFromSupergraph, ownerOf, type FieldCatalog, type PolicyDocument } from '@civic/governance';
import type { EntityManager, Identity } from '@civic/runtime';
import { type RequestContext } from '@civic/subgraph-kit';
import { buildSchema, GraphQLError, type GraphQLSchema } from 'graphql';
import { readFileSync } from 'node:fs';
import { Department } from './departments/Department.js';

let composed: { catalog: FieldCatalog; apiSchema: GraphQLSchema } | undefined;

/** Reads the composed schema (SUPERGRAPH_PATH) once, at start-up (bootstrapAccess), before the service serves. */
export function loadComposedSchema(supergraphPath: string): void {
  const catalog = catalogFromSupergraph(supergraphPath);
  composed = { catalog, apiSchema: buildSchema(readFileSync(supergraphPath, 'utf8'), { assumeValidSDL: true }) };
}

function loaded(): NonNullable<typeof composed> {
  if (!composed) throw new Error('the composed schema is read at start-up (bootstrapAccess) before it is used');
  return composed;
}

/** The composed schema's fields and classifications: policies are validated against it. */
export function composedCatalog(): FieldCatalog {
  return loaded().catalog;
}

/** The composed API: operations given to `explain` are validated against it. */
export function composedApiSchema(): GraphQLSchema {
  return loaded().apiSchema;
}

/** Sharing, policy and the audit trail are for data officers: the GraphQL fields and the audit export ask this. */
export function requireDataOfficer(ctx: { identity: Identity }): void {
  if (!ctx.identity.roles.includes('data-officer')) {
    throw new GraphQLError('Only a data officer may manage data sharing; your token has no data-officer role', { extensions: { code: 'FORBIDDEN' } });
  }
}

export function subgraphOfField(field: string): string | undefined {
  const [typeName, fieldName] = field.split('.');
  return composedCatalog().get(typeName ?? '')?.fields.get(fieldName ?? '')?.subgraph;
}

/** Who is changing the policy: the caller's department and the subgraphs it owns (for fields the policy gives no owner). */
export interface Governor {
  department: string;
  ownedSubgraphs: string[];
}

export async function ownedSubgraphs(em: EntityManager, department: string): Promise<string[]> {
  const found = await em.findOne(Department, { code: department });
  return found?.ownedSubgraphs ?? [];
}

export async function governorOf(ctx: RequestContext): Promise<Governor> {
  return { department: ctx.identity.department, ownedSubgraphs: await ownedSubgraphs(ctx.em, ctx.identity.department) };
}

/**
 * Whether a department governs a field (sets its rules, moves its ownership): the field's one owner in
 * `document`. A field the policy gives no owner (a `Mutation.*` entry, which ownership tolerates) is
 * governed, as before owners existed, by the departments owning the subgraph that resolves it.
 */
export function governs(governor: Governor, document: PolicyDocument, field: string): boolean {
  const owner = ownerOf(document, field);
  if (owner) return owner === governor.department;
  return governor.ownedSubgraphs.includes(subgraphOfField(field) ?? '');
}

export function author(ctx: RequestContext): string {
  return `${ctx.identity.subject} (${ctx.identity.department})`;
}
