import { graphql, sqlStatementCount, tokenFor } from '@civic/testkit';
import { eachBackend } from '../support/platforms';

const QUERY = `query($code: String!, $first: Int!) { grid(code: $code) { residents(first: $first) { edges { node {
  name building { address hazards { category } incidents { category status } } } } } } }`;

describe.each(eachBackend())('SQL statements per request (%s)', (_backend, platform) => {
  async function statementsFor(first: number, token: string): Promise<Record<string, number>> {
    const before = Object.fromEntries(
      await Promise.all(Object.entries(platform.subgraphUrls).map(async ([name, url]) => [name, await sqlStatementCount(url)] as const)),
    );
    const { data, errors } = await graphql(platform.gatewayUrl, QUERY, { code: '330101001001002', first }, { token });
    expect(errors).toBeUndefined();
    expect(data!.grid.residents.edges).toHaveLength(first);
    const after = await Promise.all(Object.entries(platform.subgraphUrls).map(async ([name, url]) => [name, (await sqlStatementCount(url)) - before[name]!] as const));
    return Object.fromEntries(after);
  }

  it('does not grow with the number of residents on the page (no N+1 anywhere)', async () => {
    const token = await tokenFor('police');
    const few = await statementsFor(10, token);
    const many = await statementsFor(200, token);
    process.stderr.write(`[sql] ${platform.backend}: 10 residents ${JSON.stringify(few)}, 200 residents ${JSON.stringify(many)}\n`);
    expect(many).toEqual(few);
    expect(Object.values(many).reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(6);
  });
});
