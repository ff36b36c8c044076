import { graphql, subscribeLive, tokenFor, type LiveMessage, type LiveSubscription } from '@civic/testkit';
import { runningPlatforms } from './support/platforms';

const FEED = /* GraphQL */ `
  subscription Feed($filter: IncidentFeedFilter, $since: ID) {
    incidentFeed(filter: $filter, since: $since) {
      eventId
      kind
      incidentId
      gridCode
      incident { id title gridCode reporter { name phone } }
    }
  }
`;
/** The subscriber's selection as a plain query: a delivery must hold exactly what this query returns to them. */
const SAME_AS_QUERY = 'query ($id: ID!) { incident(id: $id) { id title gridCode reporter { name phone } } }';

interface Resident {
  id: string;
  gridCode: string;
  phone: string;
}

const street = (gridCode: string) => gridCode.slice(0, 9);
const about = (incidentId: string) => (message: LiveMessage) => message.data?.incidentFeed?.incidentId === incidentId;

/** On the shared PGlite platform; killing and restarting the live service is in restart.test.ts, on a platform of its own. */
describe('live feeds (PGlite)', () => {
  const platform = runningPlatforms().find((p) => p.backend === 'pglite')!;
  let police: string;
  let a: Resident;
  let b: Resident;
  const open: LiveSubscription[] = [];

  const subscribe = async (token: string, variables: Record<string, unknown>) => {
    const subscription = subscribeLive(platform.liveUrl, FEED, variables, { token });
    open.push(subscription);
    expect(await subscription.status).toBe(200);
    return subscription;
  };

  const report = async (resident: Resident, title: string) => {
    const answer = await graphql(
      platform.gatewayUrl,
      'mutation ($input: ReportIncidentInput!) { reportIncident(input: $input) { id } }',
      { input: { category: 'FIRE_HAZARD', source: 'GRID_PATROL', severity: 'HIGH', title, description: 'Smoke in the stairwell', gridCode: resident.gridCode, reporterResidentId: resident.id } },
      { token: police },
    );
    expect(answer.errors).toBeUndefined();
    return answer.data!.reportIncident.id as string;
  };

  beforeAll(async () => {
    police = await tokenFor('police');
    // Two streets of the demo city (tools/demo-city): residents are seeded street by street.
    const residentOf = async (streetCode: string) => {
      const page = await graphql(platform.gatewayUrl, 'query ($street: String!) { residents(first: 50, filter: { gridCodePrefix: $street }) { edges { node { id gridCode phone } } } }', { street: streetCode }, { token: police });
      return (page.data!.residents.edges.map((edge: { node: Resident }) => edge.node) as Resident[]).find((resident) => resident.phone)!;
    };
    a = await residentOf('330101001');
    b = await residentOf('330102001');
    expect([street(a.gridCode), street(b.gridCode)]).toEqual(['330101001', '330102001']);
  });

  afterAll(async () => {
    open.forEach((subscription) => subscription.close());
  });

  it("delivers an incident to its street's subscribers with the fields their department's query gets, and nothing to those of another street", async () => {
    const fire = await tokenFor('fire');
    const policeOfA = await subscribe(police, { filter: { gridCodePrefix: street(a.gridCode) } });
    const fireOfA = await subscribe(fire, { filter: { gridCodePrefix: street(a.gridCode) } });
    // Another street by filter, and by jurisdiction alone: the second is decided by the fetch as the subscriber.
    const policeOfB = await subscribe(police, { filter: { gridCodePrefix: street(b.gridCode) } });
    const jurisdictionOfB = await subscribe(await tokenFor('police', { jurisdiction: street(b.gridCode), subject: 'desk-b' }), {});

    const inA = await report(a, 'Fire in street A');
    const inB = await report(b, 'Fire in street B');

    const toPolice = (await policeOfA.waitFor(about(inA))).data!.incidentFeed;
    expect(toPolice).toMatchObject({ kind: 'incident.reported', gridCode: a.gridCode });
    expect(toPolice.incident).toEqual((await graphql(platform.gatewayUrl, SAME_AS_QUERY, { id: inA }, { token: police })).data!.incident);
    expect(toPolice.incident.reporter.phone).toBe(a.phone);

    const toFire = (await fireOfA.waitFor(about(inA))).data!.incidentFeed;
    expect(toFire.incident).toEqual((await graphql(platform.gatewayUrl, SAME_AS_QUERY, { id: inA }, { token: fire })).data!.incident);
    // The policy masks residents' phones for the fire service (schema/policy.yaml, Resident.phone).
    expect(toFire.incident.reporter.phone).toMatch(/^\d{3}\*+\d{4}$/);
    expect(toFire.incident.reporter.phone).not.toBe(a.phone);

    // Each subscription takes events in order: once B's incident (the later event) has arrived, A's was
    // already passed over, so its absence is final, not a matter of waiting longer.
    await policeOfB.waitFor(about(inB));
    await jurisdictionOfB.waitFor(about(inB));
    for (const subscription of [policeOfB, jurisdictionOfB]) {
      expect(subscription.messages.some(about(inA))).toBe(false);
      expect(subscription.messages.every((message) => message.data?.incidentFeed?.gridCode.startsWith(street(b.gridCode)))).toBe(true);
    }
  });

  it('alerts to stock running low in the street subscribed, not in another, and to every stock item near or past its last usable day', async () => {
    const STOCK_ALERTS = /* GraphQL */ `
      subscription Stock($filter: StockAlertFilter, $since: ID) {
        stockAlerts(filter: $filter, since: $since) { eventId kind stockItemId gridCode stockItem { id quantity expiresAt } }
      }
    `;
    const emergency = await tokenFor('emergency');
    const stock: { id: string; gridCode: string; quantity: number; expiresAt: string | null; expired: boolean }[] = [];
    for (let after: string | null = null, more = true; more; ) {
      const page = await graphql(platform.gatewayUrl, 'query ($after: String) { stockItems(first: 200, after: $after) { pageInfo { hasNextPage endCursor } edges { node { id gridCode quantity expiresAt expired } } } }', { after }, { token: emergency });
      stock.push(...page.data!.stockItems.edges.map((edge: { node: (typeof stock)[number] }) => edge.node));
      ({ hasNextPage: more, endCursor: after } = page.data!.stockItems.pageInfo);
    }

    // Near expiry: the resources subgraph's sweep reported each such item once, at start; resuming from the first event finds them all.
    const weekAhead = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    const expiring = stock.filter((item) => item.expiresAt !== null && item.expiresAt <= weekAhead).map((item) => item.id);
    expect(expiring.length).toBeGreaterThan(0);
    const expiryDesk = subscribeLive(platform.liveUrl, STOCK_ALERTS, { filter: { below: 0 }, since: '0' }, { token: emergency });
    open.push(expiryDesk);
    for (const id of expiring) await expiryDesk.waitFor((message) => message.data?.stockAlerts?.stockItemId === id);
    const alerted = expiryDesk.messages.filter((message) => message.data?.stockAlerts?.kind === 'stock.expiring').map((message) => message.data!.stockAlerts.stockItemId);
    expect(new Set(alerted)).toEqual(new Set(expiring));

    // Running low: a dispatch takes stock in one street; that street's desk hears of it, another street's does not.
    const usable = stock.filter((item) => !item.expired && item.quantity > 2);
    const inA = usable[0]!;
    const inB = usable.find((item) => street(item.gridCode) !== street(inA.gridCode))!;
    expect(inB).toBeDefined();
    const deskA = await (async () => {
      const subscription = subscribeLive(platform.liveUrl, STOCK_ALERTS, { filter: { gridCodePrefix: street(inA.gridCode), below: 1_000_000 } }, { token: emergency });
      open.push(subscription);
      expect(await subscription.status).toBe(200);
      return subscription;
    })();
    const deskB = subscribeLive(platform.liveUrl, STOCK_ALERTS, { filter: { gridCodePrefix: street(inB.gridCode), below: 1_000_000 } }, { token: emergency });
    open.push(deskB);
    expect(await deskB.status).toBe(200);
    const dispatch = async (item: { id: string; gridCode: string }) => {
      const incident = await report({ id: a.id, gridCode: item.gridCode, phone: a.phone }, 'Supplies needed');
      const answer = await graphql(platform.gatewayUrl, 'mutation ($input: DispatchStockInput!) { dispatchStock(input: $input) { id } }', { input: { incidentId: incident, stockItemId: item.id, quantity: 1 } }, { token: emergency });
      expect(answer.errors).toBeUndefined();
    };
    await dispatch(inA);
    const low = (await deskA.waitFor((message) => message.data?.stockAlerts?.stockItemId === inA.id && message.data.stockAlerts.kind === 'stock.changed')).data!.stockAlerts;
    expect(low.stockItem).toEqual({ id: inA.id, quantity: inA.quantity - 1, expiresAt: inA.expiresAt });
    await dispatch(inB);
    await deskB.waitFor((message) => message.data?.stockAlerts?.stockItemId === inB.id);
    // Events arrive in order: once B's later change has arrived, A's was passed over for good.
    expect(deskB.messages.some((message) => message.data?.stockAlerts?.stockItemId === inA.id)).toBe(false);
  });

  it('tells the data officers of both sides, once, that a grant ends soon, and no one else', async () => {
    const GRANTS = 'subscription { grantExpiring { eventId kind grantId gridCode grant { id department fields validUntil } } }';
    const officer = (department: 'police' | 'fire' | 'health') => tokenFor(department, { role: 'data-officer' });
    const desks = await Promise.all([officer('fire'), officer('police'), officer('health'), tokenFor('fire')].map(async (token) => subscribeLive(platform.liveUrl, GRANTS, {}, { token: await token })));
    open.push(...desks);
    for (const desk of desks) expect(await desk.status).toBe(200);
    const [fireDesk, policeDesk, healthDesk, fireOfficer] = desks as [LiveSubscription, LiveSubscription, LiveSubscription, LiveSubscription];
    const scope = street(a.gridCode);
    const grantOf = async (requestScope: string) => {
      const requested = await graphql(platform.gatewayUrl, 'mutation ($s: String!) { requestAccess(input: { fields: ["Resident.phone"], purpose: "welfare-check", scope: $s, duration: "PT2H" }) { id } }', { s: requestScope }, { token: await officer('fire') });
      expect(requested.errors).toBeUndefined();
      const approved = await graphql(platform.gatewayUrl, 'mutation ($id: ID!) { decideSharingRequest(input: { id: $id, approve: true, reason: "flood warning" }) { grant { id validUntil } } }', { id: requested.data!.requestAccess.id }, { token: await officer('police') });
      expect(approved.errors).toBeUndefined();
      return approved.data!.decideSharingRequest.grant as { id: string; validUntil: string };
    };
    // One for a street, one for the whole city (its event has no grid).
    const grant = await grantOf(scope);
    const citywide = await grantOf('');
    try {
      // Two hours left, inside the 24-hour window: the access service's next sweep reports them.
      const ofGrant = (message: LiveMessage) => message.data?.grantExpiring?.grantId === grant.id;
      const told = (await fireDesk.waitFor(ofGrant)).data!.grantExpiring;
      expect(told).toMatchObject({ kind: 'grant.expiring', gridCode: scope, grant: { id: grant.id, department: 'fire', fields: ['Resident.phone'], validUntil: grant.validUntil } });
      expect((await policeDesk.waitFor(ofGrant)).data!.grantExpiring.grant.id).toBe(grant.id);
      expect((await fireDesk.waitFor((message) => message.data?.grantExpiring?.grantId === citywide.id)).data!.grantExpiring).toMatchObject({ gridCode: '', grant: { id: citywide.id } });
      // A bound, not a measure: both sides heard of it already, and later sweeps (every 2 s here) find it reported.
      await new Promise((resolve) => setTimeout(resolve, 5000));
      // A third department's data officer and the grantee's ordinary officer: grant(id) is NOT_FOUND to them, so not even the id arrives.
      for (const desk of [healthDesk, fireOfficer]) expect(desk.messages.filter(ofGrant)).toEqual([]);
      const asHealth = await graphql(platform.gatewayUrl, 'query ($id: ID!) { grant(id: $id) { id } }', { id: grant.id }, { token: await officer('health') });
      expect(asHealth.errors![0]!.extensions!.code).toBe('NOT_FOUND');
      expect(fireDesk.messages.filter(ofGrant)).toHaveLength(1);
    } finally {
      for (const { id } of [grant, citywide]) await graphql(platform.gatewayUrl, 'mutation ($id: ID!) { revokeGrant(id: $id) { id } }', { id }, { token: await officer('police') });
    }
    // A ceiling for a busy machine: sweeps run every 2 s here and events ship every 100 ms.
  }, 120_000);

  it('refuses a subscriber without a valid token, and queries (they belong to the gateway)', async () => {
    const anonymous = subscribeLive(platform.liveUrl, FEED, {}, { token: 'not-a-token' });
    expect(await anonymous.status).toBe(401);
    const query = subscribeLive(platform.liveUrl, '{ incidents { totalCount } }', {}, { token: police });
    expect(await query.status).toBe(400);
  });
});
