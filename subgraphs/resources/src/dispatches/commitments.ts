import type { EntityManager } from '@civic/runtime';
import type { QueryResult } from '@mikro-orm/core';
import { RescueTeam } from '../teams/RescueTeam.js';
import { ACTIVE_DISPATCH_STATUSES } from './DispatchStatus.js';

/*
 * Each change to a shared counter or state is ONE conditional statement, so two dispatches racing for the
 * same stock or team cannot both pass a check that only one of them may pass: the database decides.
 */

/** Takes `quantity` from a usable stock item; false when it has too little left or has expired. */
export async function takeStock(em: EntityManager, stockItemId: number, quantity: number): Promise<boolean> {
  const result = await em.execute<QueryResult>(
    'update stock_item set quantity = quantity - ? where id = ? and quantity >= ? and (expires_at is null or expires_at >= current_date)',
    [quantity, stockItemId, quantity],
    'run',
  );
  return result.affectedRows === 1;
}

/** Why takeStock refused, judged by the same clock the statement used. */
export async function stockState(em: EntityManager, stockItemId: number): Promise<{ quantity: number; expired: boolean }> {
  const [row] = await em.execute<{ quantity: number; expired: boolean }[]>(
    'select quantity, coalesce(expires_at < current_date, false) as expired from stock_item where id = ?',
    [stockItemId],
  );
  return row ?? { quantity: 0, expired: false };
}

export async function returnStock(em: EntityManager, stockItemId: number, quantity: number): Promise<void> {
  await em.execute('update stock_item set quantity = quantity + ? where id = ?', [quantity, stockItemId], 'run');
}

/** READY becomes DEPLOYED; false when the team is not READY or not visible to the caller. */
export async function deployTeam(em: EntityManager, teamId: number): Promise<boolean> {
  return (await em.nativeUpdate(RescueTeam, { id: teamId, readiness: 'READY' }, { readiness: 'DEPLOYED' })) === 1;
}

/** A deployed team is READY again once no dispatch of it is still under way. */
export async function releaseTeam(em: EntityManager, teamId: number): Promise<void> {
  const active = ACTIVE_DISPATCH_STATUSES.map(() => '?').join(', ');
  await em.execute(
    `update rescue_team set readiness = 'READY'
      where id = ? and readiness = 'DEPLOYED'
        and not exists (select 1 from dispatch where team_id = ? and status in (${active}))`,
    [teamId, teamId, ...ACTIVE_DISPATCH_STATUSES],
    'run',
  );
}
