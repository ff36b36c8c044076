import { gatewayIssuedTokenFor, graphql, tokenFor } from '@civic/testkit';
import { eachBackend } from '../support/platforms';

const STREET = '330101001';
const OUTSIDE = '330102';

describe.each(eachBackend())('field- and place-level access (%s)', (_backend, platform) => {
  const as = async (department: Parameters<typeof tokenFor>[0], query: string, options: Parameters<typeof tokenFor>[1] = {}, variables: Record<string, unknown> = {}) =>
    graphql(platform.gatewayUrl, query, variables, { token: await tokenFor(department, options) });
  const forbiddenAt = (errors: any[] | undefined, path: (string | number)[]) =>
    (errors ?? []).some((e) => e.extensions?.code === 'FORBIDDEN' && JSON.stringify(e.path) === JSON.stringify(path));

  describe('the ID number example', () => {
    const query = `{ residents(first: 3, filter: { gridCodePrefix: "${STREET}" }) { totalCount edges { node { id name idNumber } } } }`;

    it('is null with FORBIDDEN for the fire service, the rest of the answer intact', async () => {
      const { data, errors } = await as('fire', query);
      const nodes = data!.residents.edges.map((e: any) => e.node);
      expect(nodes).toHaveLength(3);
      nodes.forEach((node: any, i: number) => {
        expect(node.idNumber).toBeNull();
        expect(node.name).toEqual(expect.any(String));
        expect(forbiddenAt(errors, ['residents', 'edges', i, 'node', 'idNumber'])).toBe(true);
      });
      expect(errors!.every((e) => !/\d{6}/.test(e.message))).toBe(true);
    });

    it('is the full 18-character number for the police', async () => {
      const { data, errors } = await as('police', query);
      expect(errors).toBeUndefined();
      for (const { node } of data!.residents.edges) expect(node.idNumber).toMatch(/^\d{17}[\dX]$/);
    });

    it('is masked for a community office, which sees only its own residents in lists, counts and lookups', async () => {
      const police = await as('police', `{ inside: residents(filter: { gridCodePrefix: "${STREET}" }) { totalCount } outside: residents(first: 1, filter: { gridCodePrefix: "${OUTSIDE}" }) { edges { node { id } } } }`);
      const outsideId = police.data!.outside.edges[0].node.id;
      const community = await as('community', `query($id: ID!) { residents(first: 3) { totalCount edges { node { gridCode idNumber } } }
        outside: residents(filter: { gridCodePrefix: "${OUTSIDE}" }) { totalCount } resident(id: $id) { id } }`, { jurisdiction: STREET }, { id: outsideId });
      expect(community.errors).toBeUndefined();
      expect(community.data!.residents.totalCount).toBe(police.data!.inside.totalCount);
      for (const { node } of community.data!.residents.edges) {
        expect(node.gridCode.startsWith(STREET)).toBe(true);
        expect(node.idNumber).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
      }
      expect(community.data!.outside.totalCount).toBe(0);
      expect(community.data!.resident).toBeNull();
    });
  });

  it('masks phones for the fire service in the phone format', async () => {
    const { data, errors } = await as('fire', `{ residents(first: 5) { edges { node { phone } } } }`);
    expect(errors).toBeUndefined();
    for (const { node } of data!.residents.edges) expect(node.phone).toMatch(/^1\d{2}\*{4}\d{4}$/);
  });

  it('tells the fire service who needs evacuation help, never why', async () => {
    const { data, errors } = await as('fire', `{ residents(first: 50) { edges { node { needsEvacuationAssistance careCategories } } } }`);
    expect(data!.residents.edges.every((e: any) => typeof e.node.needsEvacuationAssistance === 'boolean')).toBe(true);
    expect(data!.residents.edges.every((e: any) => e.node.careCategories === null)).toBe(true);
    expect(errors!.every((e) => e.extensions!.field === 'Resident.careCategories')).toBe(true);
  });

  it('keeps key-personnel categories for the police, and refuses filtering by them to others', async () => {
    const police = await as('police', '{ residents(first: 5, filter: { keyPersonnelCategory: COMMUNITY_CORRECTION }) { edges { node { keyPersonnelCategory } } } }');
    expect(police.errors).toBeUndefined();
    for (const { node } of police.data!.residents.edges) expect(node.keyPersonnelCategory).toBe('COMMUNITY_CORRECTION');
    const civil = await as('civil', '{ residents(first: 5, filter: { keyPersonnelCategory: COMMUNITY_CORRECTION }) { totalCount } }');
    expect(civil.data).toEqual({ residents: null });
    expect(civil.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', argument: 'filter.keyPersonnelCategory' });
    const fire = await as('fire', '{ residents(filter: { careCategory: DISABLED }) { totalCount } }');
    expect(fire.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'Resident.careCategories' });
  });

  it('shows other departments that a petition exists, but not who filed it or what it says', async () => {
    const query = '{ incidents(first: 3, filter: { category: PETITION_DISPUTE, source: HOTLINE }) { edges { node { id category reporter { id } description } } } }';
    const fire = await as('fire', query);
    const petition = await as('petition', query);
    expect(petition.errors).toBeUndefined();
    fire.data!.incidents.edges.forEach(({ node }: any, i: number) => {
      expect(node.category).toBe('PETITION_DISPUTE');
      expect(node.id).toBe(petition.data!.incidents.edges[i].node.id);
      expect([node.reporter, node.description]).toEqual([null, null]);
      expect(forbiddenAt(fire.errors, ['incidents', 'edges', i, 'node', 'reporter'])).toBe(true);
      expect(petition.data!.incidents.edges[i].node.reporter.id).toEqual(expect.any(String));
    });
  });

  it('does not let a search or a resident\'s incident list reveal a petition to the fire service', async () => {
    const petition = await as('petition', '{ incidents(first: 1, filter: { category: PETITION_DISPUTE, source: HOTLINE }) { edges { node { id description reporter { id } } } } }');
    const { id, description, reporter } = petition.data!.incidents.edges[0].node;
    const phrase = description.split(' ').slice(0, 4).join(' ');
    const search = await as('fire', `query($t: String!) { incidents(first: 200, filter: { textContains: $t, category: PETITION_DISPUTE }) { totalCount } }`, {}, { t: phrase });
    expect(search.data!.incidents.totalCount).toBe(0);
    const mine = await as('fire', 'query($r: ID!) { resident(id: $r) { incidents { id } } }', {}, { r: reporter.id });
    expect(mine.data!.resident.incidents.map((i: any) => i.id)).not.toContain(id);
    const theirs = await as('petition', 'query($r: ID!) { resident(id: $r) { incidents { id } } }', {}, { r: reporter.id });
    expect(theirs.data!.resident.incidents.map((i: any) => i.id)).toContain(id);
  });

  it('shows duty roster phones to anyone on duty', async () => {
    const query = '{ dutyRosters(first: 3) { edges { node { phone } } } }';
    const onDuty = await as('housing', query, { role: 'duty' });
    const offDuty = await as('housing', query);
    for (const { node } of onDuty.data!.dutyRosters.edges) expect(node.phone).toMatch(/^\d{11}$/);
    for (const { node } of offDuty.data!.dutyRosters.edges) expect(node.phone).toMatch(/^\d{3}\*{4}\d{4}$/);
  });

  describe('no way around the rules', () => {
    it('denies through aliases, named fragments and inline fragments alike', async () => {
      const { data, errors } = await as('fire', `{ residents(first: 1) { edges { node { secret: idNumber ...F ... on Resident { again: idNumber } } } } }
        fragment F on Resident { idNumber }`);
      const node = data!.residents.edges[0].node;
      expect([node.secret, node.idNumber, node.again]).toEqual([null, null, null]);
      for (const alias of ['secret', 'idNumber', 'again']) expect(forbiddenAt(errors, ['residents', 'edges', 0, 'node', alias])).toBe(true);
    });

    it('denies classified fields asked for through _entities on the subgraph itself', async () => {
      const token = await gatewayIssuedTokenFor('fire');
      const { data, errors } = await graphql(
        platform.subgraphUrls.population!,
        'query($r: [_Any!]!) { _entities(representations: $r) { ... on Resident { id name idNumber careCategories } } }',
        { r: [{ __typename: 'Resident', id: '1' }, { __typename: 'Resident', id: '2' }] },
        { token },
      );
      expect(data!._entities.map((e: any) => [e.idNumber, e.careCategories])).toEqual([[null, null], [null, null]]);
      expect(errors!.filter((e) => e.extensions!.code === 'FORBIDDEN')).toHaveLength(4);
      expect(data!._entities[0].name).toEqual(expect.any(String));
    });

    it('resolves an out-of-scope representation to null, as if it did not exist', async () => {
      const police = await as('police', `{ residents(first: 1, filter: { gridCodePrefix: "${OUTSIDE}" }) { edges { node { id } } } }`);
      const outsideId = police.data!.residents.edges[0].node.id;
      const { data, errors } = await graphql(
        platform.subgraphUrls.population!,
        'query($r: [_Any!]!) { _entities(representations: $r) { ... on Resident { id idNumber } } }',
        { r: [{ __typename: 'Resident', id: outsideId }] },
        { token: await gatewayIssuedTokenFor('community', { jurisdiction: STREET }) },
      );
      expect(errors).toBeUndefined();
      expect(data!._entities).toEqual([null]);
    });

    it('needs a token even to read the schema', async () => {
      const anonymous = await graphql(platform.gatewayUrl, '{ __schema { types { name } } }');
      expect(anonymous.status).toBe(401);
      const known = await as('fire', '{ __type(name: "Resident") { fields { name } } }');
      expect(known.data!.__type.fields.map((f: any) => f.name)).toContain('idNumber');
    });

    it('names fields, never values, in its errors', async () => {
      const police = await as('police', '{ residents(first: 1) { edges { node { idNumber phone } } } }');
      const { idNumber } = police.data!.residents.edges[0].node;
      const fire = await as('fire', '{ residents(first: 1) { edges { node { idNumber phone } } } }');
      expect(JSON.stringify(fire.errors)).not.toContain(idNumber);
      expect(JSON.stringify(fire.errors)).not.toContain(idNumber.slice(6, 14));
    });
  });
});
