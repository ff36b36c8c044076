import { eachBackend } from '../support/platforms';

describe.each(eachBackend())('/livez and /readyz (%s)', (_backend, platform) => {
  const services = () => ({ gateway: platform.gatewayUrl, ...platform.subgraphUrls });

  it('every service is alive', async () => {
    for (const [name, url] of Object.entries(services())) {
      const response = await fetch(new URL('/livez', url));
      expect([name, response.status]).toEqual([name, 200]);
    }
  });

  it('every subgraph is ready: its database answers and, if governed, a policy is in force; /health says the same', async () => {
    for (const [name, url] of Object.entries(platform.subgraphUrls)) {
      for (const path of ['/readyz', '/health']) {
        const response = await fetch(new URL(path, url));
        const body = (await response.json()) as { status: string; service: string; database: unknown; policy?: { state: string; version?: number }; reasons: string[] };
        expect([name, path, response.status, body.status, body.service, body.database, body.reasons]).toEqual([name, path, 200, 'ready', name, { state: 'up' }, []]);
        if (name !== 'access') expect([name, body.policy?.state, body.policy?.version]).toEqual([name, 'in force', expect.any(Number)]);
      }
    }
  });

  it('the gateway is ready once every subgraph is', async () => {
    for (const path of ['/readyz', '/health']) {
      const response = await fetch(new URL(path, platform.gatewayUrl));
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ status: 'ready', gateway: 'up', subgraphs: { population: 'up', buildings: 'up', incidents: 'up', resources: 'up', access: 'up' }, reasons: [] });
    }
  });
});
