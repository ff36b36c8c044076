import { readJwtSecret, readOptionalUrl, readPort, readString } from '@civic/shared/config';
import { SUBGRAPH_NAMES } from '@civic/shared/platform';
import { resolve } from 'node:path';


export interface GatewayConfig {
  port: number;
  host: string;
  jwtSecret: string;
  supergraphPath: string;
  /** Subgraph URLs that replace those composed into the supergraph (other hosts, ports, compose service names). */
  subgraphUrls: Partial<Record<string, string>>;
}

export function gatewayConfigFromEnv(env: Record<string, string | undefined> = process.env): GatewayConfig {
  const subgraphUrls: Partial<Record<string, string>> = {};
  for (const name of SUBGRAPH_NAMES) {
    const url = readOptionalUrl(env, `${name.toUpperCase()}_URL`);
    if (url) subgraphUrls[name] = url;
  }
  return {
    port: readPort(env, 'PORT', 4000),
    host: readString(env, 'HOST', '127.0.0.1'),
    jwtSecret: readJwtSecret(env),
    supergraphPath: resolve(readString(env, 'SUPERGRAPH_PATH', 'schema/supergraph.graphql')),
    subgraphUrls,
  };
}
