import { catalogFromSupergraph, type FieldCatalog } from '@civic/governance';
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
