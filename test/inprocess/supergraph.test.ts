import { readFileSync } from 'node:fs';
import { composeSupergraph } from '@civic/scripts/composition';

describe('the committed supergraph', () => {
  it('composes without errors and matches schema/ exactly (run `npm run compose` after a schema change)', async () => {
    const { supergraphSdl, subgraphSdls } = await composeSupergraph();
    expect(readFileSync('schema/supergraph.graphql', 'utf8')).toBe(supergraphSdl);
    for (const [name, sdl] of Object.entries(subgraphSdls)) {
      expect(readFileSync(`schema/subgraphs/${name}.graphql`, 'utf8')).toBe(sdl);
    }
  });

  it('exposes the names the contract promises', async () => {
    const { supergraphSdl } = await composeSupergraph();
    for (const field of ['residents(', 'resident(', 'buildings(', 'building(', 'incidents(', 'incident(', 'grid(']) {
      expect(supergraphSdl).toContain(field);
    }
  });
});
