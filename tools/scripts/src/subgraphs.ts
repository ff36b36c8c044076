import type { SubgraphDefinition } from '@civic/subgraph-kit';

import { SUBGRAPH_NAMES } from '@civic/launcher';

export { SUBGRAPH_NAMES };

/** Loaded by name so that each script pays only for the subgraphs it touches. */
export async function loadSubgraph(name: string): Promise<SubgraphDefinition> {
  const module = (await import(`@civic/${name}`)) as Record<string, SubgraphDefinition>;
  const definition = module[name];
  if (!definition) throw new Error(`@civic/${name} exports no subgraph definition named "${name}"`);
  return definition;
}
