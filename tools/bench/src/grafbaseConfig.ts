/**
 * The two files `grafbase dev` reads (see grafbase.ts), as text: pure, so the unit tests check them.
 *
 * - The gateway configuration (`-c`): JWT authentication against a JWKS served by the benchmark on
 *   127.0.0.1, and a header rule that forwards the verified `authorization` header to every subgraph.
 * - The graph overrides (`-o`): each subgraph's URL and its SDL file (schema/subgraphs/<name>.graphql,
 *   written by `npm run compose` beside schema/supergraph.graphql). With `schema_path` Grafbase
 *   composes the graph itself from the files, offline: no introspection, no Grafbase account, no
 *   graph reference (`-r`).
 */

/** A TOML basic string: JSON's escapes (\" \\ \n \uXXXX) are valid TOML escapes too. */
const tomlString = (value: string) => JSON.stringify(value);

export interface GrafbaseJwt {
  /** Where Grafbase fetches the public keys that verify the tokens (it caches them for `poll_interval`). */
  jwksUrl: string;
  /** The `iss` and `aud` the tokens must carry. */
  issuer: string;
  audience: string;
}

export function grafbaseGatewayToml(jwt: GrafbaseJwt): string {
  return [
    // Grafbase 0.80's built-in JWT provider (later versions moved it to a WebAssembly extension that
    // `grafbase extension install` downloads; this one needs nothing beyond the binary). With a
    // provider configured, a request without a valid token is refused (401) before any planning.
    '[[authentication.providers]]',
    '[authentication.providers.jwt]',
    'name = "civic-gateway-token"',
    '[authentication.providers.jwt.jwks]',
    `url = ${tomlString(jwt.jwksUrl)}`,
    `issuer = ${tomlString(jwt.issuer)}`,
    `audience = ${tomlString(jwt.audience)}`,
    // Longer than any run: the keys are fetched once, not during a measurement.
    'poll_interval = "1h"',
    '[authentication.providers.jwt.header]',
    'name = "Authorization"',
    'value_prefix = "Bearer "',
    '',
    // The same header on every subgraph request: the token the client sent, unchanged.
    '[[headers]]',
    'rule = "forward"',
    'name = "authorization"',
    '',
  ].join('\n');
}

export interface GrafbaseSubgraph {
  name: string;
  url: string;
  schemaPath: string;
}

export function grafbaseOverridesToml(subgraphs: GrafbaseSubgraph[]): string {
  return subgraphs.map((s) => [`[subgraphs.${s.name}]`, `url = ${tomlString(s.url)}`, `schema_path = ${tomlString(s.schemaPath)}`, ''].join('\n')).join('\n');
}
