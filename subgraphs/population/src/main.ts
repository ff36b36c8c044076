import { runSubgraphMain } from '@civic/shared';
import { population } from './index.js';

await runSubgraphMain(population);
