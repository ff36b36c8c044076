import cluster from 'node:cluster';
import { ConfigError } from '@civic/runtime';
import { runService } from '@civic/runtime';
import { gatewayConfigFromEnv, startGateway } from './index.js';
import { superviseWorkers } from './workers.js';

let workers: number;
try {
  workers = gatewayConfigFromEnv().workers;
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`gateway: configuration error: ${error.message}\n`);
  process.exit(78);
}

if (workers > 1 && cluster.isPrimary) superviseWorkers(workers);
else await runService('gateway', () => startGateway(gatewayConfigFromEnv()));
