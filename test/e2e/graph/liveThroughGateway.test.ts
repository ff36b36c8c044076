import { graphql, subscribeLive, tokenFor, type LiveMessage, type LiveSubscription } from '@civic/testkit';
import { runningPlatforms } from '../support/platforms';
import { expectAnswerHeaders } from '../support/securityHeaders';

/**
 * The live feeds on the gateway's own port (/graphql/stream), passed through to the live service: a
 * browser app needs no second origin. The gateway checks the caller as on /graphql before anything
 * reaches the live service.
 */
const platform = runningPlatforms()[0]!;
const stream = `${new URL(platform.gatewayUrl).origin}/graphql/stream`;
const FEED = 'subscription ($filter: IncidentFeedFilter) { incidentFeed(filter: $filter) { eventId kind incidentId incident { id title gridCode } } }';

describe('live feeds through the gateway port', () => {
  const open: LiveSubscription[] = [];
  afterAll(() => open.forEach((subscription) => subscription.close()));

  it('delivers an incident reported through the graph to a subscriber of the gateway port, as a stream with the gateway security headers', async () => {
    const police = await tokenFor('police');
    const residents = await graphql(platform.gatewayUrl, '{ residents(first: 1) { edges { node { id gridCode } } } }', {}, { token: police });
    const resident = residents.data!.residents.edges[0].node as { id: string; gridCode: string };

    const subscription = subscribeLive(stream, FEED, { filter: { gridCodePrefix: resident.gridCode } }, { token: police });
    open.push(subscription);
    expect(await subscription.status).toBe(200);

    const reported = await graphql(
      platform.gatewayUrl,
      'mutation ($input: ReportIncidentInput!) { reportIncident(input: $input) { id } }',
      { input: { category: 'FIRE_HAZARD', source: 'GRID_PATROL', severity: 'HIGH', title: 'Through the gateway port', description: 'Smoke in the stairwell', gridCode: resident.gridCode, reporterResidentId: resident.id } },
      { token: police },
    );
    expect(reported.errors).toBeUndefined();
    const id = reported.data!.reportIncident.id as string;
    const delivered = await subscription.waitFor((message: LiveMessage) => message.data?.incidentFeed?.incidentId === id);
    expect(delivered.data!.incidentFeed).toMatchObject({ kind: 'incident.reported', incident: { id, title: 'Through the gateway port', gridCode: resident.gridCode } });
  });

  it('answers the stream as text/event-stream with the headers every answer carries, at once', async () => {
    const left = new AbortController();
    const response = await fetch(stream, {
      method: 'POST',
      headers: { accept: 'text/event-stream', 'content-type': 'application/json', authorization: `Bearer ${await tokenFor('police')}` },
      body: JSON.stringify({ query: FEED, variables: { filter: { gridCodePrefix: 'no-such-grid' } } }),
      signal: left.signal,
    });
    expect([response.status, response.headers.get('content-type')]).toEqual([200, expect.stringMatching(/^text\/event-stream/)]);
    expectAnswerHeaders(response, 'the live stream');
    left.abort();
  });

  it('refuses, before the live service, a caller without a valid token, a simple cross-site request, and other methods', async () => {
    const anonymous = subscribeLive(stream, FEED, {}, { token: 'not-a-token' });
    expect(await anonymous.status).toBe(401);
    await anonymous.ended;
    expect(anonymous.messages[0]?.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    const token = await tokenFor('police');
    const simple = await fetch(stream, { method: 'POST', headers: { 'content-type': 'text/plain', authorization: `Bearer ${token}` }, body: JSON.stringify({ query: FEED }) });
    expect(simple.status).toBe(400);
    expect(await simple.text()).toMatch(/Cross-Site Request Forgery/);

    const put = await fetch(stream, { method: 'PUT', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` } });
    expect([put.status, put.headers.get('allow')]).toEqual([405, 'GET, POST']);

    const tooLarge = await fetch(stream, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query: FEED, padding: 'x'.repeat(1024 * 1024) }) });
    expect(tooLarge.status).toBe(413);
  });
});
