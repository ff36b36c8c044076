import { graphql, tokenFor } from '@civic/testkit';
import { eachBackend } from '../support/platforms';

describe.each(eachBackend())('connections, filters and pagination (%s)', (_backend, platform) => {
  let token: string;
  const ask = (query: string, variables: Record<string, unknown> = {}) => graphql(platform.gatewayUrl, query, variables, { token });
  beforeAll(async () => {
    token = await tokenFor('police');
  });

  it('walks a filtered list page by page without gaps or repeats, and totalCount matches', async () => {
    const query = `query($after: String) { residents(first: 40, after: $after, filter: { gridCodePrefix: "330101001" }) {
      totalCount edges { cursor node { id gridCode } } pageInfo { hasNextPage endCursor } } }`;
    const seen: string[] = [];
    let after: string | null = null;
    let total = 0;
    for (let page = 0; page < 100; page++) {
      const { data, errors } = await ask(query, { after });
      expect(errors).toBeUndefined();
      const connection = data!.residents;
      total = connection.totalCount;
      for (const edge of connection.edges) {
        expect(edge.node.gridCode.startsWith('330101001')).toBe(true);
        seen.push(edge.node.id);
      }
      if (!connection.pageInfo.hasNextPage) break;
      expect(connection.pageInfo.endCursor).toBe(connection.edges.at(-1).cursor);
      after = connection.pageInfo.endCursor;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toHaveLength(total);
    expect(total).toBeGreaterThan(40);
  });

  it('caps first at 200', async () => {
    const { data, errors } = await ask('{ residents(first: 5000) { edges { node { id } } pageInfo { hasNextPage } } }');
    expect(errors).toBeUndefined();
    expect(data!.residents.edges).toHaveLength(200);
    expect(data!.residents.pageInfo.hasNextPage).toBe(true);
  });

  it('rejects a cursor it did not issue, naming the argument', async () => {
    const { data, errors } = await ask('{ residents(first: 5, after: "not-a-cursor") { edges { node { id } } } }');
    expect(data).toEqual({ residents: null });
    expect(errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(errors![0]!.message).toMatch(/^after:/);
  });

  it('rejects a negative page size, naming the argument', async () => {
    const { errors } = await ask('{ incidents(first: -1) { totalCount } }');
    expect(errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(errors![0]!.message).toMatch(/^first:/);
  });

  it('filters residents by care category and by name (as civil affairs, who may read care categories)', async () => {
    const { data } = await graphql(platform.gatewayUrl, `{
      cared: residents(first: 100, filter: { careCategory: ELDERLY_LIVING_ALONE }) { totalCount edges { node { careCategories needsEvacuationAssistance } } }
      named: residents(first: 100, filter: { nameContains: "wang" }) { totalCount edges { node { name } } } }`, {}, { token: await tokenFor('civil') });
    expect(data!.cared.totalCount).toBeGreaterThan(0);
    for (const { node } of data!.cared.edges) {
      expect(node.careCategories).toContain('ELDERLY_LIVING_ALONE');
      expect(node.needsEvacuationAssistance).toBe(true);
    }
    expect(data!.named.totalCount).toBeGreaterThan(0);
    for (const { node } of data!.named.edges) expect(node.name.toLowerCase()).toContain('wang');
  });

  it('filters incidents by status, severity, date range and text', async () => {
    const { data, errors } = await ask(`{ incidents(first: 100, filter: { status: [REPORTED, ACCEPTED], severity: HIGH,
      reportedFrom: "2026-06-01T00:00:00Z", reportedTo: "2026-11-01T00:00:00Z" }) { totalCount edges { node { status severity reportedAt } } }
      text: incidents(first: 20, filter: { textContains: "e-bike" }) { totalCount edges { node { title description } } } }`);
    expect(errors).toBeUndefined();
    for (const { node } of data!.incidents.edges) {
      expect(['REPORTED', 'ACCEPTED']).toContain(node.status);
      expect(node.severity).toBe('HIGH');
      expect(node.reportedAt >= '2026-06-01' && node.reportedAt <= '2026-11-01T').toBe(true);
    }
    expect(data!.text.totalCount).toBeGreaterThan(0);
    for (const { node } of data!.text.edges) expect(`${node.title} ${node.description}`.toLowerCase()).toContain('e-bike');
  });

  it('filters buildings and hazards', async () => {
    const { data, errors } = await ask(`{ buildings(first: 50, filter: { fireKeyPlace: true, gridCodePrefix: "33010100" }) { totalCount edges { node { fireKeyPlace gridCode } } }
      hazards(first: 50, filter: { status: [OPEN], severity: CRITICAL }) { totalCount edges { node { status severity building { id } } } } }`);
    expect(errors).toBeUndefined();
    expect(data!.buildings.totalCount).toBeGreaterThan(0);
    for (const { node } of data!.buildings.edges) {
      expect(node.fireKeyPlace).toBe(true);
      expect(node.gridCode.startsWith('33010100')).toBe(true);
    }
    for (const { node } of data!.hazards.edges) expect([node.status, node.severity]).toEqual(['OPEN', 'CRITICAL']);
  });

  it('rejects a malformed grid-code prefix, naming the field', async () => {
    const { errors } = await ask('{ residents(filter: { gridCodePrefix: "33%" }) { totalCount } }');
    expect(errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(errors![0]!.message).toMatch(/gridCodePrefix/);
  });
});
