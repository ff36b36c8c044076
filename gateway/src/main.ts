import { runService } from '@civic/shared/process';
import { gatewayConfigFromEnv, startGateway } from './index.js';

await runService('gateway', () => startGateway(gatewayConfigFromEnv()));
