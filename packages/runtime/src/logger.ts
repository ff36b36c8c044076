import { pino, type Logger } from 'pino';
import pretty from 'pino-pretty';
import type { LogFormat, LogLevel } from './config.js';

export type { Logger };

/**
 * One logger per service, at the level its configuration (LOG_LEVEL) names: JSON lines, or pino-pretty's
 * human-readable lines when LOG_FORMAT is pretty (the default at a terminal; `npm start` asks its
 * children for it).
 */
export function createLogger(service: string, level: LogLevel, format: LogFormat = process.stdout.isTTY ? 'pretty' : 'json'): Logger {
  const options = { name: service, level, base: { service }, timestamp: pino.stdTimeFunctions.isoTime };
  if (format === 'json') return pino(options);
  // Synchronous, like pino's own stdout destination, so a crash never loses its last lines. MikroORM's
  // lines keep their "[migrator]" prefix on the message line rather than an extra line of their own.
  return pino(
    options,
    pretty({ sync: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,service,orm', messageFormat: '{if orm}[{orm}] {end}{msg}' }),
  );
}
