import { graphql, tokenFor } from '@civic/testkit';
import { eachBackend } from '../support/platforms';

const GRID = '330101002001001';
const OTHER_DISTRICT = '330102';

type Answer = Awaited<ReturnType<typeof graphql>>;

/** One refusal, coded and naming the argument, with nothing else in the answer. */
function expectRefusal(answer: Answer, code: string, field: string): void {
  expect(answer.errors).toHaveLength(1);
  expect(answer.errors![0]!.extensions).toMatchObject({ code, field });
  expect(answer.errors![0]!.message).toContain(field);
}

describe.each(eachBackend())('strict input (%s)', (_backend, platform) => {
  let duty: string;
  let civil: string;
  const ask = (query: string, variables: Record<string, unknown> = {}, token = duty) => graphql(platform.gatewayUrl, query, variables, { token });
  const count = async (query: string) => Object.values((await ask(query)).data!)[0].totalCount as number;
  const incidentsInGrid = () => count(`{ incidents(filter: { gridCodePrefix: "${GRID}" }) { totalCount } }`);
  const report = (input: Record<string, unknown>, token = duty) =>
    ask('mutation($input: ReportIncidentInput!) { reportIncident(input: $input) { id } }', {
      input: { category: 'FIRE_HAZARD', source: 'HOTLINE', severity: 'LOW', title: 'Smoke', description: 'Smoke in the stairwell', gridCode: GRID, ...input },
    }, token);
  const firstBuilding = async (prefix: string) =>
    (await ask(`{ buildings(first: 1, filter: { gridCodePrefix: "${prefix}" }) { edges { node { id gridCode } } } }`)).data!.buildings.edges[0].node as { id: string; gridCode: string };

  beforeAll(async () => {
    duty = await tokenFor('emergency', { role: 'duty' });
    civil = await tokenFor('civil');
  });

  describe('scalars', () => {
    it('refuses a DateTime that is no date as BAD_USER_INPUT naming the argument, sent inline', async () => {
      const answer = await ask('{ incidents(filter: { reportedFrom: "yesterday-ish" }) { totalCount } }');
      expectRefusal(answer, 'BAD_USER_INPUT', 'filter.reportedFrom');
    });

    it('refuses it the same way sent as a variable', async () => {
      const answer = await ask('query($from: DateTimeISO) { incidents(filter: { reportedFrom: $from }) { totalCount } }', { from: '2026-13-45T99:00:00Z' });
      expectRefusal(answer, 'BAD_USER_INPUT', 'filter.reportedFrom');
    });

    it('still takes a valid DateTime', async () => {
      const answer = await ask('query($from: DateTimeISO) { incidents(filter: { reportedFrom: $from }) { totalCount } }', { from: '2020-01-01T00:00:00Z' });
      expect(answer.errors).toBeUndefined();
    });
  });

  describe('text', () => {
    it('refuses NUL in a text argument', async () => {
      expectRefusal(await ask('{ residents(filter: { nameContains: "Li\\u0000" }) { totalCount } }', {}, civil), 'BAD_USER_INPUT', 'filter.nameContains');
    });

    it('refuses NUL in a mutation\'s text and writes nothing', async () => {
      const before = await incidentsInGrid();
      expectRefusal(await report({ title: 'Smoke\u0000' }), 'BAD_USER_INPUT', 'input.title');
      expect(await incidentsInGrid()).toBe(before);
    });

    it('refuses a 1 MB nameContains at once at the gateway (the body is over its limit)', async () => {
      const answer = await ask('query($q: String) { residents(filter: { nameContains: $q }) { totalCount } }', { q: 'a'.repeat(1024 * 1024) }, civil);
      expect(answer.status).toBe(413);
      expect(answer.errors![0]!.extensions).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    });

    // How fast the refusal is, and what other requests see meanwhile, is measured by `npm run bench:attacks`.
    it('refuses a nameContains over its cap, naming the limit, while other requests are answered', async () => {
      const long = 'a'.repeat(100_000);
      const [attack, other] = await Promise.all([
        ask('query($q: String) { residents(filter: { nameContains: $q }) { totalCount } }', { q: long }, civil),
        ask(`{ residents(first: 5, filter: { gridCodePrefix: "${GRID}" }) { totalCount } }`, {}, civil),
      ]);
      expectRefusal(attack, 'BAD_USER_INPUT', 'filter.nameContains');
      expect(attack.errors![0]!.message).toMatch(/at most 200 characters, got 100000/);
      expect(other.errors).toBeUndefined();
    });
  });

  describe('ids', () => {
    it.each(['2147483648', '99999999999', '-1', '0', '1e3'])('refuses id %s as BAD_USER_INPUT naming the argument', async (id) => {
      expectRefusal(await ask('query($id: ID!) { incident(id: $id) { id } }', { id }), 'BAD_USER_INPUT', 'id');
    });

    it('refuses an out-of-range id inside a filter and inside a mutation', async () => {
      expectRefusal(await ask('{ incidents(filter: { buildingId: "2147483648" }) { totalCount } }'), 'BAD_USER_INPUT', 'filter.buildingId');
      expectRefusal(await ask('mutation { transitionIncident(id: "99999999999", to: ACCEPTED) { id } }'), 'BAD_USER_INPUT', 'id');
    });
  });

  it('bounds lists in inputs and writes nothing beyond the bound', async () => {
    const before = await incidentsInGrid();
    const answer = await report({ involvedResidentIds: Array.from({ length: 51 }, (_, n) => String(n + 1)) });
    expectRefusal(answer, 'BAD_USER_INPUT', 'input.involvedResidentIds');
    expect(answer.errors![0]!.message).toMatch(/at most 50 items, got 51/);
    expect(await incidentsInGrid()).toBe(before);
  });

  describe('references to other subgraphs\' records', () => {
    it('refuses an incident at a building that does not exist', async () => {
      const before = await incidentsInGrid();
      expectRefusal(await report({ buildingId: '99999999' }), 'NOT_FOUND', 'input.buildingId');
      expect(await incidentsInGrid()).toBe(before);
    });

    it('refuses an incident at a building of another grid than its own', async () => {
      const elsewhere = await firstBuilding(OTHER_DISTRICT);
      const before = await incidentsInGrid();
      const answer = await report({ buildingId: elsewhere.id });
      expectRefusal(answer, 'BAD_USER_INPUT', 'input.buildingId');
      expect(answer.errors![0]!.message).toContain(elsewhere.gridCode);
      expect(await incidentsInGrid()).toBe(before);
    });

    it('takes an incident at a building of its own grid, reported by a resident who exists', async () => {
      const here = await firstBuilding(GRID);
      const resident = (await ask(`{ residents(first: 1, filter: { gridCodePrefix: "${GRID}" }) { edges { node { id } } } }`, {}, civil)).data!.residents.edges[0].node;
      const answer = await report({ buildingId: here.id, reporterResidentId: resident.id });
      expect(answer.errors).toBeUndefined();
    });

    it('refuses a reporter who does not exist', async () => {
      const before = await incidentsInGrid();
      expectRefusal(await report({ reporterResidentId: '99999999' }), 'NOT_FOUND', 'input.reporterResidentId');
      expect(await incidentsInGrid()).toBe(before);
    });

    it('treats a building outside a jurisdiction-limited caller\'s area as absent, revealing nothing of it', async () => {
      const limited = await tokenFor('emergency', { role: 'duty', jurisdiction: GRID.slice(0, 9) });
      const elsewhere = await firstBuilding(OTHER_DISTRICT);
      const before = await incidentsInGrid();
      const answer = await report({ buildingId: elsewhere.id }, limited);
      expectRefusal(answer, 'NOT_FOUND', 'input.buildingId');
      expect(answer.errors![0]!.message).not.toContain(elsewhere.gridCode);
      expect(await incidentsInGrid()).toBe(before);
    });

    it('refuses a dispatch to an incident that does not exist and leaves the team READY', async () => {
      const fire = await tokenFor('fire', { role: 'duty' });
      const team = (await ask('{ rescueTeams(first: 1, filter: { readiness: READY }) { edges { node { id } } } }', {}, fire)).data!.rescueTeams.edges[0].node;
      const dispatches = () => count(`{ dispatches(filter: { teamId: "${team.id}" }) { totalCount } }`);
      const before = await dispatches();
      const answer = await ask('mutation($input: DispatchTeamInput!) { dispatchTeam(input: $input) { id } }', { input: { incidentId: '99999999', teamId: team.id } }, fire);
      expectRefusal(answer, 'NOT_FOUND', 'input.incidentId');
      expect(await dispatches()).toBe(before);
      const after = await ask('query($id: ID!) { rescueTeam(id: $id) { readiness } }', { id: team.id }, fire);
      expect(after.data!.rescueTeam.readiness).toBe('READY');
    });
  });

  it('refuses a second resident with an ID number already registered, without saying whose it is', async () => {
    const existing = (await ask(`{ residents(first: 1, filter: { gridCodePrefix: "${GRID}" }) { edges { node { name idNumber building { id } } } } }`, {}, civil)).data!.residents.edges[0].node;
    const idNumber: string = existing.idNumber;
    const residentsInGrid = () => count(`{ residents(filter: { gridCodePrefix: "${GRID}" }) { totalCount } }`);
    const before = await residentsInGrid();
    const birthDate = `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`;
    const answer = await ask('mutation($input: RegisterResidentInput!) { registerResident(input: $input) { id } }', {
      input: { name: 'Someone Else', gender: Number(idNumber[16]) % 2 ? 'MALE' : 'FEMALE', birthDate, idNumber, gridCode: GRID, buildingId: existing.building.id },
    }, civil);
    expectRefusal(answer, 'CONFLICT', 'input.idNumber');
    expect(answer.errors![0]!.message).not.toContain(existing.name);
    expect(await residentsInGrid()).toBe(before);
  });
});
