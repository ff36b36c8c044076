import { catalogFromSupergraph, type FieldCatalog } from '@civic/governance';
import { readString } from '@civic/runtime';
import { type RequestContext } from '@civic/subgraph-kit';
import { GraphQLError } from 'graphql';
import { resolve } from 'node:path';
import { Department } from './departments/Department.js';

let catalog: FieldCatalog | undefined;

/** The composed schema's fields and classifications, read once: policies are validated against it. */
export function composedCatalog(): FieldCatalog {
  catalog ??= catalogFromSupergraph(resolve(readString(process.env, 'SUPERGRAPH_PATH', 'schema/supergraph.graphql')));
  return catalog;
}

export function requireDataOfficer(ctx: RequestContext): void {
  if (!ctx.identity.roles.includes('data-officer')) {
    throw new GraphQLError('Only a data officer may manage data sharing; your token has no data-officer role', { extensions: { code: 'FORBIDDEN' } });
  }
}

export function subgraphOfField(field: string): string | undefined {
  const [typeName, fieldName] = field.split('.');
  return composedCatalog().get(typeName ?? '')?.fields.get(fieldName ?? '')?.subgraph;
}

export async function ownedSubgraphs(ctx: RequestContext): Promise<string[]> {
  const department = await ctx.em.findOne(Department, { code: ctx.identity.department });
  return department?.ownedSubgraphs ?? [];
}

/** Departments whose data officers decide on a field: those owning the subgraph that resolves it. */
export async function ownersOf(ctx: RequestContext, field: string): Promise<string[]> {
  const subgraph = subgraphOfField(field);
  if (!subgraph) return [];
  const departments = await ctx.em.find(Department, { ownedSubgraphs: { $contains: [subgraph] } }, { orderBy: { code: 'asc' } });
  return departments.map((d) => d.code);
}

export function author(ctx: RequestContext): string {
  return `${ctx.identity.subject} (${ctx.identity.department})`;
}
