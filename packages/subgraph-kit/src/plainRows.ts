import type { EntityClass, FilterQuery, QueryOrderMap } from '@mikro-orm/core';
import type { EntityManager } from '@civic/runtime';

export interface PlainRowsOptions<T> {
  orderBy?: QueryOrderMap<T>;
  limit?: number;
}

/**
 * The rows of a read that only answers a query, as plain objects with the entity's property names and
 * JavaScript values: no entity instances, identity map or change snapshots. Building a page of
 * entities (a property accessor defined on every instance, then read back through it by every field)
 * cost about a third of the population subgraph's CPU per page of residents (4.3-5.0 against 2.8 CPU-ms
 * per request with plain rows and @Parent(), README "Where the time goes"); nothing read-only needs it.
 * Mutations keep em.find and em.findOne, whose managed entities they change and flush.
 *
 * Like em.find, it applies the EntityManager's filters (the caller's jurisdiction: see scope.ts), which
 * a query builder leaves to its caller, and the request's signal, which a query builder takes from its
 * EntityManager.
 */
export async function findPlainRows<T extends object>(
  em: EntityManager,
  entity: EntityClass<T>,
  where: FilterQuery<T>,
  options: PlainRowsOptions<T> = {},
): Promise<T[]> {
  const query = em.createQueryBuilder(entity).select('*').where(where as never);
  if (options.orderBy) query.orderBy(options.orderBy as never);
  if (options.limit !== undefined) query.limit(options.limit);
  await query.applyFilters();
  return (await query.execute('all', true)) as T[];
}
