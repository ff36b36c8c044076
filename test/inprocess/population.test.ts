import { population } from '@civic/population';
import { gatewayIssuedTokenFor, graphql, startSubgraphInProcess, type InProcessSubgraph } from '@civic/testkit';

/** The population subgraph alone, in this process, on a fresh empty PGlite database, as a service started outside `npm start`. */
describe('the population subgraph on an empty database', () => {
  let subgraph: InProcessSubgraph;
  beforeAll(async () => {
    subgraph = await startSubgraphInProcess(population);
  });
  afterAll(async () => {
    await subgraph?.stop();
  });

  const ask = async (department: 'police' | 'civil' | 'fire', query: string, variables: Record<string, unknown> = {}) =>
    graphql(subgraph.url, query, variables, { token: await gatewayIssuedTokenFor(department) });
  const rowCount = async (table: string) => Number((await subgraph.sql<{ count: string | number }>(`select count(*) as count from ${table}`))[0]!.count);

  it('writes no resident, household, area or care visit by itself: seeding is a tool, never a start-up side effect', async () => {
    const { data, errors } = await ask('police', '{ residents { totalCount } }');
    expect(errors).toBeUndefined();
    expect(data!.residents.totalCount).toBe(0);
    for (const table of ['resident', 'household', 'area', 'care_visit']) {
      expect({ table, rows: await rowCount(table) }).toEqual({ table, rows: 0 });
    }
  });

  describe('registerResident', () => {
    // A published example of a valid national ID number: born 1949-12-31, female (even 17th digit).
    const valid = { name: 'Zhao Lan', gender: 'FEMALE', birthDate: '1949-12-31', idNumber: '11010519491231002X', gridCode: '110105001001001', buildingId: '1' };
    const register = (input: Record<string, unknown>) =>
      ask('civil', 'mutation($input: RegisterResidentInput!) { registerResident(input: $input) { id } }', { input: { ...valid, ...input } });

    it.each([
      ['an ID number with a wrong check character', { idNumber: '110105194912310021' }, 'input.idNumber'],
      ['a grid code that is not 15 digits', { gridCode: '1101' }, 'input.gridCode'],
      ['a birth date the ID number does not carry', { birthDate: '1950-01-01' }, 'input.birthDate'],
      ['a gender the ID number contradicts', { gender: 'MALE' }, 'input.gender'],
      ['a grid that does not exist', {}, 'input.gridCode'],
    ])('refuses %s as BAD_USER_INPUT naming the field, and writes nothing', async (_case, input, field) => {
      const { data, errors } = await register(input);
      expect(data).toEqual({ registerResident: null });
      expect(errors).toHaveLength(1);
      expect(errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(errors![0]!.message).toContain(field);
      expect(await rowCount('resident')).toBe(0);
      expect(await rowCount('household')).toBe(0);
    });
  });

  describe('filter guards', () => {
    it('refuses to filter by a field the caller may not read, so the answer cannot leak it', async () => {
      const { data, errors } = await ask('fire', '{ residents(filter: { keyPersonnelCategory: DRUG_REHABILITATION }) { totalCount } }');
      expect(data).toEqual({ residents: null });
      expect(errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', argument: 'filter.keyPersonnelCategory' });
    });

    it('lets a department that may read the field filter by it', async () => {
      const { data, errors } = await ask('police', '{ residents(filter: { keyPersonnelCategory: DRUG_REHABILITATION }) { totalCount } }');
      expect(errors).toBeUndefined();
      expect(data!.residents.totalCount).toBe(0);
    });
  });
});
