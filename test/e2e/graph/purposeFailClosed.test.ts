import { freePort } from '@civic/launcher';
import { graphql, tokenFor } from '@civic/testkit';
import { startGatewayProcess, subgraphUrlEnv, type GatewayProcess } from '../support/gatewayProcess';
import { runningPlatforms } from '../support/platforms';

/**
 * A gateway that cannot reach the access service has no purpose catalogue: a request stating a purpose
 * cannot be checked, so it is refused with a code of its own; a request stating none is served.
 */
describe('a gateway without the purpose catalogue', () => {
  const platform = runningPlatforms()[0]!;
  let gateway: GatewayProcess | undefined;
  let url = '';

  beforeAll(async () => {
    gateway = await startGatewayProcess({ ...subgraphUrlEnv(platform.subgraphUrls), ACCESS_URL: `http://127.0.0.1:${await freePort()}/graphql` });
    url = `${gateway.origin}/graphql`;
  });
  afterAll(async () => {
    await gateway?.stop();
  });

  it('refuses a stated purpose with PURPOSE_CATALOGUE_UNAVAILABLE', async () => {
    const response = await graphql(url, '{ residents(first: 1) { edges { node { name } } } }', {}, { token: await tokenFor('police'), purpose: 'welfare-check' });
    expect(response.status).toBe(503);
    expect(response.data).toBeUndefined();
    expect(response.errors).toEqual([expect.objectContaining({ message: expect.stringMatching(/^x-access-purpose: the purpose catalogue is not available/), extensions: expect.objectContaining({ code: 'PURPOSE_CATALOGUE_UNAVAILABLE' }) })]);
  });

  it('serves a request that states no purpose', async () => {
    const response = await graphql(url, '{ residents(first: 1) { edges { node { name } } } }', {}, { token: await tokenFor('police') });
    expect(response.status).toBe(200);
    expect(response.data!.residents.edges[0].node.name).toEqual(expect.any(String));
  });

  it('reports itself degraded on /readyz, naming the access service and the purpose catalogue: data queries are served', async () => {
    const readiness = await fetch(`${gateway!.origin}/readyz`);
    expect(readiness.status).toBe(200);
    const body = (await readiness.json()) as { status: string; subgraphs: Record<string, string>; reasons: string[] };
    expect(body).toMatchObject({ status: 'degraded', subgraphs: { access: 'down', population: 'up' } });
    expect(body.reasons.map((reason) => reason.split(':')[0])).toEqual(['access', 'purpose catalogue']);
  });
});
