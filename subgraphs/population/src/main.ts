import { runSubgraphMain } from '@civic/subgraph-kit';
import { population } from './index.js';

await runSubgraphMain(population);
