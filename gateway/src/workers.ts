import cluster, { type Worker } from 'node:cluster';
import { createLogger, STOP_SIGNALS, stopWhenParentGoes, type ServiceConfig } from '@civic/runtime';

/**
 * GATEWAY_WORKERS > 1: this process only forks the workers, which share the port (the primary hands
 * each new connection to the next worker). A worker that dies ends the whole gateway with its exit
 * code, so the process manager restarts a known state instead of a half-sized gateway.
 *
 * Stopping (SIGTERM, SIGINT, or the launcher gone) is passed to every worker as SIGTERM; each drains
 * its own requests (see runService), and the primary exits once all have, 0 if each exited 0.
 */
export function superviseWorkers(count: number, config: ServiceConfig): void {
  const logger = createLogger('gateway', config.logLevel, config.observability.logFormat);
  let stopping = false;
  const workers = Array.from({ length: count }, () => cluster.fork());
  // A worker still loading its modules when the stop comes has no handler yet and dies of the SIGTERM;
  // it had not listened, so it held no request: that death is a clean stop, not a failure.
  const listened = new Set<number>();
  cluster.on('listening', (worker) => listened.add(worker.id));
  const stoppedBeforeListening = (worker: Worker, signal: string) => signal === 'SIGTERM' && !listened.has(worker.id);
  const stopWorkers = () => {
    for (const worker of workers) if (!worker.isDead()) worker.process.kill('SIGTERM');
  };
  cluster.on('exit', (worker, code, signal) => {
    if (!stopping) {
      logger.error({ worker: worker.process.pid, code, signal }, 'gateway worker died; stopping the gateway');
      stopping = true;
      stopWorkers();
      process.exitCode = code || 1;
    } else if (code !== 0 && !stoppedBeforeListening(worker, signal)) {
      logger.error({ worker: worker.process.pid, code, signal }, 'gateway worker did not stop cleanly');
      process.exitCode ||= code || 1;
    }
    if (workers.every((w) => w.isDead())) process.exit();
  });
  const stop = () => {
    if (stopping) return;
    stopping = true;
    logger.info({ workers: count }, 'stopping: each worker drains its requests');
    stopWorkers();
  };
  for (const signal of STOP_SIGNALS) process.on(signal, stop);
  stopWhenParentGoes(stop);
  logger.info({ workers: count }, 'gateway workers started');
}
