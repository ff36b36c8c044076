import cluster, { type Worker } from 'node:cluster';
import { createLogger, type ServiceConfig } from '@civic/runtime';

/**
 * GATEWAY_WORKERS > 1: this process only forks the workers, which share the port (the primary hands
 * each new connection to the next worker). A worker that dies ends the whole gateway with its exit
 * code, so the process manager restarts a known state instead of a half-sized gateway.
 */
export function superviseWorkers(count: number, config: ServiceConfig): void {
  const logger = createLogger('gateway', config.logLevel, config.observability.logFormat);
  let stopping = false;
  const workers: Worker[] = Array.from({ length: count }, () => cluster.fork());
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit();
      return;
    }
    logger.error({ worker: worker.process.pid, code, signal }, 'gateway worker died; stopping the gateway');
    stopping = true;
    for (const other of workers) if (other !== worker) other.process.kill('SIGTERM');
    process.exitCode = code || 1;
  });
  const stop = () => {
    stopping = true;
    for (const worker of workers) worker.process.kill('SIGTERM');
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  logger.info({ workers: count }, 'gateway workers started');
}
