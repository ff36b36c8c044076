import { runSubgraphMain } from '@civic/subgraph-kit';
import { access } from './index.js';

await runSubgraphMain(access);
