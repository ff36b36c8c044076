import type { LogContext, Logger as OrmLogger, LoggerNamespace, LoggerOptions } from '@mikro-orm/core';
import type { Logger } from '../logger.js';
import { sqlStatementSeconds } from '../metrics.js';
import { recordSqlSpan } from './tracing.js';

/**
 * MikroORM's logger (its `loggerFactory`): its messages (the migrator's "Processing ...") go to the
 * service's pino logger, and every statement's timing feeds the SQL histogram and, when tracing,
 * a span. Namespaces are enabled as in MikroORM's DefaultLogger: by `debug`, or per message.
 */
export class PinoOrmLogger implements OrmLogger {
  private debugMode: boolean | LoggerNamespace[];
  private readonly ignoreDeprecations: boolean | string[];

  constructor(
    private readonly logger: Logger,
    options: LoggerOptions,
  ) {
    this.debugMode = options.debugMode ?? false;
    this.ignoreDeprecations = options.ignoreDeprecations ?? false;
  }

  log(namespace: string, message: string, context?: LogContext): void {
    if (!this.isEnabled(namespace as LoggerNamespace, context)) return;
    const fields = { orm: namespace, ...(context?.label ? { label: context.label } : {}) };
    if (context?.level === 'error') this.logger.error(fields, message);
    else if (context?.level === 'warning') this.logger.warn(fields, message);
    else this.logger.info(fields, message);
  }

  error(namespace: string, message: string, context?: LogContext): void {
    this.log(namespace, message, { ...context, level: 'error' });
  }

  warn(namespace: string, message: string, context?: LogContext): void {
    this.log(namespace, message, { ...context, level: 'warning' });
  }

  logQuery(context: LogContext): void {
    // Transaction control (begin, commit) is logged without a timing: nothing to measure.
    if (context.took !== undefined && context.query) {
      sqlStatementSeconds.observe(context.took / 1000);
      recordSqlSpan(context.query, context.took, context.level === 'error');
    }
    const namespace = context.namespace ?? 'query';
    if (!this.isEnabled(namespace, context)) return;
    this.logger.debug({ orm: namespace, tookMs: context.took, results: context.results, affected: context.affected }, context.query ?? '');
  }

  setDebugMode(debugMode: boolean | LoggerNamespace[]): void {
    this.debugMode = debugMode;
  }

  isEnabled(namespace: LoggerNamespace, context?: LogContext): boolean {
    if (context?.enabled !== undefined) return context.enabled;
    const debugMode = context?.debugMode ?? this.debugMode;
    if (namespace === 'deprecated') {
      return Array.isArray(this.ignoreDeprecations) ? !this.ignoreDeprecations.includes(context?.label ?? '') : !this.ignoreDeprecations;
    }
    return Array.isArray(debugMode) ? debugMode.includes(namespace) : debugMode;
  }
}
