import { graphql, startTestPlatform, subscribeLive, tokenFor, type LiveMessage, type LiveSubscription, type TestPlatform } from '@civic/testkit';

/**
 * Ceilings, not expectations: a platform's five databases can take minutes to initialise on a busy
 * machine, and waiting longer costs nothing when it is quick. The launcher reports a service that
 * stops making progress itself; these only keep jest from giving up first.
 */
const PLATFORM_START_MS = 20 * 60_000;
const CONDITION_MS = 3 * 60_000;

/** One platform for both parts: starting five databases costs more than every test here together. Each test leaves every service running. */
describe('a platform that restarts (PGlite)', () => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await startTestPlatform({ backend: 'pglite', root: process.cwd(), residents: 600 });
  }, PLATFORM_START_MS);
  afterAll(async () => {
    await platform?.dispose();
  });

  describe('its services', () => {
    it('reports each subgraph in /health, and 503 while one is down', async () => {
      const healthy = await fetch(platform.healthUrl);
      expect(healthy.status).toBe(200);
      expect(await healthy.json()).toMatchObject({ status: 'ready', subgraphs: { population: 'up', buildings: 'up', incidents: 'up', resources: 'up' } });
      platform.subgraphs.incidents.child.kill('SIGTERM');
      await new Promise((resolve) => platform.subgraphs.incidents.child.once('exit', resolve));
      const degraded = await fetch(platform.healthUrl);
      expect(degraded.status).toBe(503);
      expect(await degraded.json()).toMatchObject({ status: 'not ready', subgraphs: { incidents: 'down', population: 'up' } });
      await platform.restartSubgraph('incidents');
      expect((await fetch(platform.healthUrl)).status).toBe(200);
    });

    it('keeps written data across a restart and does not seed twice', async () => {
      const token = await tokenFor('fire');
      const count = async () => (await graphql(platform.gatewayUrl, '{ incidents { totalCount } }', {}, { token })).data!.incidents.totalCount as number;
      const reported = await graphql(
        platform.gatewayUrl,
        'mutation { reportIncident(input: { category: FIRE_HAZARD, source: GRID_PATROL, severity: MEDIUM, title: "Blocked exit", description: "Boxes", gridCode: "330101001001001" }) { id } }',
        {},
        { token },
      );
      expect(reported.errors).toBeUndefined();
      const before = await count();
      await platform.restartSubgraph('incidents');
      expect(await count()).toBe(before);
      const again = await graphql(platform.gatewayUrl, 'query($id: ID!) { incident(id: $id) { title } }', { id: reported.data!.reportIncident.id }, { token });
      expect(again.data!.incident.title).toBe('Blocked exit');
    });
  });

  describe('governance across restarts and outages', () => {

    const idNumbers = async (department: 'police' | 'fire', purpose?: string, subject?: string) => {
      const token = await tokenFor(department, subject ? { subject } : {});
      const response = await graphql(platform.gatewayUrl, '{ residents(first: 2) { edges { node { id idNumber } } } }', {}, { token, ...(purpose ? { purpose } : {}) });
      return response.data!.residents.edges.map((e: any) => e.node);
    };
    const stopAccess = async () => {
      platform.subgraphs.access.child.kill('SIGTERM');
      await new Promise((resolve) => platform.subgraphs.access.child.once('exit', resolve));
    };
    const auditedWith = async (text: string) => {
      const officer = await tokenFor('police', { role: 'data-officer' });
      const { data } = await graphql(platform.gatewayUrl, '{ auditCsv(filter: { fieldName: "idNumber" }) }', {}, { token: officer });
      return (data?.auditCsv as string | undefined)?.includes(text) ?? false;
    };
    const eventually = async (check: () => Promise<boolean>, ms = CONDITION_MS) => {
      const until = Date.now() + ms;
      while (Date.now() < until) {
        if (await check()) return;
        await new Promise((r) => setTimeout(r, 200));
      }
      throw new Error('condition not met in time');
    };

    it('keeps enforcing the last good policy while the access service is down', async () => {
      await stopAccess();
      expect((await idNumbers('police')).every((r: any) => /^\d{17}[\dX]$/.test(r.idNumber))).toBe(true);
      expect((await idNumbers('fire')).every((r: any) => r.idNumber === null)).toBe(true);
      await platform.restartSubgraph('access');
    });

    it('keeps audit records of reads made while the access service was down, across a subgraph restart', async () => {
      await stopAccess();
      // A purpose is a catalogue code; the read is told apart by the one user who made it.
      const subject = `outage-check-${Date.now()}`;
      expect((await idNumbers('police', 'identity-verification', subject))[0].idNumber).not.toBeNull();
      await platform.restartSubgraph('population', { untilListening: true });
      await platform.restartSubgraph('access');
      await eventually(() => auditedWith(`${subject},police,officer,identity-verification`));
    });

    it('denies every classified field in a subgraph that never received a policy', async () => {
      await stopAccess();
      await platform.restartSubgraph('population', { untilListening: true });
      const health = await (await fetch(new URL('/health', platform.subgraphs.population.url))).json();
      expect(health).toMatchObject({ status: 'not ready', policy: { state: 'none' } });
      const gateway = await fetch(platform.healthUrl);
      expect(gateway.status).toBe(503);
      expect(await gateway.json()).toMatchObject({ status: 'not ready', subgraphs: { population: 'no policy', access: 'down' } });
      const police = await graphql(platform.gatewayUrl, '{ residents(first: 1) { edges { node { name idNumber } } } }', {}, { token: await tokenFor('police') });
      expect(police.data!.residents.edges[0].node).toEqual({ name: null, idNumber: null });
      expect(police.errors!.map((e) => e.extensions!.code)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
      await platform.restartSubgraph('access');
      await eventually(async () => (await fetch(platform.healthUrl)).status === 200);
      expect((await idNumbers('police'))[0].idNumber).toMatch(/^\d{17}[\dX]$/);
    });
  });

  describe('the live service', () => {
    const FEED = 'subscription Feed($filter: IncidentFeedFilter, $since: ID) { incidentFeed(filter: $filter, since: $since) { eventId incidentId incident { title } } }';
    const about = (incidentId: string) => (message: LiveMessage) => message.data?.incidentFeed?.incidentId === incidentId;
    const open: LiveSubscription[] = [];
    afterAll(() => open.forEach((subscription) => subscription.close()));

    it('loses no event for a client that resumes from its last event id after the live service is killed and restarted', async () => {
      const police = await tokenFor('police');
      const street = '330101001';
      const subscribe = async (variables: Record<string, unknown>) => {
        const subscription = subscribeLive(platform.liveUrl, FEED, variables, { token: police });
        open.push(subscription);
        expect(await subscription.status).toBe(200);
        return subscription;
      };
      const report = async (title: string) => {
        const answer = await graphql(
          platform.gatewayUrl,
          'mutation ($input: ReportIncidentInput!) { reportIncident(input: $input) { id } }',
          { input: { category: 'FIRE_HAZARD', source: 'GRID_PATROL', severity: 'HIGH', title, description: 'Smoke in the stairwell', gridCode: `${street}001001` } },
          { token: police },
        );
        expect(answer.errors).toBeUndefined();
        return answer.data!.reportIncident.id as string;
      };
      const before = await subscribe({ filter: { gridCodePrefix: street } });
      const first = await report('Before the crash');
      const lastSeen = (await before.waitFor(about(first))).data!.incidentFeed.eventId as string;

      const missed: string[] = [];
      await platform.crashAndRestartLive(async () => {
        await before.ended;
        // Committed while the live service is down: they wait in the incidents subgraph's outbox.
        missed.push(await report('During the outage 1'), await report('During the outage 2'));
      });
      const after = await subscribe({ filter: { gridCodePrefix: street }, since: lastSeen });
      const received = [await after.waitFor(about(missed[0]!)), await after.waitFor(about(missed[1]!))].map((message) => message.data!.incidentFeed);
      expect(received.map((event) => event.incident.title)).toEqual(['During the outage 1', 'During the outage 2']);
      expect(Number(received[0].eventId)).toBeGreaterThan(Number(lastSeen));
      expect(Number(received[1].eventId)).toBeGreaterThan(Number(received[0].eventId));
      // Resuming after an event does not send it again.
      expect(after.messages.some(about(first))).toBe(false);
    });
  });
});
