import { loadSubgraph } from '@civic/demo-city';
import { SUBGRAPH_NAMES } from '@civic/launcher';

export { loadSubgraph, SUBGRAPH_NAMES };
