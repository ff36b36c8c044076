import { runSubgraphMain } from '@civic/subgraph-kit';
import { incidents } from './index.js';

await runSubgraphMain(incidents);
