import { ConfigError } from './config.js';

/**
 * The body of every service's main.ts: start, stop cleanly on SIGINT/SIGTERM, and explain a bad
 * configuration in one line (exit code 78, EX_CONFIG) rather than a stack trace.
 */
export async function runService(name: string, start: () => Promise<{ stop: () => Promise<void> }>): Promise<void> {
  let running: { stop: () => Promise<void> };
  try {
    running = await start();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${name}: configuration error: ${error.message}\n`);
      process.exit(78);
    }
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
