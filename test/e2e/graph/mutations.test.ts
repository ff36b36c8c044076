import { graphql, tokenFor } from '@civic/testkit';
import { eachBackend } from '../support/platforms';

const GRID = '330101002001001';

describe.each(eachBackend())('mutations (%s)', (_backend, platform) => {
  let dutyDesk: string;
  let inspector: string;
  const ask = (query: string, variables: Record<string, unknown> = {}, token = dutyDesk) => graphql(platform.gatewayUrl, query, variables, { token });
  beforeAll(async () => {
    dutyDesk = await tokenFor('emergency', { role: 'duty' });
    // Hazards are the inspectors' (and grid workers') to record, not the duty desk's: the fire service's here.
    inspector = await tokenFor('fire');
  });

  async function reportIncident(title: string) {
    const { data, errors } = await ask(
      `mutation($input: ReportIncidentInput!) { reportIncident(input: $input) { id status gridCode timeline { action department } allowedTransitions } }`,
      { input: { category: 'NATURAL_DISASTER', source: 'HOTLINE', severity: 'HIGH', title, description: 'Water rising at the gate', gridCode: GRID } },
    );
    expect(errors).toBeUndefined();
    return data!.reportIncident;
  }

  it('reports an incident and moves it through its workflow, with a timeline of who did what', async () => {
    const incident = await reportIncident('Flooded underpass');
    expect(incident).toMatchObject({ status: 'REPORTED', gridCode: GRID, allowedTransitions: ['ACCEPTED', 'REJECTED'] });
    expect(incident.timeline).toEqual([expect.objectContaining({ department: 'emergency' })]);
    for (const to of ['ACCEPTED', 'DISPATCHED', 'IN_PROGRESS', 'RESOLVED', 'CLOSED']) {
      const { data, errors } = await ask('mutation($id: ID!, $to: IncidentStatus!) { transitionIncident(id: $id, to: $to, note: "ok") { status } }', { id: incident.id, to });
      expect(errors).toBeUndefined();
      expect(data!.transitionIncident.status).toBe(to);
    }
    const note = await ask('mutation($id: ID!) { addTimelineEntry(incidentId: $id, action: "REVIEW", note: "After-action review filed") { action note } }', { id: incident.id });
    expect(note.errors).toBeUndefined();
    const { data } = await ask('query($id: ID!) { incident(id: $id) { status timeline { action } } }', { id: incident.id });
    expect(data!.incident.status).toBe('CLOSED');
    expect(data!.incident.timeline.map((t: any) => t.action)).toEqual(expect.arrayContaining(['ACCEPTED', 'CLOSED', 'REVIEW']));
  });

  it('rejects an illegal transition with a clear error and changes nothing', async () => {
    const incident = await reportIncident('Fallen tree');
    const { data, errors } = await ask('mutation($id: ID!) { transitionIncident(id: $id, to: CLOSED) { status } }', { id: incident.id });
    // Mutation results are nullable: a refused mutation is a null field, not a null answer.
    expect(data).toEqual({ transitionIncident: null });
    expect(errors![0]!.extensions!.code).toBe('ILLEGAL_TRANSITION');
    expect(errors![0]!.message).toMatch(/REPORTED.*CLOSED/);
    const after = await ask('query($id: ID!) { incident(id: $id) { status timeline { action } } }', { id: incident.id });
    expect(after.data!.incident).toEqual({ status: 'REPORTED', timeline: [{ action: 'REPORTED' }] });
  });

  it('names the bad field in BAD_USER_INPUT and writes nothing', async () => {
    const before = await ask(`{ incidents(filter: { gridCodePrefix: "${GRID}" }) { totalCount } }`);
    const { errors } = await ask(
      `mutation { reportIncident(input: { category: FIRE_HAZARD, source: HOTLINE, severity: LOW, title: "   ", description: "x", gridCode: "${GRID}" }) { id } }`,
    );
    expect(errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(errors![0]!.message).toMatch(/input\.title/);
    const after = await ask(`{ incidents(filter: { gridCodePrefix: "${GRID}" }) { totalCount } }`);
    expect(after.data!.incidents.totalCount).toBe(before.data!.incidents.totalCount);
  });

  it('records a hazard and closes it after rectification; a closed hazard stays closed', async () => {
    const building = await ask(`{ buildings(first: 1, filter: { gridCodePrefix: "${GRID}" }) { edges { node { id } } } }`);
    const buildingId = building.data!.buildings.edges[0].node.id;
    const recorded = await ask(
      'mutation($b: ID!) { recordHazard(input: { buildingId: $b, category: EBIKE_CHARGING, severity: HIGH, description: "Bikes charging in the hall" }) { id status gridCode building { id } } }',
      { b: buildingId },
      inspector,
    );
    expect(recorded.errors).toBeUndefined();
    expect(recorded.data!.recordHazard).toMatchObject({ status: 'OPEN', gridCode: GRID, building: { id: buildingId } });
    const id = recorded.data!.recordHazard.id;
    const closed = await ask('mutation($id: ID!) { updateHazardStatus(id: $id, status: CLOSED, note: "Charging point moved outdoors") { status closedAt rectificationNote } }', { id }, inspector);
    expect(closed.errors).toBeUndefined();
    expect(closed.data!.updateHazardStatus.status).toBe('CLOSED');
    expect(closed.data!.updateHazardStatus.closedAt).toBeTruthy();
    const reopened = await ask('mutation($id: ID!) { updateHazardStatus(id: $id, status: OPEN) { status } }', { id }, inspector);
    expect(reopened.errors![0]!.extensions!.code).toBe('ILLEGAL_TRANSITION');
    const unknown = await ask('mutation { recordHazard(input: { buildingId: "99999999", category: GAS_LEAK, severity: LOW, description: "x" }) { id } }', {}, inspector);
    expect(unknown.errors![0]!.extensions!.code).toBe('NOT_FOUND');
  });

  it('never lets stock go negative, even under concurrent dispatches', async () => {
    const incident = await reportIncident('Storm surge');
    const stock = await ask('{ stockItems(first: 1, filter: { item: "Sandbags" }) { edges { node { id quantity } } } }');
    const { id: stockItemId, quantity } = stock.data!.stockItems.edges[0].node;
    const each = Math.max(1, Math.ceil(quantity / 7));
    const attempts = await Promise.all(
      Array.from({ length: 12 }, () =>
        ask('mutation($input: DispatchStockInput!) { dispatchStock(input: $input) { id quantity } }', {
          input: { incidentId: incident.id, stockItemId, quantity: each },
        }),
      ),
    );
    const succeeded = attempts.filter((a) => !a.errors).length;
    for (const failed of attempts.filter((a) => a.errors)) expect(failed.errors![0]!.extensions!.code).toBe('INSUFFICIENT_STOCK');
    expect(succeeded).toBe(Math.floor(quantity / each));
    const after = await ask('query($id: ID!) { incident(id: $id) { dispatches { quantity } } stockItems(first: 1, filter: { item: "Sandbags" }) { edges { node { quantity } } } }', { id: incident.id });
    expect(after.data!.stockItems.edges[0].node.quantity).toBe(quantity - succeeded * each);
    expect(after.data!.incident.dispatches).toHaveLength(succeeded);
  });

  it('dispatches a ready team, which is then no longer ready', async () => {
    const incident = await reportIncident('Trapped residents');
    const teams = await ask('{ rescueTeams(first: 1, filter: { readiness: READY }) { edges { node { id } } } }');
    const teamId = teams.data!.rescueTeams.edges[0].node.id;
    const first = await ask('mutation($i: ID!, $t: ID!) { dispatchTeam(input: { incidentId: $i, teamId: $t }) { id status team { readiness } } }', { i: incident.id, t: teamId });
    expect(first.errors).toBeUndefined();
    expect(first.data!.dispatchTeam.team.readiness).toBe('DEPLOYED');
    const second = await ask('mutation($i: ID!, $t: ID!) { dispatchTeam(input: { incidentId: $i, teamId: $t }) { id } }', { i: incident.id, t: teamId });
    expect(second.errors![0]!.extensions!.code).toBe('CONFLICT');
    const done = await ask('mutation($id: ID!) { completeDispatch(id: $id) { status team { readiness } } }', { id: first.data!.dispatchTeam.id });
    expect(done.data!.completeDispatch).toEqual({ status: 'RETURNED', team: { readiness: 'READY' } });
  });
});
