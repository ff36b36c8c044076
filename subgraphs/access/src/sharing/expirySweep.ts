import { parseEnv, positiveIntValue, type Env, type EntityManager } from '@civic/runtime';
import { recordLiveEvent, type LiveSweep } from '@civic/subgraph-kit';
import { z } from 'zod';

/** How long before its end a grant is reported to data officers (grantExpiring, kind grant.expiring). */
const expiryAlertEnv = z.object({ GRANT_EXPIRY_ALERT_HOURS: positiveIntValue(24) });

/**
 * Reports each grant in force once when its end comes within the window, so that the grantee's data
 * officer can ask again in time and the owner's knows what is about to lapse. One statement marks the
 * grants and returns them, so two replicas sweeping at once report each grant once. The event's grid is
 * the grant's scope (empty for the whole city); who may see the grant is decided by `grant(id)`.
 */
export function grantExpirySweep(env: Env): LiveSweep {
  const { GRANT_EXPIRY_ALERT_HOURS: hours } = parseEnv(expiryAlertEnv, env);
  return {
    name: 'grant expiry',
    async run(em: EntityManager) {
      const reported = await em.execute<{ id: number; scope: string }[]>(
        `update access_grant set expiry_reported_for = valid_until
          where revoked_at is null and valid_until > now() and valid_until <= now() + make_interval(hours => ?::int)
            and expiry_reported_for is distinct from valid_until
          returning id, scope`,
        [hours],
      );
      for (const grant of reported) recordLiveEvent(em, { liveEvents: true }, 'grant.expiring', { id: grant.id, gridCode: grant.scope });
      await em.flush();
      return reported.length;
    },
  };
}
