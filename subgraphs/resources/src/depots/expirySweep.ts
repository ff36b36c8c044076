import { parseEnv, positiveIntValue, type Env, type EntityManager } from '@civic/runtime';
import { recordLiveEvent, type LiveSweep } from '@civic/subgraph-kit';
import { z } from 'zod';

/** How near its last usable day stock is reported to duty desks (stockAlerts, kind stock.expiring). */
const expiryAlertEnv = z.object({ STOCK_EXPIRY_ALERT_DAYS: positiveIntValue(7) });

/**
 * Reports each stock item once when its expiry day comes within the window (or has passed): one
 * statement marks the items and returns them, so two replicas sweeping at once report each item once,
 * and a changed expiry day is reported again.
 */
export function stockExpirySweep(env: Env): LiveSweep {
  const { STOCK_EXPIRY_ALERT_DAYS: days } = parseEnv(expiryAlertEnv, env);
  return {
    name: 'stock expiry',
    async run(em: EntityManager) {
      const reported = await em.execute<{ id: number; grid_code: string }[]>(
        `update stock_item set expiry_reported_for = expires_at
          where expires_at is not null and expires_at <= current_date + ?::int and expiry_reported_for is distinct from expires_at
          returning id, grid_code`,
        [days],
      );
      for (const item of reported) recordLiveEvent(em, { liveEvents: true }, 'stock.expiring', { id: item.id, gridCode: item.grid_code });
      await em.flush();
      return reported.length;
    },
  };
}
