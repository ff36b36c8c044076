import { graphql, tokenFor } from '@civic/testkit';
import { eachBackend } from '../support/platforms';

const QUERY = '{ residents(first: 1) { totalCount } }';

describe.each(eachBackend())('authentication (%s)', (_backend, platform) => {
  const targets = () => [['gateway', platform.gatewayUrl], ...Object.entries(platform.subgraphUrls)] as const;

  async function expectUnauthenticated(url: string, token?: string) {
    const response = await graphql(url, QUERY, {}, token ? { token } : {});
    expect(response.status).toBe(401);
    expect(response.data ?? null).toBeNull();
    expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  }

  it('refuses a request without a token, at the gateway and at every subgraph called directly', async () => {
    for (const [, url] of targets()) await expectUnauthenticated(url);
  });

  it('refuses a token signed with another secret', async () => {
    const forged = await tokenFor('police', { secret: 'a-different-secret-that-is-long-enough-1234' });
    for (const [, url] of targets()) await expectUnauthenticated(url, forged);
  });

  it('refuses an expired token', async () => {
    const expired = await tokenFor('police', { expiresIn: '-1m' });
    for (const [, url] of targets()) await expectUnauthenticated(url, expired);
  });

  it('refuses a malformed Authorization header and says why', async () => {
    const response = await fetch(platform.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Basic abc' },
      body: JSON.stringify({ query: QUERY }),
    });
    expect(response.status).toBe(401);
    const body = (await response.json()) as { errors: { message: string }[] };
    expect(body.errors[0]!.message).toMatch(/Bearer/);
  });

  it('has every subgraph refuse a user\'s own token: only the gateway\'s identity is accepted', async () => {
    const token = await tokenFor('police');
    for (const url of Object.values(platform.subgraphUrls)) {
      const response = await graphql(url, QUERY, {}, { token });
      expect(response.status).toBe(401);
      expect(response.errors?.[0]?.message).toMatch(/gateway-issued/);
    }
  });

  it('accepts a valid token', async () => {
    const response = await graphql(platform.gatewayUrl, QUERY, {}, { token: await tokenFor('police') });
    expect(response.status).toBe(200);
    expect(response.errors).toBeUndefined();
  });
});
