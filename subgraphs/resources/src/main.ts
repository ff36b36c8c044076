import { runSubgraphMain } from '@civic/shared';
import { resources } from './index.js';

await runSubgraphMain(resources);
