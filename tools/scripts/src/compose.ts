/** `npm run compose`: writes schema/subgraphs/*.graphql and schema/supergraph.graphql from the code. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { composeSupergraph } from './composition.js';

const { subgraphSdls, supergraphSdl } = await composeSupergraph();
mkdirSync(join('schema', 'subgraphs'), { recursive: true });
for (const [name, sdl] of Object.entries(subgraphSdls)) writeFileSync(join('schema', 'subgraphs', `${name}.graphql`), sdl);
writeFileSync(join('schema', 'supergraph.graphql'), supergraphSdl);
process.stdout.write(`wrote schema/supergraph.graphql from ${Object.keys(subgraphSdls).join(', ')}\n`);
