import { ConfigError } from './config.js';

/**
 * The body of every service's main.ts: start, stop cleanly on SIGINT/SIGTERM, and explain a bad
 * configuration with one line per problem (exit code 78, EX_CONFIG) rather than a stack trace.
 */
export async function runService(name: string, start: () => Promise<{ stop: () => Promise<void> }>): Promise<void> {
  let running: { stop: () => Promise<void> };
  try {
    running = await start();
  } catch (error) {
    if (error instanceof ConfigError) exitForConfiguration(name, error);
    throw error;
  }
  const shutdown = () => {
    running.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

/** For a process that needs its configuration before runService (the gateway decides whether to fork workers). */
export function configOrExit<T>(name: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof ConfigError) exitForConfiguration(name, error);
    throw error;
  }
}

function exitForConfiguration(name: string, error: ConfigError): never {
  for (const line of error.message.split('\n')) process.stderr.write(`${name}: configuration error: ${line}\n`);
  process.exit(78);
}
