import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import { ConfigError } from '@civic/runtime';

/** Reviewed operations by the SHA-256 of their text, as Apollo's persisted queries name them. */
export type TrustedManifest = ReadonlyMap<string, string>;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Reads a manifest of reviewed operations: GraphQL Code Generator's persisted documents output
 * (`persistedDocuments: { hashAlgorithm: 'sha256' }`, a JSON object of hash to operation text). Each
 * hash must be the text's own: an entry that lies about its text is a configuration error, not an
 * operation to trust.
 */
export function readTrustedManifest(path: string): TrustedManifest {
  const problem = (holds: string) => new ConfigError(`TRUSTED_OPERATIONS_PATH ${holds}; it should be a JSON object of SHA-256 hashes to operation texts`, [{ variable: 'TRUSTED_OPERATIONS_PATH', holds, expected: 'a JSON object of SHA-256 hashes to operation texts' }]);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw problem(`names ${path}, which cannot be read as JSON (${(error as Error).message})`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw problem(`names ${path}, which is not a JSON object`);
  const manifest = new Map<string, string>();
  for (const [hash, text] of Object.entries(parsed)) {
    if (typeof text !== 'string' || sha256(text) !== hash) throw problem(`names ${path}, whose entry ${hash.slice(0, 12)}... is not the SHA-256 of its text`);
    manifest.set(hash, text);
  }
  return manifest;
}

/**
 * Apollo Server's persisted-query store, read from the manifest only: a request naming a hash gets the
 * reviewed text, and nothing a client sends is ever stored (automatic persisted queries would let any
 * caller register any text under its hash).
 */
export function manifestStore(manifest: TrustedManifest): KeyValueCache<string> {
  return {
    // Apollo prefixes its keys (apq:<hash>).
    get: async (key) => manifest.get(key.slice(key.lastIndexOf(':') + 1)),
    set: async () => undefined,
    delete: async () => undefined,
  };
}
