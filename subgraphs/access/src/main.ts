import { runSubgraphMain } from '@civic/shared';
import { access } from './index.js';

await runSubgraphMain(access);
