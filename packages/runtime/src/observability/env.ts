import { observabilityEnv, parseEnv, type Env, type LogFormat, type z } from '../config.js';

export interface ObservabilityConfig {
  logFormat: LogFormat;
  /** Where spans are POSTed (OTLP/HTTP); undefined turns tracing off entirely. */
  tracesEndpoint: string | undefined;
}

/**
 * Pretty logs for a person at a terminal, JSON lines for everything else (files, collectors, the
 * launcher's pipe unless it asks for pretty). The traces URL follows the OTLP specification: the
 * signal-specific variable is used as is, the generic one gets `/v1/traces` appended.
 */
export function observabilityOf(parsed: z.output<typeof observabilityEnv>, stdoutIsTerminal = process.stdout.isTTY === true): ObservabilityConfig {
  const { LOG_FORMAT, OTEL_EXPORTER_OTLP_ENDPOINT, OTEL_EXPORTER_OTLP_TRACES_ENDPOINT } = parsed;
  const generic = OTEL_EXPORTER_OTLP_ENDPOINT ? `${OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/+$/, '')}/v1/traces` : undefined;
  return {
    logFormat: LOG_FORMAT ?? (stdoutIsTerminal ? 'pretty' : 'json'),
    tracesEndpoint: OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? generic,
  };
}

/** The observability settings alone, for tools that read nothing else. */
export function observabilityConfigFromEnv(env: Env = process.env, stdoutIsTerminal = process.stdout.isTTY === true): ObservabilityConfig {
  return observabilityOf(parseEnv(observabilityEnv, env), stdoutIsTerminal);
}
