import { graphql, tokenFor } from '@civic/testkit';
import { eachBackend } from '../support/platforms';

const STREET = '330101001';
const GRID = '330101003001001';
const DISPATCH_TEAM = 'mutation($i: ID!, $t: ID!) { dispatchTeam(input: { incidentId: $i, teamId: $t }) { id status team { readiness } } }';

/** Polls until `check` holds; fails after `limitMs`. */
async function within(limitMs: number, check: () => Promise<boolean>): Promise<void> {
  const started = Date.now();
  while (Date.now() - started < limitMs) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`condition not met within ${limitMs} ms`);
}

type Caller = Parameters<typeof tokenFor>;

/** Who may run which mutation: the policy's action rules, enforced by the subgraph that owns the data, through the gateway. */
describe.each(eachBackend())('who may do what (%s)', (_backend, platform) => {
  const as = async ([department, options]: Caller, query: string, variables: Record<string, unknown> = {}) =>
    graphql(platform.gatewayUrl, query, variables, { token: await tokenFor(department, options) });
  const dutyDesk: Caller = ['emergency', { role: 'duty' }];
  const petitionOfficer: Caller = ['petition'];
  const fireOfficer: Caller = ['fire'];
  const gridWorker: Caller = ['community', { role: 'grid-worker', jurisdiction: STREET }];
  const dataOfficer = (department: Caller[0]): Caller => [department, { role: 'data-officer' }];

  async function reportIncident(category: string, title: string): Promise<string> {
    const { data, errors } = await as(dutyDesk, 'mutation($input: ReportIncidentInput!) { reportIncident(input: $input) { id } }', {
      input: { category, source: 'HOTLINE', severity: 'HIGH', title, description: 'Smoke in the stairwell', gridCode: GRID },
    });
    expect(errors).toBeUndefined();
    return data!.reportIncident.id;
  }

  async function readyTeam(): Promise<string> {
    const { data } = await as(dutyDesk, '{ rescueTeams(first: 1, filter: { readiness: READY }) { edges { node { id } } } }');
    return data!.rescueTeams.edges[0].node.id;
  }

  const dispatchesOf = async (incidentId: string) =>
    (await as(dutyDesk, 'query($i: ID!) { dispatches(filter: { incidentId: $i }) { totalCount } }', { i: incidentId })).data!.dispatches.totalCount as number;
  const readinessOf = async (teamId: string) => (await as(dutyDesk, 'query($t: ID!) { rescueTeam(id: $t) { readiness } }', { t: teamId })).data!.rescueTeam.readiness as string;

  it("refuses a petition officer's dispatchTeam: null, one FORBIDDEN error with its path, and nothing written", async () => {
    const incidentId = await reportIncident('FIRE_HAZARD', 'Fire in a hostel');
    const teamId = await readyTeam();
    const before = await dispatchesOf(incidentId);
    const { data, errors } = await as(petitionOfficer, DISPATCH_TEAM, { i: incidentId, t: teamId });
    expect(data?.dispatchTeam ?? null).toBeNull();
    expect(errors).toHaveLength(1);
    expect(errors![0]).toMatchObject({ path: ['dispatchTeam'], extensions: { code: 'FORBIDDEN', field: 'Mutation.dispatchTeam' } });
    expect(errors![0]!.message).toMatch(/^petition \(officer\) may not run dispatchTeam/);
    expect(await dispatchesOf(incidentId)).toBe(before);
    expect(await readinessOf(teamId)).toBe('READY');
  });

  it("runs a fire officer's dispatchTeam", async () => {
    const incidentId = await reportIncident('FIRE_HAZARD', 'Fire in a shop');
    const teamId = await readyTeam();
    const before = await dispatchesOf(incidentId);
    const { data, errors } = await as(fireOfficer, DISPATCH_TEAM, { i: incidentId, t: teamId });
    expect(errors).toBeUndefined();
    expect(data!.dispatchTeam).toMatchObject({ status: 'EN_ROUTE', team: { readiness: 'DEPLOYED' } });
    expect(await dispatchesOf(incidentId)).toBe(before + 1);
    const done = await as(fireOfficer, 'mutation($id: ID!) { completeDispatch(id: $id) { status } }', { id: data!.dispatchTeam.id });
    expect(done.data!.completeDispatch.status).toBe('RETURNED');
  });

  it('lets the petitions office handle petitions but not reject a fire incident, decided on the incident itself', async () => {
    const fire = await reportIncident('FIRE_HAZARD', 'Blocked fire exit');
    const refused = await as(petitionOfficer, 'mutation($id: ID!) { transitionIncident(id: $id, to: REJECTED) { status } }', { id: fire });
    expect(refused.data?.transitionIncident ?? null).toBeNull();
    expect(refused.errors).toHaveLength(1);
    expect(refused.errors![0]).toMatchObject({ path: ['transitionIncident'], extensions: { code: 'FORBIDDEN' } });
    const after = await as(dutyDesk, 'query($id: ID!) { incident(id: $id) { status timeline { action } } }', { id: fire });
    expect(after.data!.incident).toEqual({ status: 'REPORTED', timeline: [{ action: 'REPORTED' }] });

    const petition = await reportIncident('PETITION_DISPUTE', 'Neighbours dispute a wall');
    const accepted = await as(petitionOfficer, 'mutation($id: ID!) { transitionIncident(id: $id, to: ACCEPTED) { status } }', { id: petition });
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data!.transitionIncident.status).toBe('ACCEPTED');
  });

  describe('care visits by grid workers', () => {
    const CARE_VISIT = 'mutation($r: ID!) { recordCareVisit(input: { residentId: $r, visitor: "Grid worker Li" }) { id gridCode } }';
    const residentIn = async (prefix: string) =>
      (await as(['police'], 'query($p: String!) { residents(first: 1, filter: { gridCodePrefix: $p }) { edges { node { id } } } }', { p: prefix })).data!.residents.edges[0].node.id as string;
    const visitsOf = async (residentId: string) =>
      ((await as(['civil'], 'query($r: ID!) { resident(id: $r) { careVisits { id } } }', { r: residentId })).data!.resident.careVisits as unknown[]).length;

    it('records a visit inside her jurisdiction', async () => {
      const resident = await residentIn(STREET);
      const before = await visitsOf(resident);
      const { data, errors } = await as(gridWorker, CARE_VISIT, { r: resident });
      expect(errors).toBeUndefined();
      expect(data!.recordCareVisit.gridCode.startsWith(STREET)).toBe(true);
      expect(await visitsOf(resident)).toBe(before + 1);
    });

    it('refuses a visit outside her jurisdiction, where the resident is absent to her as if he did not exist, and writes nothing', async () => {
      const resident = await residentIn('330102');
      const before = await visitsOf(resident);
      const { data, errors } = await as(gridWorker, CARE_VISIT, { r: resident });
      expect(data?.recordCareVisit ?? null).toBeNull();
      expect(errors).toHaveLength(1);
      expect(errors![0]).toMatchObject({ path: ['recordCareVisit'], extensions: { code: 'NOT_FOUND' } });
      expect(await visitsOf(resident)).toBe(before);
    });

    it('refuses a grid worker whose token names no jurisdiction: FORBIDDEN, the rule holds only inside one', async () => {
      const resident = await residentIn(STREET);
      const before = await visitsOf(resident);
      const { data, errors } = await as(['community', { role: 'grid-worker' }], CARE_VISIT, { r: resident });
      expect(data?.recordCareVisit ?? null).toBeNull();
      expect(errors).toHaveLength(1);
      expect(errors![0]).toMatchObject({ path: ['recordCareVisit'], extensions: { code: 'FORBIDDEN', field: 'Mutation.recordCareVisit' } });
      expect(errors![0]!.message).toMatch(/community \(grid-worker\) may not run recordCareVisit: .*only inside its jurisdiction/);
      expect(await visitsOf(resident)).toBe(before);
    });
  });

  describe('explainAccess for mutations', () => {
    const EXPLAIN = `query($d: String!, $r: String!, $j: String, $op: String!) {
      explainAccess(input: { department: $d, role: $r, jurisdiction: $j, operation: $op }) { path typeName fieldName classification decision ruleIndex ruleReason conditions reason } }`;
    const explain = async (department: string, role: string, operation: string, jurisdiction?: string) => {
      const { data, errors } = await as(dataOfficer('emergency'), EXPLAIN, { d: department, r: role, j: jurisdiction ?? null, op: operation });
      expect(errors).toBeUndefined();
      return data!.explainAccess as Record<string, unknown>[];
    };
    const rulesOf = async (field: string) =>
      ((await as(dataOfficer('emergency'), '{ policy { rules { index field departments roles effect reason } } }')).data!.policy.rules as { index: number; field: string; departments: string[]; reason: string }[]).filter(
        (r) => r.field === field,
      );
    const operation = `mutation { dispatchTeam(input: { incidentId: "1", teamId: "1" }) { id status } }`;

    it('shows that a petition officer may not dispatch a team, by the default deny, and a fire officer may, by which rule', async () => {
      const [petition] = await explain('petition', 'officer', operation);
      expect(petition).toEqual({
        path: 'dispatchTeam',
        typeName: 'Mutation',
        fieldName: 'dispatchTeam',
        classification: 'action',
        decision: 'DENY',
        ruleIndex: null,
        ruleReason: null,
        conditions: [],
        reason: 'no rule lets your department run Mutation.dispatchTeam',
      });
      const fireRule = (await rulesOf('Mutation.dispatchTeam')).find((r) => r.departments.includes('fire'))!;
      const fire = await explain('fire', 'officer', operation);
      expect(fire[0]).toMatchObject({ path: 'dispatchTeam', decision: 'ALLOW', ruleIndex: fireRule.index, ruleReason: fireRule.reason });
      // The fields the mutation returns are explained as reads, as before.
      expect(fire.map((e) => e.path)).toEqual(['dispatchTeam', 'dispatchTeam.id', 'dispatchTeam.status']);
    });

    it('shows a jurisdiction-scoped action as OUT_OF_SCOPE without a jurisdiction, and a record-dependent one with its condition', async () => {
      const care = 'mutation { recordCareVisit(input: { residentId: "1", visitor: "x" }) { id } }';
      expect((await explain('community', 'grid-worker', care, STREET))[0]).toMatchObject({ decision: 'ALLOW', ruleIndex: expect.any(Number) });
      expect((await explain('community', 'grid-worker', care))[0]).toMatchObject({ decision: 'OUT_OF_SCOPE', ruleIndex: null });
      const transition = 'mutation { transitionIncident(id: "1", to: ACCEPTED) { id } }';
      expect((await explain('police', 'officer', transition))[0]).toMatchObject({ decision: 'DENY', conditions: ['allow only where category in [ECONOMIC_CROWD]'] });
    });

    it("shows the access service's own mutations as its code decides them: data officers only", async () => {
      const publish = 'mutation { rollbackPolicy(input: { toVersion: 1, reason: "x" }) { version } }';
      expect((await explain('police', 'data-officer', publish))[0]).toMatchObject({ decision: 'ALLOW', ruleIndex: null });
      expect((await explain('police', 'officer', publish))[0]).toMatchObject({ decision: 'DENY', ruleIndex: null });
    });
  });

  describe('rules for actions are data officers\' to edit, like field rules', () => {
    const currentVersion = async () => (await as(dataOfficer('emergency'), '{ policy { version } }')).data!.policy.version as number;
    const DISPATCH_STOCK = 'mutation($i: ID!, $s: ID!) { dispatchStock(input: { incidentId: $i, stockItemId: $s, quantity: 1 }) { id } }';

    it('lets only the owning department change who may run a mutation', async () => {
      const { errors } = await as(
        dataOfficer('petition'),
        'mutation($v: Int!) { setFieldRules(input: { field: "Mutation.dispatchTeam", rules: [{ field: "Mutation.dispatchTeam", departments: ["petition"], effect: "allow" }], reason: "we want it", baseVersion: $v }) { version } }',
        { v: await currentVersion() },
      );
      expect(errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', fields: ['Mutation.dispatchTeam'] });
    });

    it('applies a published change to an action within seconds, and its rollback', async () => {
      const incidentId = await reportIncident('NATURAL_DISASTER', 'Flooded cellar');
      const stock = await as(dutyDesk, '{ stockItems(first: 1, filter: { item: "Sandbags" }) { edges { node { id } } } }');
      const stockItemId = stock.data!.stockItems.edges[0].node.id;
      const fireMayDispatchStock = async () => !(await as(fireOfficer, DISPATCH_STOCK, { i: incidentId, s: stockItemId })).errors;
      expect(await fireMayDispatchStock()).toBe(false);
      const base = await currentVersion();
      const published = await as(
        dataOfficer('emergency'),
        `mutation($v: Int!) { setFieldRules(input: { field: "Mutation.dispatchStock", baseVersion: $v, reason: "Fire carries sandbags during the flood drill", rules: [
          { field: "Mutation.dispatchStock", departments: ["emergency", "fire"], roles: ["officer", "duty"], effect: "allow" } ] }) { version } }`,
        { v: base },
      );
      expect(published.errors).toBeUndefined();
      try {
        await within(5000, fireMayDispatchStock);
      } finally {
        const rolled = await as(dataOfficer('emergency'), 'mutation($to: Int!) { rollbackPolicy(input: { toVersion: $to, reason: "drill over" }) { version } }', { to: base });
        expect(rolled.errors).toBeUndefined();
        await within(5000, async () => !(await fireMayDispatchStock()));
      }
    });
  });
});
