import { configOrExit, runService } from '@civic/runtime';
import { liveConfigFromEnv, startLive } from './index.js';

const config = configOrExit('live', () => liveConfigFromEnv());

await runService('live', () => startLive(config));
