import { pino, type Logger } from 'pino';
import pretty from 'pino-pretty';
import { observabilityConfigFromEnv } from './observability/env.js';

export type { Logger };

/**
 * One logger per service, level from LOG_LEVEL: JSON lines, or pino-pretty's human-readable lines
 * when LOG_FORMAT is pretty (the default at a terminal; `npm start` asks its children for it).
 */
export function createLogger(service: string, env: Record<string, string | undefined> = process.env): Logger {
  const options = {
    name: service,
    level: env.LOG_LEVEL ?? 'info',
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  if (observabilityConfigFromEnv(env).logFormat === 'json') return pino(options);
  // Synchronous, like pino's own stdout destination, so a crash never loses its last lines. MikroORM's
  // lines keep their "[migrator]" prefix on the message line rather than an extra line of their own.
  return pino(
    options,
    pretty({ sync: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,service,orm', messageFormat: '{if orm}[{orm}] {end}{msg}' }),
  );
}
