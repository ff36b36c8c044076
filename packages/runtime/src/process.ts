import cluster from 'node:cluster';
import { ConfigError } from './config.js';

/** What stops a service: an orchestrator's SIGTERM, a terminal's Ctrl-C. */
export const STOP_SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/**
 * The body of every service's main.ts: start, stop cleanly on SIGINT/SIGTERM (the service's stop drains
 * its requests within SHUTDOWN_GRACE_MS, then exit 0), and explain a bad configuration with one line per
 * problem (exit code 78, EX_CONFIG) rather than a stack trace.
 */
export async function runService(name: string, start: () => Promise<{ stop: () => Promise<void> }>): Promise<void> {
  // Listening from the first moment: a signal that arrives while the service is still starting (an
  // orchestrator giving up on it, a gateway primary stopping a worker it just forked) must not kill it
  // with the signal's default action; the service stops as soon as it has started, and exits 0. A
  // second signal while it is still starting ends it at once, for a person who will not wait.
  let stopRequested = false;
  let running: { stop: () => Promise<void> } | undefined;
  let stopping = false;
  const shutdown = () => {
    if (!running) {
      if (stopRequested) process.exit(1);
      process.stderr.write(`${name}: stopping as soon as it has started (signal again to stop at once)\n`);
    }
    stopRequested = true;
    // One stop however many signals arrive: a terminal's Ctrl-C reaches a process that its parent stops too.
    if (!running || stopping) return;
    stopping = true;
    running.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`${name}: stopping failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
        process.exit(1);
      },
    );
  };
  for (const signal of STOP_SIGNALS) process.on(signal, shutdown);
  stopWhenParentGoes(shutdown);
  try {
    running = await start();
  } catch (error) {
    if (error instanceof ConfigError) exitForConfiguration(name, error);
    throw error;
  }
  if (stopRequested) shutdown();
}

/**
 * A service started with an IPC channel (the launcher starts every service so) stops when the channel
 * closes: its parent has gone, however it went (even SIGKILL), and the service must not outlive it.
 * Cluster workers are left to node:cluster, which ends them when their primary goes.
 */
export function stopWhenParentGoes(stop: () => void): void {
  if (process.channel && !cluster.isWorker) process.once('disconnect', stop);
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
