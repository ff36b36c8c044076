import { RETRYABLE_CODES } from '@civic/runtime';
import type { SubgraphResponse } from './entityDeduplication.js';

/**
 * A subgraph whose database is down fails every entity of an entity fetch alike: the batched statement
 * behind them all failed, and each entity reports it. The client hears it once per fetch, at the first
 * entity's place, like a fetch that failed as a whole: of the errors with a retryable code (the state of
 * the service, not of a record), one per code and message is kept.
 *
 * An entity whose error is dropped is answered with no fields (`{}`) rather than null, so that it still
 * counts as failed: a null entity in an answer without an error of its own means the subgraph did not
 * return the record (absent, or outside the caller's scope), which the gateway leaves out of the answer
 * (patches/@apollo+gateway+*.patch).
 */
export function collapsingTransientErrors(response: SubgraphResponse): SubgraphResponse {
  const entities = response.data?._entities;
  if (!response.errors || !Array.isArray(entities)) return response;
  const kept = new Set<string>();
  const failedWithoutError = new Set<number>();
  const errors = response.errors.filter((error) => {
    const code = error.extensions?.code;
    const [root, index] = error.path ?? [];
    if (typeof code !== 'string' || !RETRYABLE_CODES.has(code) || root !== '_entities' || typeof index !== 'number') return true;
    const key = JSON.stringify([code, error.message]);
    if (!kept.has(key)) {
      kept.add(key);
      return true;
    }
    failedWithoutError.add(index);
    return false;
  });
  if (errors.length === response.errors.length) return response;
  for (const error of errors) {
    const [root, index] = error.path ?? [];
    if (root === '_entities' && typeof index === 'number') failedWithoutError.delete(index);
  }
  const answered = entities.map((entity, index) => (entity === null && failedWithoutError.has(index) ? {} : entity));
  return { ...response, data: { ...response.data, _entities: answered }, errors };
}
