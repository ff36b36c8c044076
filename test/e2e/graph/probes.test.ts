import { eachBackend } from '../support/platforms';

describe.each(eachBackend())('/livez and /readyz (%s)', (_backend, platform) => {
  const services = () => ({ gateway: platform.gatewayUrl, ...platform.subgraphUrls });

  it('every service is alive', async () => {
    for (const [name, url] of Object.entries(services())) {
      const response = await fetch(new URL('/livez', url));
      expect([name, response.status]).toEqual([name, 200]);
    }
  });

  it('every subgraph is ready: its database answers and, if governed, a policy is in force', async () => {
    for (const [name, url] of Object.entries(platform.subgraphUrls)) {
      const response = await fetch(new URL('/readyz', url));
      const body = (await response.json()) as { database: string; policyVersion?: number | null };
      expect([name, response.status, body.database]).toEqual([name, 200, 'up']);
      if (name !== 'access') expect(body.policyVersion).toBeGreaterThanOrEqual(1);
    }
  });

  it('the gateway is ready once every subgraph is', async () => {
    const response = await fetch(new URL('/readyz', platform.gatewayUrl));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ gateway: 'up', subgraphs: { population: 'up', buildings: 'up', incidents: 'up', resources: 'up', access: 'up' } });
  });
});
