import { gatewayIssuedTokenFor, graphql, tokenFor } from '@civic/testkit';
import { eachBackend } from '../support/platforms';

const STREET = '330101001';
const OUTSIDE_GRID = '330102001001001';

describe.each(eachBackend())('place scope from the token\'s jurisdiction (%s)', (_backend, platform) => {
  let scoped: string;
  let citywide: string;
  beforeAll(async () => {
    scoped = await tokenFor('community', { jurisdiction: STREET, role: 'grid-worker' });
    citywide = await tokenFor('police');
  });

  it('lists and counts only records inside the jurisdiction, in every subgraph', async () => {
    const query = `{ residents(first: 100) { totalCount edges { node { gridCode } } }
      buildings(first: 100) { totalCount edges { node { gridCode } } }
      incidents(first: 100) { totalCount edges { node { gridCode } } }
      rescueTeams(first: 100) { totalCount edges { node { gridCode } } } }`;
    const inside = await graphql(platform.gatewayUrl, query, {}, { token: scoped });
    const all = await graphql(platform.gatewayUrl, query, {}, { token: citywide });
    expect(inside.errors).toBeUndefined();
    for (const list of ['residents', 'buildings', 'incidents', 'rescueTeams']) {
      const connection = inside.data![list];
      expect(connection.totalCount).toBeGreaterThan(0);
      expect(connection.totalCount).toBeLessThan(all.data![list].totalCount);
      for (const { node } of connection.edges) expect(node.gridCode.startsWith(STREET)).toBe(true);
    }
  });

  it('makes a record outside look exactly like a missing one, also through links and _entities', async () => {
    const outside = await graphql(
      platform.gatewayUrl,
      `query($grid: String!) { residents(first: 1, filter: { gridCodePrefix: $grid }) { edges { node { id building { id } } } } }`,
      { grid: OUTSIDE_GRID },
      { token: citywide },
    );
    const residentId = outside.data!.residents.edges[0].node.id;
    const buildingId = outside.data!.residents.edges[0].node.building.id;
    const scopedAnswer = await graphql(
      platform.gatewayUrl,
      `query($r: ID!, $b: ID!, $g: String!) { resident(id: $r) { id } building(id: $b) { id } grid(code: $g) { code } }`,
      { r: residentId, b: buildingId, g: OUTSIDE_GRID },
      { token: scoped },
    );
    expect(scopedAnswer.errors).toBeUndefined();
    expect(scopedAnswer.data).toEqual({ resident: null, building: null, grid: null });
    const entities = await graphql(
      platform.subgraphUrls.population!,
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Resident { id name } } }`,
      { reps: [{ __typename: 'Resident', id: residentId }] },
      { token: await gatewayIssuedTokenFor('community', { jurisdiction: STREET, role: 'grid-worker' }) },
    );
    expect(entities.data!._entities).toEqual([null]);
  });

  it('does not let a scoped user report an incident outside the jurisdiction', async () => {
    const { data, errors } = await graphql(
      platform.gatewayUrl,
      `mutation { reportIncident(input: { category: FIRE_HAZARD, source: GRID_PATROL, severity: LOW, title: "Test", description: "Outside",
        gridCode: "${OUTSIDE_GRID}" }) { id } }`,
      {},
      { token: scoped },
    );
    expect(data).toEqual({ reportIncident: null });
    expect(errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(errors![0]!.message).toMatch(/input\.gridCode/);
  });
});
