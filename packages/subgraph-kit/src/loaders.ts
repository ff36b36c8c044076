import DataLoader from 'dataloader';
import type { EntityClass, FilterQuery } from '@mikro-orm/core';
import type { RequestContext } from './context.js';
import { findPlainRows } from './plainRows.js';

type WithId = { id: number };

/**
 * Loads records by id, one SQL statement per batch, from the caller's scoped EntityManager:
 * an id outside the caller's jurisdiction resolves to null, exactly like a missing one.
 */
export function byId<T extends WithId>(ctx: RequestContext, entity: EntityClass<T>): DataLoader<number, T | null> {
  return ctx.loaders.get(`byId:${entity.name}`, () =>
    new DataLoader<number, T | null>(async (ids) => {
      const rows = await findPlainRows(ctx.em, entity, { id: { $in: [...ids] } } as unknown as FilterQuery<T>);
      const found = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => found.get(id) ?? null);
    }),
  );
}

/** Loads the children of many parents through one `where <foreignKey> in (...)` statement per batch. */
export function childrenOf<T extends WithId, K extends string | number>(
  ctx: RequestContext,
  entity: EntityClass<T>,
  foreignKey: keyof T & string,
  extraWhere: FilterQuery<T> = {} as FilterQuery<T>,
  cacheKey = '',
): DataLoader<K, T[]> {
  return ctx.loaders.get(`children:${entity.name}.${foreignKey}:${cacheKey}`, () =>
    new DataLoader<K, T[]>(async (parents) => {
      const where = { $and: [extraWhere, { [foreignKey]: { $in: [...parents] } }] } as FilterQuery<T>;
      const rows = await findPlainRows(ctx.em, entity, where, { orderBy: { id: 'asc' } as never });
      const grouped = new Map<K, T[]>(parents.map((p) => [p, []]));
      for (const row of rows) grouped.get(row[foreignKey] as K)?.push(row);
      return parents.map((p) => grouped.get(p) ?? []);
    }),
  );
}

/** Reference resolution for `_entities`: a representation's id goes through the per-request loader. */
export function parseId(value: unknown): number | null {
  const id = typeof value === 'number' ? value : Number(value);
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}
