import { runSubgraphMain } from '@civic/shared';
import { incidents } from './index.js';

await runSubgraphMain(incidents);
