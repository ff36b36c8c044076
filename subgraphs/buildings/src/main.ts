import { runSubgraphMain } from '@civic/shared';
import { buildings } from './index.js';

await runSubgraphMain(buildings);
