import { LockMode, type EntityName } from '@mikro-orm/core';
import { PgliteDriver } from '@mikro-orm/pglite';
import type { EntityManager } from './database.js';
import type { Orm } from './database.js';

/**
 * Takes the oldest `limit` rows of an outbox table, ships them, and deletes them once shipped; returns how
 * many it shipped (0: the outbox was empty, or every row is being shipped by another replica).
 *
 * On PostgreSQL, replicas of a subgraph share its outbox: each claims its batch with FOR UPDATE SKIP
 * LOCKED in a transaction held while it ships, so no row goes out twice, and a replica that dies
 * mid-shipment releases its rows for the others. PGlite serves one process over one connection: a
 * transaction held across the shipment would stall every request, and there is no other replica.
 */
export async function shipOldest<T extends { id: number }>(orm: Orm, entity: EntityName<T>, limit: number, ship: (batch: T[]) => Promise<void>): Promise<number> {
  const shipFrom = async (em: EntityManager, lockMode?: LockMode.PESSIMISTIC_PARTIAL_WRITE) => {
    const batch = (await em.find(entity, {}, { orderBy: { id: 'asc' } as never, limit, ...(lockMode ? { lockMode } : {}) })) as T[];
    if (batch.length === 0) return 0;
    await ship(batch);
    // By exact ids: a concurrent insert may commit a lower id after this batch was read.
    await em.nativeDelete(entity, { id: { $in: batch.map((entry) => entry.id) } } as never);
    return batch.length;
  };
  const em = orm.em.fork() as EntityManager;
  if (orm.config.getDriver() instanceof PgliteDriver) return shipFrom(em);
  return em.transactional((transaction) => shipFrom(transaction as EntityManager, LockMode.PESSIMISTIC_PARTIAL_WRITE));
}
