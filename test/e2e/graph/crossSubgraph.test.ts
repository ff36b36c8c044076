import { graphql, tokenFor } from '@civic/testkit';
import { eachBackend } from '../support/platforms';

const GRID = '330101001001001';

describe.each(eachBackend())('one query across subgraphs (%s)', (_backend, platform) => {
  let token: string;
  beforeAll(async () => {
    token = await tokenFor('police');
  });

  it('answers grid > residents > building > hazards and incidents from three subgraphs', async () => {
    const { status, data, errors } = await graphql(
      platform.gatewayUrl,
      `query($code: String!) { grid(code: $code) { code name residents(first: 50) { totalCount edges { node {
        id name gridCode building { id address gridCode hazards { category } incidents { category status } } } } } } }`,
      { code: GRID },
      { token },
    );
    expect(errors).toBeUndefined();
    expect(status).toBe(200);
    const edges = data!.grid.residents.edges;
    expect(edges).toHaveLength(50);
    expect(data!.grid.residents.totalCount).toBeGreaterThanOrEqual(200);
    for (const { node } of edges) {
      expect(node.gridCode).toBe(GRID);
      expect(node.building.gridCode).toBe(GRID);
      expect(typeof node.building.address).toBe('string');
    }
    const hazards = edges.flatMap((e: any) => e.node.building.hazards);
    const incidents = edges.flatMap((e: any) => e.node.building.incidents);
    expect(hazards.length).toBeGreaterThan(0);
    expect(incidents.length).toBeGreaterThan(0);
  });

  it('follows links the other way: building > residents, incident > building, reporter and dispatches', async () => {
    const { data, errors } = await graphql(
      platform.gatewayUrl,
      `{ building(id: "3") { id residents { id building { id } } }
         incidents(first: 20, filter: { category: NATURAL_DISASTER, status: [CLOSED, RESOLVED] }) { edges { node {
           id gridCode building { id gridCode } reporter { id name } dispatches { id status team { name } incident { id } } } } } }`,
      {},
      { token },
    );
    expect(errors).toBeUndefined();
    expect(data!.building.residents.length).toBeGreaterThan(0);
    for (const resident of data!.building.residents) expect(resident.building.id).toBe('3');
    const nodes = data!.incidents.edges.map((e: any) => e.node);
    for (const incident of nodes) {
      expect(incident.building.gridCode).toBe(incident.gridCode);
      for (const dispatch of incident.dispatches) expect(dispatch.incident.id).toBe(incident.id);
    }
    expect(nodes.some((n: any) => n.dispatches.length > 0)).toBe(true);
  });

  it('resolves a resident\'s incidents and a grid\'s buildings in the subgraphs that own them', async () => {
    const { data, errors } = await graphql(
      platform.gatewayUrl,
      `query($code: String!) { grid(code: $code) { buildings(first: 5) { totalCount edges { node { id gridCode } } } }
         incidents(first: 1, filter: { source: HOTLINE }) { edges { node { id reporter { id incidents { id } } } } } }`,
      { code: GRID },
      { token: await tokenFor('governance') },
    );
    expect(errors).toBeUndefined();
    expect(data!.grid.buildings.totalCount).toBeGreaterThan(0);
    for (const { node } of data!.grid.buildings.edges) expect(node.gridCode).toBe(GRID);
    const incident = data!.incidents.edges[0].node;
    expect(incident.reporter.incidents.map((i: any) => i.id)).toContain(incident.id);
  });

  it('returns null for a record that does not exist, without an error', async () => {
    const { data, errors } = await graphql(platform.gatewayUrl, '{ resident(id: "999999999") { id } grid(code: "999999999999999") { code } }', {}, { token });
    expect(errors).toBeUndefined();
    expect(data).toEqual({ resident: null, grid: null });
  });
});
