import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { loadSubgraph, SUBGRAPH_NAMES } from './subgraphs.js';

export interface Composition {
  subgraphSdls: Record<string, string>;
  supergraphSdl: string;
}

export class CompositionError extends Error {
  override name = 'CompositionError';
}

/**
 * Composes the supergraph from each subgraph's SDL, as type-graphql prints it. URLs are the local
 * defaults; the gateway replaces them per environment (POPULATION_URL, ...), so one committed
 * supergraph serves a laptop, CI and docker-compose alike.
 */
export async function composeSupergraph(): Promise<Composition> {
  const subgraphSdls: Record<string, string> = {};
  const services = [];
  for (const name of SUBGRAPH_NAMES) {
    const definition = await loadSubgraph(name);
    const { sdl } = await definition.buildSchema();
    subgraphSdls[name] = sdl;
    services.push({ name, typeDefs: parse(sdl), url: `http://127.0.0.1:${definition.defaultPort}/graphql` });
  }
  const result = composeServices(services);
  if (result.errors) {
    throw new CompositionError(`composition failed:\n${result.errors.map((e) => `- ${e.message}`).join('\n')}`);
  }
  return { subgraphSdls, supergraphSdl: result.supergraphSdl };
}
