import { graphql, tokenFor } from '@civic/testkit';
import { eachBackend } from '../support/platforms';

/**
 * A caller bounded to one street, following links to records outside it: the link is null (or the
 * list member gone) and nothing else is lost: not the record holding the link, not its neighbours in
 * a list, not the rest of the answer. No error kind outside the contract reaches the answer.
 *
 * Each test makes its own records as a city-wide emergency officer: an incident in another street
 * served by a team of the caller's street, and an incident of the caller's street involving a
 * resident of another street.
 */
const CONTRACT_CODES = new Set(['FORBIDDEN', 'UNAUTHENTICATED', 'BAD_USER_INPUT', 'NOT_FOUND', 'SUBGRAPH_UNAVAILABLE', 'SUBGRAPH_TIMEOUT']);
const streetOf = (gridCode: string) => gridCode.slice(0, 9);

type Answer = Awaited<ReturnType<typeof graphql>>;

/** No `data: null`, no value-completion entries, and only codes the contract names. */
function expectContractErrorsOnly({ data, errors, extensions }: Answer & { extensions?: Record<string, unknown> }) {
  expect(data).not.toBeNull();
  expect(extensions?.valueCompletion).toBeUndefined();
  for (const error of errors ?? []) expect(CONTRACT_CODES).toContain(error.extensions?.code);
}

describe.each(eachBackend())('links to records outside the caller\'s street (%s)', (_backend, platform) => {
  let cityWide: string;
  const ask = (token: string, query: string, variables?: Record<string, unknown>) => graphql(platform.gatewayUrl, query, variables, { token });

  beforeAll(async () => {
    cityWide = await tokenFor('emergency', { subject: `scoped-links-${Date.now()}` });
  });

  /** The first resident of a grid. */
  async function residentOf(gridCode: string) {
    const { data, errors } = await ask(cityWide, 'query($code: String!) { grid(code: $code) { residents(first: 1) { edges { node { id gridCode } } } } }', { code: gridCode });
    expect(errors).toBeUndefined();
    return data!.grid.residents.edges[0].node as { id: string; gridCode: string };
  }

  /** A ready team, a resident of its street, and a resident of another street. */
  async function teamAndOtherStreet() {
    const teams = await ask(cityWide, '{ rescueTeams(first: 1, filter: { readiness: READY }) { edges { node { id gridCode } } } }');
    expect(teams.errors).toBeUndefined();
    const team = teams.data!.rescueTeams.edges[0].node as { id: string; gridCode: string };
    const grids = await ask(cityWide, '{ grids { code residentCount: residents(first: 1) { totalCount } } }');
    expect(grids.errors).toBeUndefined();
    const populated = (grids.data!.grids as { code: string; residentCount: { totalCount: number } }[]).filter((g) => g.residentCount.totalCount > 0);
    const insideGrid = populated.find((g) => streetOf(g.code) === streetOf(team.gridCode));
    const elsewhereGrid = populated.find((g) => streetOf(g.code) !== streetOf(team.gridCode));
    expect(insideGrid && elsewhereGrid).toBeDefined();
    return { team, inside: await residentOf(insideGrid!.code), elsewhere: await residentOf(elsewhereGrid!.code) };
  }

  async function reportIncident(gridCode: string, involvedResidentIds: string[] = []) {
    const { data, errors } = await ask(
      cityWide,
      'mutation($input: ReportIncidentInput!) { reportIncident(input: $input) { id } }',
      { input: { category: 'NATURAL_DISASTER', source: 'HOTLINE', severity: 'MEDIUM', title: 'Scoped link check', description: 'Made by a test', gridCode, involvedResidentIds } },
    );
    expect(errors).toBeUndefined();
    return data!.reportIncident.id as string;
  }

  it('a dispatch of the caller\'s street serving an incident elsewhere keeps everything but that incident', async () => {
    const { team, elsewhere } = await teamAndOtherStreet();
    const incidentId = await reportIncident(elsewhere.gridCode);
    const sent = await ask(cityWide, 'mutation($i: ID!, $t: ID!) { dispatchTeam(input: { incidentId: $i, teamId: $t }) { id gridCode } }', { i: incidentId, t: team.id });
    expect(sent.errors).toBeUndefined();
    const dispatch = sent.data!.dispatchTeam as { id: string; gridCode: string };
    try {
      const streetBound = await tokenFor('emergency', { jurisdiction: streetOf(team.gridCode) });

      const one = await ask(streetBound, 'query($id: ID!) { dispatch(id: $id) { id status incident { id gridCode title } team { id } } }', { id: dispatch.id });
      expectContractErrorsOnly(one);
      expect(one.data!.dispatch).toEqual({ id: dispatch.id, status: 'EN_ROUTE', incident: null, team: { id: team.id } });

      const list = await ask(
        streetBound,
        'query($prefix: String!) { dispatches(first: 100, filter: { gridCodePrefix: $prefix }) { totalCount edges { node { id incident { id gridCode } } } } }',
        { prefix: dispatch.gridCode },
      );
      expectContractErrorsOnly(list);
      const nodes = list.data!.dispatches.edges.map((e: { node: unknown }) => e.node) as { id: string; incident: { gridCode: string } | null }[];
      expect(nodes.find((n) => n.id === dispatch.id)).toEqual({ id: dispatch.id, incident: null });
      // Its neighbours keep their incidents, each inside the street.
      for (const node of nodes.filter((n) => n.incident !== null)) expect(streetOf(node.incident!.gridCode)).toBe(streetOf(team.gridCode));

      // The city-wide officer still sees the link.
      const whole = await ask(cityWide, 'query($id: ID!) { dispatch(id: $id) { incident { id } } }', { id: dispatch.id });
      expect(whole.data!.dispatch.incident).toEqual({ id: incidentId });
    } finally {
      await ask(cityWide, 'mutation($id: ID!) { cancelDispatch(id: $id) { id } }', { id: dispatch.id });
    }
  });

  it('an incident of the caller\'s street involving a resident elsewhere lists only the residents inside it', async () => {
    const { team, elsewhere, inside } = await teamAndOtherStreet();
    const incidentId = await reportIncident(inside.gridCode, [inside.id, elsewhere.id]);
    const streetBound = await tokenFor('emergency', { jurisdiction: streetOf(team.gridCode) });
    const answer = await ask(streetBound, 'query($id: ID!) { incident(id: $id) { id gridCode involvedResidents { id gridCode } } }', { id: incidentId });
    expectContractErrorsOnly(answer);
    expect(answer.data!.incident).toEqual({ id: incidentId, gridCode: inside.gridCode, involvedResidents: [{ id: inside.id, gridCode: inside.gridCode }] });

    const whole = await ask(cityWide, 'query($id: ID!) { incident(id: $id) { involvedResidents { id } } }', { id: incidentId });
    expect(whole.data!.incident.involvedResidents).toEqual(expect.arrayContaining([{ id: inside.id }, { id: elsewhere.id }]));
  });
});
