import type { AbortQueryOptions, EntityName } from '@mikro-orm/core';
import type { EntityManager, Orm, Identity } from '@civic/runtime';
import { enclosingAreas } from '@civic/governance';

export const JURISDICTION_FILTER = 'jurisdiction';

/** Entities that carry a grid code, and so fall under the caller's place scope. */
export function placeScopedEntities(orm: Orm): EntityName[] {
  return [...orm.getMetadata().getAll().values()]
    .filter((meta) => meta.properties.gridCode !== undefined)
    .map((meta) => meta.class);
}


/**
 * A per-request EntityManager. A caller with a jurisdiction gets a filter on every grid-coded entity,
 * so lists, counts, lookups and reference resolution all see only records inside it, plus records
 * of the areas enclosing it (a district's emergency plan applies to every street in it).
 * With the request's signal, an abandoned request (deadline passed, client gone) sends no further
 * statement, and the one in flight is dealt with as the cancellation's strategy says.
 */
export function requestEntityManager(orm: Orm, scoped: EntityName[], identity: Identity, cancellation: AbortQueryOptions = {}): EntityManager {
  const em = orm.em.fork({ useContext: false, ...cancellation }) as EntityManager;
  if (identity.jurisdiction) {
    em.addFilter({
      name: JURISDICTION_FILTER,
      entity: scoped,
      cond: { $or: [{ gridCode: { $like: `${identity.jurisdiction}%` } }, { gridCode: { $in: enclosingAreas(identity.jurisdiction) } }] },
      default: true,
    });
  }
  return em;
}
