import { graphql, tokenFor } from '@civic/testkit';
import { runningPlatforms } from '../support/platforms';

type Department = Parameters<typeof tokenFor>[0];
const COUNTS = `query ($groupBy: [ResidentDimension!]!, $filter: ResidentFilter) {
  residentCounts(groupBy: $groupBy, filter: $filter) { groups { community grid careCategory needsEvacuationAssistance count suppressed } total totalSuppressed protection threshold }
}`;
const EVACUATION_CATEGORIES = ['ELDERLY_LIVING_ALONE', 'DISABLED', 'LEFT_BEHIND_CHILD'];
/** schema/policy.yaml: smallCounts.threshold; the README's rule: withheld under it, else the nearest multiple of 5 (never 0). */
const published = (count: number) => (count < 5 ? null : Math.max(5, Math.round(count / 5) * 5));

interface Listed {
  gridCode: string;
  careCategories: string[];
}

describe('counting residents where they live', () => {
  const platform = runningPlatforms()[0]!;
  const as = async (department: Department, query: string, variables: Record<string, unknown>, jurisdiction?: string) =>
    graphql(platform.gatewayUrl, query, variables, { token: await tokenFor(department, jurisdiction ? { jurisdiction } : {}) });
  let street: string;
  let residents: Listed[];

  /** Tallies by a key, as a person would with the list in hand. */
  const tally = (keys: string[]) => keys.reduce((counts, key) => counts.set(key, (counts.get(key) ?? 0) + 1), new Map<string, number>());

  beforeAll(async () => {
    const first = await as('civil', '{ residents(first: 1) { edges { node { gridCode } } } }', {});
    street = first.data!.residents.edges[0].node.gridCode.slice(0, 9);
    residents = [];
    for (let after: string | null = null; ; ) {
      const page = await as('civil', 'query ($after: String, $s: String!) { residents(first: 500, after: $after, filter: { gridCodePrefix: $s }) { edges { node { gridCode careCategories } } pageInfo { hasNextPage endCursor } } }', { after, s: street });
      expect(page.errors).toBeUndefined();
      residents.push(...page.data!.residents.edges.map((edge: { node: Listed }) => edge.node));
      if (!page.data!.residents.pageInfo.hasNextPage) break;
      after = page.data!.residents.pageInfo.endCursor;
    }
    expect(residents.length).toBeGreaterThan(20);
  });

  it('counts a street by community exactly when no special group is involved', async () => {
    const { data, errors } = await as('civil', COUNTS, { groupBy: ['COMMUNITY'], filter: { gridCodePrefix: street } });
    expect(errors).toBeUndefined();
    const expected = tally(residents.map((r) => r.gridCode.slice(0, 12)));
    expect(data!.residentCounts).toMatchObject({ protection: 'EXACT', threshold: null, total: residents.length, totalSuppressed: false });
    expect(new Map(data!.residentCounts.groups.map((g: { community: string; count: number }) => [g.community, g.count]))).toEqual(expected);
  });

  it('withholds special groups under 5 and rounds the others and the total, so that none can be recovered by subtraction', async () => {
    const { data, errors } = await as('civil', COUNTS, { groupBy: ['COMMUNITY', 'CARE_CATEGORY'], filter: { gridCodePrefix: street } });
    expect(errors).toBeUndefined();
    const counts = tally(residents.flatMap((r) => r.careCategories.map((category) => `${r.gridCode.slice(0, 12)} ${category}`)));
    expect([...counts.values()].some((n) => n < 5)).toBe(true);
    const answer = data!.residentCounts;
    expect(answer).toMatchObject({ protection: 'SUPPRESSED_AND_ROUNDED', threshold: 5, total: published(residents.length) });
    expect(new Map(answer.groups.map((g: { community: string; careCategory: string; count: number | null; suppressed: boolean }) => [`${g.community} ${g.careCategory}`, g.count]))).toEqual(
      new Map([...counts].map(([key, n]) => [key, published(n)])),
    );
    for (const group of answer.groups) expect(group.suppressed).toBe(group.count === null);
  });

  it('refuses grouping by a field the caller may not read, and lets a fire officer count who needs help to evacuate', async () => {
    const care = await as('fire', COUNTS, { groupBy: ['COMMUNITY', 'CARE_CATEGORY'] });
    expect(care.errors![0]).toMatchObject({ extensions: { code: 'FORBIDDEN', field: 'Resident.careCategories', argument: 'groupBy[1]' } });
    const filtered = await as('fire', COUNTS, { groupBy: ['COMMUNITY'], filter: { careCategory: 'ELDERLY_LIVING_ALONE' } });
    expect(filtered.errors![0]!.extensions!.code).toBe('FORBIDDEN');

    const { data, errors } = await as('fire', COUNTS, { groupBy: ['COMMUNITY', 'NEEDS_EVACUATION_ASSISTANCE'], filter: { gridCodePrefix: street } });
    expect(errors).toBeUndefined();
    const counts = tally(residents.map((r) => `${r.gridCode.slice(0, 12)} ${r.careCategories.some((c) => EVACUATION_CATEGORIES.includes(c))}`));
    expect(new Map(data!.residentCounts.groups.map((g: { community: string; needsEvacuationAssistance: boolean; count: number | null }) => [`${g.community} ${g.needsEvacuationAssistance}`, g.count]))).toEqual(
      new Map([...counts].map(([key, n]) => [key, published(n)])),
    );
  });

  it("gives a grid worker the groups of their own community only", async () => {
    const community = residents[0]!.gridCode.slice(0, 12);
    const { data, errors } = await as('community', COUNTS, { groupBy: ['GRID', 'CARE_CATEGORY'] }, community);
    expect(errors).toBeUndefined();
    const mine = residents.filter((r) => r.gridCode.startsWith(community));
    const counts = tally(mine.flatMap((r) => r.careCategories.map((category) => `${r.gridCode} ${category}`)));
    expect(new Map(data!.residentCounts.groups.map((g: { grid: string; careCategory: string; count: number | null }) => [`${g.grid} ${g.careCategory}`, g.count]))).toEqual(
      new Map([...counts].map(([key, n]) => [key, published(n)])),
    );
    expect(data!.residentCounts.total).toBe(published(mine.length));
  });

  it('names what is wrong with a bad grouping', async () => {
    const many = await as('civil', COUNTS, { groupBy: ['STREET', 'COMMUNITY', 'GRID', 'GENDER'] });
    expect(many.errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'groupBy' } });
    const twice = await as('civil', COUNTS, { groupBy: ['GRID', 'GRID'] });
    expect(twice.errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'groupBy' } });
  });
});

describe('counting incidents and hazards where they are kept', () => {
  const platform = runningPlatforms()[0]!;
  const as = async (department: Department, query: string, variables: Record<string, unknown>, jurisdiction?: string) =>
    graphql(platform.gatewayUrl, query, variables, { token: await tokenFor(department, jurisdiction ? { jurisdiction } : {}) });
  const tally = (keys: string[]) => keys.reduce((counts, key) => counts.set(key, (counts.get(key) ?? 0) + 1), new Map<string, number>());

  /** Every record of a list the caller may see, page by page, as a person would fetch them to count by hand. */
  async function everyNode<T>(department: Department, list: 'incidents' | 'hazards', fields: string, jurisdiction?: string): Promise<T[]> {
    const nodes: T[] = [];
    for (let after: string | null = null; ; ) {
      const page = await as(department, `query ($after: String) { ${list}(first: 200, after: $after) { edges { node { ${fields} } } pageInfo { hasNextPage endCursor } } }`, { after }, jurisdiction);
      expect(page.errors).toBeUndefined();
      nodes.push(...page.data![list].edges.map((edge: { node: T }) => edge.node));
      if (!page.data![list].pageInfo.hasNextPage) return nodes;
      after = page.data![list].pageInfo.endCursor;
    }
  }

  it('counts incidents by category and status exactly, and a grid worker only those of their community', async () => {
    const query = 'query ($groupBy: [IncidentDimension!]!) { incidentCounts(groupBy: $groupBy) { groups { category status count } total protection } }';
    const all = await everyNode<{ category: string; status: string; gridCode: string }>('governance', 'incidents', 'category status gridCode');
    const { data, errors } = await as('governance', query, { groupBy: ['CATEGORY', 'STATUS'] });
    expect(errors).toBeUndefined();
    expect(data!.incidentCounts).toMatchObject({ total: all.length, protection: 'EXACT' });
    expect(new Map(data!.incidentCounts.groups.map((g: { category: string; status: string; count: number }) => [`${g.category} ${g.status}`, g.count]))).toEqual(tally(all.map((i) => `${i.category} ${i.status}`)));

    const community = all[0]!.gridCode.slice(0, 12);
    const mine = await as('community', query, { groupBy: ['CATEGORY', 'STATUS'] }, community);
    const inCommunity = all.filter((i) => i.gridCode.startsWith(community));
    expect(mine.data!.incidentCounts.total).toBe(inCommunity.length);
    expect(new Map(mine.data!.incidentCounts.groups.map((g: { category: string; status: string; count: number }) => [`${g.category} ${g.status}`, g.count]))).toEqual(tally(inCommunity.map((i) => `${i.category} ${i.status}`)));
  });

  it('counts hazards by severity and status exactly', async () => {
    const all = await everyNode<{ severity: string; status: string }>('fire', 'hazards', 'severity status');
    const { data, errors } = await as('fire', '{ hazardCounts(groupBy: [SEVERITY, STATUS]) { groups { severity status count } total protection } }', {});
    expect(errors).toBeUndefined();
    expect(data!.hazardCounts).toMatchObject({ total: all.length, protection: 'EXACT' });
    expect(new Map(data!.hazardCounts.groups.map((g: { severity: string; status: string; count: number }) => [`${g.severity} ${g.status}`, g.count]))).toEqual(tally(all.map((h) => `${h.severity} ${h.status}`)));
  });
});
