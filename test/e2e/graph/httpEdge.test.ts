import { readFileSync } from 'node:fs';
import { Kind, parse, type DefinitionNode, type NameNode } from 'graphql';
import { gatewayIssuedTokenFor, tokenFor } from '@civic/testkit';
import { runningPlatforms } from '../support/platforms';
import { directivesOf, expectAnswerHeaders, OUTSIDE_HOSTS } from '../support/securityHeaders';

/**
 * The HTTP edge of the shared platform (started with no CORS_ORIGINS, not in production): security
 * headers on every kind of answer, no Apollo landing page anywhere, the self-hosted IDE and its assets,
 * and no cross-origin access. None of it depends on the database, so one backend is enough.
 */
const platform = runningPlatforms()[0]!;
const gateway = new URL(platform.gatewayUrl).origin;
const QUERY = '{ residents(first: 1) { totalCount } }';

function post(url: string, body: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
}

describe('security headers', () => {
  it('are on every kind of gateway answer: data, 401, GraphQL and JSON errors, operational routes, 404', async () => {
    const token = await tokenFor('police');
    const answers: [string, Promise<Response>, number][] = [
      ['a query answered', post(platform.gatewayUrl, JSON.stringify({ query: QUERY }), { authorization: `Bearer ${token}` }), 200],
      ['a query without a token', post(platform.gatewayUrl, JSON.stringify({ query: QUERY })), 401],
      ['an invalid query', post(platform.gatewayUrl, JSON.stringify({ query: '{ nope }' }), { authorization: `Bearer ${token}` }), 400],
      ['a body that is not JSON', post(platform.gatewayUrl, '{'), 400],
      ['a GET without the CSRF header', fetch(`${platform.gatewayUrl}?query=${encodeURIComponent(QUERY)}`), 400],
      ['/health', fetch(`${gateway}/health`), 200],
      ['/livez', fetch(`${gateway}/livez`), 200],
      ['/metrics', fetch(`${gateway}/metrics`), 200],
      ['an unknown path', fetch(`${gateway}/nothing-here`), 404],
    ];
    for (const [what, answer, status] of answers) {
      const response = await answer;
      expect([what, response.status]).toEqual([what, status]);
      expectAnswerHeaders(response, what);
    }
  });

  it('are on every subgraph answer too', async () => {
    for (const [name, url] of Object.entries(platform.subgraphUrls)) {
      expectAnswerHeaders(await post(url, JSON.stringify({ query: QUERY })), `${name} /graphql (401)`);
      expectAnswerHeaders(await fetch(new URL('/health', url)), `${name} /health`);
    }
  });
});

describe('answers', () => {
  it('are compact JSON, from the gateway and from every subgraph: no pretty-printing to pay for on either side', async () => {
    const fromGateway = await (await post(platform.gatewayUrl, JSON.stringify({ query: QUERY }), { authorization: `Bearer ${await tokenFor('police')}` })).text();
    expect(fromGateway).toBe(JSON.stringify(JSON.parse(fromGateway)));
    const asTheGateway = { authorization: `Bearer ${await gatewayIssuedTokenFor('police')}` };
    for (const [name, url] of Object.entries(platform.subgraphUrls)) {
      const fromSubgraph = await (await post(url, JSON.stringify({ query: '{ _service { sdl } }' }), asTheGateway)).text();
      expect([name, fromSubgraph]).toEqual([name, JSON.stringify(JSON.parse(fromSubgraph))]);
    }
  });
});

/** Every type and enum of an SDL with its fields or values, federation's own left out: what a client can ask for. */
function shapeOf(sdl: string): string[] {
  const named = parse(sdl).definitions.filter((d): d is Extract<DefinitionNode, { name: NameNode }> => 'name' in d && !!d.name && !/^(_|link__|federation__|join__)/.test(d.name.value));
  const members = (d: DefinitionNode) => ('fields' in d ? (d.fields ?? []).map((f) => f.name.value).filter((field) => !field.startsWith('_')) : 'values' in d ? (d.values ?? []).map((v) => v.name.value) : []);
  return named.filter((d) => d.kind !== Kind.DIRECTIVE_DEFINITION && d.kind !== Kind.SCALAR_TYPE_DEFINITION).map((d) => `${d.name.value}: ${members(d).join(' ')}`).sort();
}

describe('the running services', () => {
  it('serve the committed subgraph schemas: their bundles keep every class name, which type and entity names are made from', async () => {
    const asTheGateway = { authorization: `Bearer ${await gatewayIssuedTokenFor('police')}` };
    for (const [name, url] of Object.entries(platform.subgraphUrls)) {
      const answer = (await (await post(url, JSON.stringify({ query: '{ _service { sdl } }' }), asTheGateway)).json()) as { data: { _service: { sdl: string } } };
      const committed = shapeOf(readFileSync(`schema/subgraphs/${name}.graphql`, 'utf8'));
      expect(committed.length).toBeGreaterThan(5);
      expect([name, shapeOf(answer.data._service.sdl)]).toEqual([name, committed]);
    }
  });
});

describe("no Apollo landing page, nothing from Apollo's CDN or Google Fonts", () => {
  it('a browser opening /graphql of the gateway or a subgraph gets no page that loads anything from outside', async () => {
    for (const [name, url] of [['gateway', platform.gatewayUrl], ...Object.entries(platform.subgraphUrls)]) {
      for (const path of ['/graphql', '/']) {
        const response = await fetch(new URL(path, url), { headers: { accept: 'text/html,application/xhtml+xml' } });
        const text = await response.text();
        expect([name, path, response.headers.get('content-type') ?? '']).not.toEqual([name, path, expect.stringContaining('text/html')]);
        expect([name, path, OUTSIDE_HOSTS.test(text)]).toEqual([name, path, false]);
      }
    }
  });

  it('subgraphs serve no IDE', async () => {
    for (const url of Object.values(platform.subgraphUrls)) expect((await fetch(new URL('/graphiql', url))).status).toBe(404);
  });
});

describe('the GraphQL IDE at /graphiql (on outside production)', () => {
  it('is a page whose scripts and styles all come from the gateway, with their content types, and none points outside', async () => {
    const page = await fetch(`${gateway}/graphiql`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await page.text();
    const references = [...html.matchAll(/\b(?:src|href)="([^"]+)"/g)].map((match) => match[1]!);
    const assets = references.filter((reference) => !reference.startsWith('data:'));
    expect(assets.every((reference) => reference.startsWith('/graphiql/'))).toBe(true);
    expect(assets.filter((reference) => reference.endsWith('.js'))).toHaveLength(4);
    expect(assets.filter((reference) => reference.endsWith('.css'))).toHaveLength(2);
    expect(OUTSIDE_HOSTS.test(html)).toBe(false);
    for (const asset of assets) {
      const response = await fetch(`${gateway}${asset}`);
      const expectedType = asset.endsWith('.js') ? 'text/javascript; charset=utf-8' : 'text/css; charset=utf-8';
      expect([asset, response.status, response.headers.get('content-type'), response.headers.get('x-content-type-options')]).toEqual([asset, 200, expectedType, 'nosniff']);
      const body = await response.text();
      expect(body.length).toBeGreaterThan(100);
      // Any URL in code is a link in a message or a namespace, never something loaded: the browser test checks what is loaded.
      expect([asset, body.match(OUTSIDE_HOSTS)?.[0]]).toEqual([asset, undefined]);
    }
  });

  it("has a content security policy of its own: scripts and styles from the gateway only, no inline script, no eval, no framing", async () => {
    const directives = directivesOf(await fetch(`${gateway}/graphiql`));
    expect(directives).toMatchObject({
      'default-src': ["'none'"],
      'script-src': ["'self'"],
      'connect-src': ["'self'"],
      'frame-ancestors': ["'none'"],
      'base-uri': ["'none'"],
    });
    expect(Object.values(directives).flat()).not.toEqual(expect.arrayContaining([expect.stringMatching(/unsafe|\*|https?:/)]));
  });
});

describe('CORS with no origin configured', () => {
  it("refuses any origin's preflight (403) and gives no origin an allow header", async () => {
    const preflight = await fetch(platform.gatewayUrl, {
      method: 'OPTIONS',
      headers: { origin: 'http://app.example.test', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
    });
    expect(preflight.status).toBe(403);
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    expect(preflight.headers.get('access-control-allow-methods')).toBeNull();
    const answer = await post(platform.gatewayUrl, JSON.stringify({ query: QUERY }), { origin: 'http://app.example.test', authorization: `Bearer ${await tokenFor('police')}` });
    expect(answer.headers.get('access-control-allow-origin')).toBeNull();
  });
});
