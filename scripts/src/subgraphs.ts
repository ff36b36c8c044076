import type { SubgraphDefinition } from '@civic/shared';

export const SUBGRAPH_NAMES = ['population', 'buildings', 'incidents', 'resources'] as const;
export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];

/** Loaded by name so that each script pays only for the subgraphs it touches. */
export async function loadSubgraph(name: string): Promise<SubgraphDefinition> {
  const module = (await import(`@civic/${name}`)) as Record<string, SubgraphDefinition>;
  const definition = module[name];
  if (!definition) throw new Error(`@civic/${name} exports no subgraph definition named "${name}"`);
  return definition;
}
