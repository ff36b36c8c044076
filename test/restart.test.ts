import { graphql, startTestPlatform, tokenFor, type TestPlatform } from '@civic/shared/testing';

describe('a platform that restarts (PGlite)', () => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await startTestPlatform({ backend: 'pglite', root: process.cwd(), residents: 600 });
  });
  afterAll(async () => {
    await platform?.dispose();
  });

  it('reports each subgraph in /health, and 503 while one is down', async () => {
    const healthy = await fetch(platform.healthUrl);
    expect(healthy.status).toBe(200);
    expect(await healthy.json()).toMatchObject({ status: 'ok', subgraphs: { population: 'up', buildings: 'up', incidents: 'up', resources: 'up' } });
    platform.subgraphs.incidents.child.kill('SIGTERM');
    await new Promise((resolve) => platform.subgraphs.incidents.child.once('exit', resolve));
    const degraded = await fetch(platform.healthUrl);
    expect(degraded.status).toBe(503);
    expect(await degraded.json()).toMatchObject({ subgraphs: { incidents: 'down', population: 'up' } });
    await platform.restartSubgraph('incidents');
    expect((await fetch(platform.healthUrl)).status).toBe(200);
  });

  it('keeps written data across a restart and does not seed twice', async () => {
    const token = await tokenFor('fire');
    const count = async () => (await graphql(platform.gatewayUrl, '{ incidents { totalCount } }', {}, { token })).data!.incidents.totalCount as number;
    const reported = await graphql(
      platform.gatewayUrl,
      'mutation { reportIncident(input: { category: FIRE_HAZARD, source: GRID_PATROL, severity: MEDIUM, title: "Blocked exit", description: "Boxes", gridCode: "330101001001001" }) { id } }',
      {},
      { token },
    );
    expect(reported.errors).toBeUndefined();
    const before = await count();
    await platform.restartSubgraph('incidents');
    expect(await count()).toBe(before);
    const again = await graphql(platform.gatewayUrl, 'query($id: ID!) { incident(id: $id) { title } }', { id: reported.data!.reportIncident.id }, { token });
    expect(again.data!.incident.title).toBe('Blocked exit');
  });
});
