import { z } from 'zod';
import { ConfigError } from '../config.js';

const optionalUrl = z.preprocess((value) => (value === '' ? undefined : value), z.url().optional());

/** The observability variables: log format and the standard OpenTelemetry exporter endpoints. */
export const observabilityEnvSchema = z.object({
  LOG_FORMAT: z.preprocess((value) => (value === '' ? undefined : value), z.enum(['json', 'pretty']).optional()),
  OTEL_EXPORTER_OTLP_ENDPOINT: optionalUrl,
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: optionalUrl,
});

export interface ObservabilityConfig {
  logFormat: 'json' | 'pretty';
  /** Where spans are POSTed (OTLP/HTTP); undefined turns tracing off entirely. */
  tracesEndpoint: string | undefined;
}

/**
 * Pretty logs for a person at a terminal, JSON lines for everything else (files, collectors, the
 * launcher's pipe unless it asks for pretty). The traces URL follows the OTLP specification: the
 * signal-specific variable is used as is, the generic one gets `/v1/traces` appended.
 */
export function observabilityConfigFromEnv(
  env: Record<string, string | undefined>,
  stdoutIsTerminal = process.stdout.isTTY === true,
): ObservabilityConfig {
  const parsed = observabilityEnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '));
  }
  const { LOG_FORMAT, OTEL_EXPORTER_OTLP_ENDPOINT, OTEL_EXPORTER_OTLP_TRACES_ENDPOINT } = parsed.data;
  const generic = OTEL_EXPORTER_OTLP_ENDPOINT ? `${OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/+$/, '')}/v1/traces` : undefined;
  return {
    logFormat: LOG_FORMAT ?? (stdoutIsTerminal ? 'pretty' : 'json'),
    tracesEndpoint: OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? generic,
  };
}
