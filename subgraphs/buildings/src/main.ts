import { runSubgraphMain } from '@civic/subgraph-kit';
import { buildings } from './index.js';

await runSubgraphMain(buildings);
