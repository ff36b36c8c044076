import cluster from 'node:cluster';
import { configOrExit, runService } from '@civic/runtime';
import { gatewayConfigFromEnv, startGateway } from './index.js';
import { superviseWorkers } from './workers.js';

const config = configOrExit('gateway', () => gatewayConfigFromEnv());

if (config.workers > 1 && cluster.isPrimary) superviseWorkers(config.workers, config);
else await runService('gateway', () => startGateway(config));
