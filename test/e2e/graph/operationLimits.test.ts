import { graphql, tokenFor } from '@civic/testkit';
import { eachBackend } from '../support/platforms';

/** Each operation below breaks one limit of the gateway's defaults (gateway/src/limits/settings.ts). */
const GRID = '330101002001001';

function repeated(count: number, item: (index: number) => string): string {
  return Array.from({ length: count }, (_, index) => item(index)).join(' ');
}

/** Nested fragments over household members: 3 levels of page, then 8 of fragments, each spreading the next (the heap attack of issue 9). */
const NESTED_FRAGMENTS =
  '{ residents(first: 200) { edges { node { ...F1 } } } } ' +
  repeated(8, (i) => `fragment F${i + 1} on Resident { householdMembers { id ...F${i + 2} } }`) +
  ' fragment F9 on Resident { name }';

/** Lists of 200 nested across subgraphs four levels deep (the 24 s, 1.2 GB attack of issue 9). */
const NESTED_PAGES = '{ buildings(first: 200) { edges { node { residents { incidents { building { residents { name incidents { id } } } } } } } } }';

describe.each(eachBackend())('operation limits at the gateway (%s)', (_backend, platform) => {
  let token: string;
  const ask = (query: string, variables: Record<string, unknown> = {}) => graphql(platform.gatewayUrl, query, variables, { token });
  beforeAll(async () => {
    token = await tokenFor('emergency', { role: 'duty', subject: `limits-${_backend}` });
  });

  async function expectRefused(query: string, limit: string, allowed: number, variables: Record<string, unknown> = {}) {
    const started = performance.now();
    const answer = await ask(query, variables);
    const elapsed = performance.now() - started;
    expect(answer.status).toBe(400);
    expect(answer.data ?? null).toBeNull();
    expect(answer.errors).toHaveLength(1);
    const [error] = answer.errors!;
    expect(error!.extensions).toMatchObject({ code: 'OPERATION_LIMIT_EXCEEDED', limit, allowed });
    expect(error!.extensions!.found as number).toBeGreaterThan(allowed);
    expect(error!.message).toContain(`(${limit})`);
    expect(error!.message).toContain(String(allowed));
    return { error: error!, elapsed };
  }

  it('refuses a query deeper than 12 levels, naming the depth found', async () => {
    const deep = '{ residents(first: 1) { edges { node { building { residents { building { residents { building { residents { building { residents { building { id } } } } } } } } } } } } }';
    const { error } = await expectRefused(deep, 'maxDepth', 12);
    expect(error.extensions!.found).toBe(13);
  });

  it('refuses more than 15 aliases', async () => {
    const { error } = await expectRefused(`{ resident(id: "1") { ${repeated(16, (i) => `a${i}: name`)} } }`, 'maxAliases', 15);
    expect(error.extensions!.found).toBe(16);
  });

  it('refuses more than 10 root fields in a query', async () => {
    const { error } = await expectRefused(`{ ${repeated(11, (i) => `g${i}: grid(code: "${GRID}") { code }`)} }`, 'maxRootFields', 10);
    expect(error.extensions!.found).toBe(11);
  });

  it('refuses 400 aliased reportIncident in one request, and writes none of them', async () => {
    const marker = `limits-${Date.now()}`;
    // The input comes as a variable: written out 400 times, the document would pass the token limit first.
    const input = { category: 'FIRE_HAZARD', source: 'HOTLINE', severity: 'LOW', title: marker, description: marker, gridCode: GRID };
    const mutation = `mutation($input: ReportIncidentInput!) { ${repeated(400, (i) => `r${i}: reportIncident(input: $input) { id }`)} }`;
    const { error } = await expectRefused(mutation, 'maxMutationFields', 3, { input });
    expect(error.extensions!.found).toBe(400);
    const written = () => ask(`{ incidents(filter: { textContains: "${marker}" }) { totalCount } }`).then((answer) => answer.data!.incidents.totalCount);
    expect(await written()).toBe(0);
    // The same mutation once is within the limits, and its incident is found by the same search.
    const one = await ask('mutation($input: ReportIncidentInput!) { reportIncident(input: $input) { id } }', { input });
    expect(one.errors).toBeUndefined();
    expect(await written()).toBe(1);
  });

  it('refuses more than 20 directives', async () => {
    const { error } = await expectRefused(`query($yes: Boolean!) { resident(id: "1") { ${repeated(21, () => 'name @include(if: $yes)')} } }`, 'maxDirectives', 20, { yes: true });
    expect(error.extensions!.found).toBe(21);
  });

  it('refuses a document of more than 5000 tokens before validating it', async () => {
    await expectRefused(`{ ${'__typename '.repeat(5000)} }`, 'maxTokens', 5000);
  });

  it('refuses nested pages whose estimated cost is over 50,000, counting first from the variables', async () => {
    const query = 'query($n: Int) { buildings(first: $n) { edges { node { residents { incidents { id } } } } } }';
    // 1 + n x (edge 1 + node 1 + residents 100 x (1 + incidents 20 x 1)): 24 buildings cost 50,449, 23 cost 48,347.
    const { error } = await expectRefused(query, 'maxCost', 50_000, { n: 24 });
    expect(error.extensions!.found).toBe(50_449);
    const allowed = await ask(query, { n: 23 });
    expect(allowed.errors).toBeUndefined();
    expect(allowed.data!.buildings.edges).toHaveLength(23);
  });

  it('refuses the attacks of issue 9 in well under a second while other requests stay fast', async () => {
    const attacks = [NESTED_FRAGMENTS, NESTED_PAGES, NESTED_FRAGMENTS, NESTED_PAGES];
    const started = performance.now();
    const [ordinary, ...refusals] = await Promise.all([
      ask(`{ residents(first: 20, filter: { gridCodePrefix: "${GRID}" }) { edges { node { name building { address } } } } }`),
      ...attacks.map((attack) => expectRefused(attack, 'maxCost', 50_000)),
    ]);
    const elapsed = performance.now() - started;
    expect(ordinary!.errors).toBeUndefined();
    expect(ordinary!.data!.residents.edges.length).toBeGreaterThan(0);
    for (const refusal of refusals) expect(refusal.elapsed).toBeLessThan(1000);
    expect(elapsed).toBeLessThan(3000);
  });

  it('lets an operation within every limit through', async () => {
    const { errors, data } = await ask(
      `query($first: Int) { residents(first: $first, filter: { gridCodePrefix: "${GRID}" }) { totalCount edges { node { name building { address hazards { id } } } } } }`,
      { first: 200 },
    );
    expect(errors).toBeUndefined();
    expect(data!.residents.totalCount).toBeGreaterThan(0);
  });
});
