import { readFileSync } from 'node:fs';
import { ConfigError } from '@civic/runtime';

/** The subgraph names and URLs a composed supergraph declares in its `join__Graph` enum. */
export function subgraphsOf(supergraphSdl: string): Record<string, string> {
  const found: Record<string, string> = {};
  for (const match of supergraphSdl.matchAll(/@join__graph\(name: "([^"]+)", url: "([^"]+)"\)/g)) {
    found[match[1]!] = match[2]!;
  }
  return found;
}

export function readSupergraph(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    throw new ConfigError(`SUPERGRAPH_PATH: cannot read ${path}; run "npm run compose" to write it`);
  }
}
