import type { EntityClass, RequiredEntityData } from '@mikro-orm/core';
import type { EntityManager } from '@civic/runtime';

const DEFAULT_CHUNK = 1000;

/**
 * Inserts rows in multi-row INSERT statements of `chunk` rows, never one ORM flush per row.
 * Returns how many rows went in.
 */
export async function bulkInsert<T extends object>(
  em: EntityManager,
  entity: EntityClass<T>,
  rows: Iterable<RequiredEntityData<T>>,
  chunk = DEFAULT_CHUNK,
): Promise<number> {
  let batch: RequiredEntityData<T>[] = [];
  let total = 0;
  for (const row of rows) {
    batch.push(row);
    if (batch.length === chunk) {
      await em.insertMany(entity, batch as never);
      total += batch.length;
      batch = [];
    }
  }
  if (batch.length) {
    await em.insertMany(entity, batch as never);
    total += batch.length;
  }
  return total;
}

/** After inserting rows with explicit ids, move the table's id sequence past them so new rows get fresh ids. */
export async function advanceIdSequence(em: EntityManager, table: string): Promise<void> {
  await em.execute(
    `select setval(pg_get_serial_sequence('${table}', 'id'), coalesce((select max(id) from "${table}"), 0) + 1, false)`,
  );
}

/**
 * Gathers the planner statistics of every table after a bulk load. Without them PostgreSQL guesses,
 * and at a million residents it guessed wrong: `incident where building_id in (...) order by id`
 * walked the primary key for 70 ms instead of using the building_id index for 0.5 ms. Autovacuum
 * would analyze eventually, if it is on; a freshly seeded city should be fast at once.
 */
export async function analyzeTables(em: EntityManager): Promise<void> {
  await em.execute('analyze');
}

/** Indices 0..count-1, as a lazy sequence for generators that map an index to a row. */
export function* range(count: number): Generator<number> {
  for (let i = 0; i < count; i++) yield i;
}

export function* mapIterable<A, B>(source: Iterable<A>, map: (a: A) => B): Generator<B> {
  for (const item of source) yield map(item);
}

export function* flatMapIterable<A, B>(source: Iterable<A>, map: (a: A) => Iterable<B>): Generator<B> {
  for (const item of source) yield* map(item);
}
