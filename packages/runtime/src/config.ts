import { resolve } from 'node:path';
import { z } from 'zod';

/**
 * Environment configuration: each service declares one zod schema, composed from the pieces below, and
 * parses it once at start-up with `parseEnv`. A bad configuration stops the process (exit 78, see
 * runService) with every problem listed at once: the variable, what it holds, what it should hold.
 */

/** Services compose their schemas from the pieces below with this same zod instance. */
export { z };

export type Env = Record<string, string | undefined>;

export interface ConfigProblem {
  variable: string;
  /** What the variable holds, as a phrase: `is "chatty"`, `is not set`; never a secret's value. */
  holds: string;
  /** What it should hold, as a phrase: `one of on, off`. */
  expected: string;
}

export class ConfigError extends Error {
  override name = 'ConfigError';

  constructor(
    message: string,
    readonly problems: readonly ConfigProblem[] = [],
  ) {
    super(message);
  }

  static of(problems: readonly ConfigProblem[]): ConfigError {
    return new ConfigError(problems.map((p) => `${p.variable} ${p.holds}; it should be ${p.expected}`).join('\n'), problems);
  }
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export const NODE_ENVS = ['development', 'production', 'test'] as const;

function integer(expected: string, min: number, max = Number.MAX_SAFE_INTEGER) {
  return z
    .string()
    .regex(/^\d+$/, { error: expected })
    .transform(Number)
    .refine((value) => value >= min && value <= max, { error: expected });
}

export const portValue = (fallback: number) => integer('a TCP port between 0 and 65535', 0, 65535).default(fallback);
export const positiveIntValue = (fallback: number) => integer('a positive integer', 1).default(fallback);
export const integerAtLeastValue = (min: number, fallback: number) => integer(`an integer of at least ${min}`, min).default(fallback);
export const httpUrlValue = z.url({ protocol: /^https?$/, error: 'an http:// or https:// URL' });
export const postgresUrlValue = z.url({ protocol: /^postgres(ql)?$/, error: 'a postgres:// URL' });
/** A file path, resolved against the working directory once, so later chdirs cannot change its meaning. */
export const pathValue = (fallback: string) => z.string().default(fallback).transform((path) => resolve(path));
export const oneOf = <const T extends readonly [string, ...string[]]>(values: T) => z.enum(values, { error: `one of ${values.join(', ')}` });

/**
 * Variables whose names are computed (`<SERVICE>_DATABASE_URL`, `<SUBGRAPH>_URL`): validated like the
 * others, but TypeScript cannot name them, so they are read back with `computedVariable`.
 */
export function computedVariables(names: readonly string[], schema: z.ZodType<string | undefined>): Record<never, never> {
  return Object.fromEntries(names.map((name) => [name, schema]));
}

export function computedVariable(parsed: object, name: string): string | undefined {
  return (parsed as Record<string, string | undefined>)[name];
}

export const logEnv = z.object({ LOG_LEVEL: oneOf(LOG_LEVELS).default('info') });

export const LOG_FORMATS = ['json', 'pretty'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

/** What every service reads for observability: log format and the standard OpenTelemetry exporter endpoints. */
export const observabilityEnv = z.object({
  LOG_FORMAT: oneOf(LOG_FORMATS).optional(),
  OTEL_EXPORTER_OTLP_ENDPOINT: httpUrlValue.optional(),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: httpUrlValue.optional(),
});

/**
 * Where development keys are made and found (see keys/developmentKeys.ts). NODE_ENV=production never
 * makes keys: each service's key variables must then be set.
 */
export const keysDirEnv = z.object({
  NODE_ENV: oneOf(NODE_ENVS).default('development'),
  KEYS_DIR: pathValue('.data/keys'),
});

/** The development key directory, or undefined under NODE_ENV=production. */
export function developmentKeysDirOf(parsed: z.output<typeof keysDirEnv>): string | undefined {
  return parsed.NODE_ENV === 'production' ? undefined : parsed.KEYS_DIR;
}

/**
 * How long a stopping service (SIGTERM, SIGINT) lets the requests in flight finish before it cuts them,
 * and, once they are answered, how long it may spend shipping its audit outbox. Whoever stops a service
 * (the launcher, an orchestrator) should wait longer than twice this before killing it.
 */
export const shutdownEnv = z.object({ SHUTDOWN_GRACE_MS: positiveIntValue(10_000) });

/** What every service reads: where it listens, how much it logs, where its development keys live, how it stops. */
export const serviceEnv = (defaultPort: number) =>
  logEnv.extend(keysDirEnv.shape).extend(observabilityEnv.shape).extend(shutdownEnv.shape).extend({
    PORT: portValue(defaultPort),
    HOST: z.string().default('127.0.0.1'),
  });

type ObservabilitySettings = z.output<typeof observabilityEnv>;

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
export function observabilityOf(parsed: ObservabilitySettings, stdoutIsTerminal = process.stdout.isTTY === true): ObservabilityConfig {
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

/** What every service's configuration holds, from `serviceEnv`. */
export interface ServiceConfig {
  port: number;
  host: string;
  logLevel: LogLevel;
  observability: ObservabilityConfig;
  /** Where development keys stand in for unset key variables; undefined under NODE_ENV=production. */
  developmentKeysDir: string | undefined;
  /** SHUTDOWN_GRACE_MS: how long a stop waits for requests in flight, then for the audit outbox to ship. */
  shutdownGraceMs: number;
}

export function serviceConfigOf(parsed: z.output<ReturnType<typeof serviceEnv>>): ServiceConfig {
  return {
    port: parsed.PORT,
    host: parsed.HOST,
    logLevel: parsed.LOG_LEVEL,
    observability: observabilityOf(parsed),
    developmentKeysDir: developmentKeysDirOf(parsed),
    shutdownGraceMs: parsed.SHUTDOWN_GRACE_MS,
  };
}

/** Where the composed schema (the gateway's supergraph, the policy's field catalog) is read from. */
export const supergraphEnv = z.object({ SUPERGRAPH_PATH: pathValue('schema/supergraph.graphql') });

function holds(variable: string, value: string | undefined): string {
  if (value === undefined) return 'is not set';
  // Key files and directories are named by their paths, which are no secret; anything else keyed is.
  if (/SECRET|PASSWORD|KEY/.test(variable) && !/_(PATH|DIR)$/.test(variable)) return `holds a ${value.length}-character secret`;
  return `is "${value}"`;
}

/**
 * The one place that reads the process environment. An empty variable counts as unset (compose files
 * and shells often pass `VAR=`). Throws a ConfigError listing every problem.
 */
export function parseEnv<S extends z.ZodType>(schema: S, env: Env = process.env): z.output<S> {
  const given = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== '')) as Record<string, string>;
  const result = schema.safeParse(given);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const variable = String(issue.path[0] ?? '(environment)');
    return { variable, holds: holds(variable, given[variable]), expected: issue.message };
  });
  throw ConfigError.of(problems);
}
