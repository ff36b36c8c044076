import type { GraphQLDataSource } from '@apollo/gateway';

export type SubgraphResponse = Awaited<ReturnType<GraphQLDataSource['process']>>;

/**
 * Apollo Gateway asks a subgraph for one entity per occurrence in the answer so far: a page of 100
 * residents living in 20 buildings becomes 100 Building representations, and the buildings subgraph
 * resolves, serialises and the gateway parses every building five times (then each building's
 * incidents five times over for the incidents and resources subgraphs). The same representation
 * always resolves to the same entity within one request, so it is asked for once, and the answer is
 * spread back to every occurrence, errors included, exactly as if each had been asked for.
 */
export interface DeduplicatedRepresentations {
  unique: unknown[];
  /** For each original representation, the index of its unique one. */
  uniqueIndexOf: number[];
}

export function deduplicateRepresentations(representations: unknown[]): DeduplicatedRepresentations {
  const indexByKey = new Map<string, number>();
  const unique: unknown[] = [];
  const uniqueIndexOf = representations.map((representation) => {
    const key = JSON.stringify(representation);
    let index = indexByKey.get(key);
    if (index === undefined) {
      index = unique.push(representation) - 1;
      indexByKey.set(key, index);
    }
    return index;
  });
  return { unique, uniqueIndexOf };
}

/** The subgraph's answer for the unique representations, as it would have been for all of them. */
export function expandEntities(response: SubgraphResponse, uniqueIndexOf: number[]): SubgraphResponse {
  const entities = response.data?._entities;
  const occurrences = new Map<number, number[]>();
  uniqueIndexOf.forEach((unique, original) => occurrences.set(unique, [...(occurrences.get(unique) ?? []), original]));
  const errors = response.errors?.flatMap((error) => {
    const [root, index, ...rest] = error.path ?? [];
    if (root !== '_entities' || typeof index !== 'number') return [error];
    return (occurrences.get(index) ?? []).map((original) => ({ ...error, path: ['_entities', original, ...rest] }));
  });
  return {
    ...response,
    ...(Array.isArray(entities) ? { data: { ...response.data, _entities: uniqueIndexOf.map((unique) => entities[unique]) } } : {}),
    ...(errors ? { errors } : {}),
  };
}
