import type { Identity, Logger } from '@civic/runtime';
import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { rateLimited, type RateLimitName } from './errors.js';
import type { RateLimits } from './settings.js';

export interface RateLimiter {
  /** Counts one request of a verified caller; throws RATE_LIMITED (HTTP 429) when their or their department's budget is used up. */
  consume(identity: Identity): Promise<void>;
  stop(): Promise<void>;
}

interface Budget {
  name: RateLimitName;
  allowed: number;
  limiter: RateLimiterAbstract;
  keyOf: (identity: Identity) => string;
}

/**
 * With Redis, every gateway process counts in the same keys. When Redis cannot be reached, each
 * process counts in memory meanwhile (rate-limiter-flexible's insurance limiter): the graph stays up
 * for a city's duty desks during a Redis outage, and every process still holds each caller to the
 * per-process budget, so a flood stays bounded by replicas x budget instead of going unchecked.
 */
function counterFor(limits: RateLimits, points: number, keyPrefix: string, redis: Redis | undefined): RateLimiterAbstract {
  const memory = new RateLimiterMemory({ points, duration: limits.windowSeconds, keyPrefix });
  if (!redis) return memory;
  return new RateLimiterRedis({ storeClient: redis, points, duration: limits.windowSeconds, keyPrefix, insuranceLimiter: memory });
}

function connectRedis(url: string, logger: Logger): Redis {
  // No offline queue: while Redis is away a count fails at once and goes to the in-memory counter, instead of waiting.
  const redis = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 2000 });
  let reachable: boolean | undefined;
  redis.on('ready', () => {
    if (reachable !== true) logger.info({ redis: redis.options.host }, 'rate limits counted in Redis, shared by every gateway process');
    reachable = true;
  });
  redis.on('error', (error: Error) => {
    if (reachable !== false) logger.warn({ err: error, redis: redis.options.host }, 'Redis unreachable: rate limits counted per gateway process in memory until it answers again');
    reachable = false;
  });
  return redis;
}

export function createRateLimiter(limits: RateLimits, logger: Logger): RateLimiter {
  const redis = limits.redisUrl ? connectRedis(limits.redisUrl, logger) : undefined;
  const budgets: Budget[] = [
    { name: 'user', allowed: limits.perUser, limiter: counterFor(limits, limits.perUser, `${limits.keyPrefix}:user`, redis), keyOf: (identity) => identity.subject },
    {
      name: 'department',
      allowed: limits.perDepartment,
      limiter: counterFor(limits, limits.perDepartment, `${limits.keyPrefix}:department`, redis),
      keyOf: (identity) => identity.department,
    },
  ];
  return {
    async consume(identity) {
      // In order: a caller refused for their own budget does not spend their department's.
      for (const budget of budgets) {
        try {
          await budget.limiter.consume(budget.keyOf(identity));
        } catch (refusal) {
          if (!(refusal instanceof RateLimiterRes)) throw refusal;
          throw rateLimited(budget.name, budget.allowed, limits.windowSeconds, Math.max(1, Math.ceil(refusal.msBeforeNext / 1000)));
        }
      }
    },
    async stop() {
      redis?.disconnect();
    },
  };
}
