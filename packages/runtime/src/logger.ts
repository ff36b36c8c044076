import { pino, type Logger } from 'pino';
import type { LogLevel } from './config.js';

export type { Logger };

/** Structured JSON logs on stdout, one logger per service, at the level its configuration (LOG_LEVEL) names. */
export function createLogger(service: string, level: LogLevel): Logger {
  return pino({
    name: service,
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
}
