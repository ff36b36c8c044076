import { runSubgraphMain } from '@civic/subgraph-kit';
import { resources } from './index.js';

await runSubgraphMain(resources);
