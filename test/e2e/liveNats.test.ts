import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { freePort } from '@civic/launcher';
import { loadServiceCredential, signServiceToken } from '@civic/runtime';
import { graphql, subscribeLive, TEST_KEYS_DIR, tokenFor, type LiveMessage, type LiveSubscription } from '@civic/testkit';
import { startServiceProcess, type GatewayProcess } from './support/gatewayProcess';
import { runningPlatforms, type PlatformHandle } from './support/platforms';

/** The NATS server with JetStream that CI and development machines run beside the tests. */
const NATS_URL = process.env.TEST_NATS_URL ?? 'nats://127.0.0.1:4222';

const FEED = /* GraphQL */ `
  subscription Feed($filter: IncidentFeedFilter, $since: ID) {
    incidentFeed(filter: $filter, since: $since) { eventId kind incidentId incident { id title } }
  }
`;

const about = (incidentId: string) => (message: LiveMessage) => message.data?.incidentFeed?.incidentId === incidentId;

/**
 * Two live replicas on one JetStream stream (a stream of this run's own, deleted afterwards), beside the
 * shared platform: incidents are reported through its gateway, and the test ships their thin events as
 * the incidents subgraph's outbox does (with its service credential), to one replica or the other.
 */
describe('live replicas sharing a NATS JetStream stream', () => {
  const stream = `civic-live-test-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'civic-live-nats-'));
  const open: LiveSubscription[] = [];
  let platform: PlatformHandle;
  let replicaA: GatewayProcess;
  let replicaB: GatewayProcess;
  let police: string;
  let gridCode: string;
  let residentId: string;
  let nextSourceId = 1;

  const startReplica = (name: string) =>
    startServiceProcess('live', { NATS_URL, LIVE_NATS_STREAM: stream, GATEWAY_URL: platform.gatewayUrl, DATA_DIR: join(dataDir, name) });
  const streamUrl = (replica: GatewayProcess) => `${replica.origin}/graphql/stream`;

  const subscribe = async (replica: GatewayProcess, variables: Record<string, unknown>) => {
    const subscription = subscribeLive(streamUrl(replica), FEED, variables, { token: police });
    open.push(subscription);
    expect(await subscription.status).toBe(200);
    return subscription;
  };

  const report = async (title: string) => {
    const answer = await graphql(
      platform.gatewayUrl,
      'mutation ($input: ReportIncidentInput!) { reportIncident(input: $input) { id } }',
      { input: { category: 'FIRE_HAZARD', source: 'GRID_PATROL', severity: 'HIGH', title, description: 'Smoke', gridCode, reporterResidentId: residentId } },
      { token: police },
    );
    expect(answer.errors).toBeUndefined();
    return { sourceId: nextSourceId++, kind: 'incident.reported', recordId: answer.data!.reportIncident.id as string, gridCode, occurredAt: new Date().toISOString() };
  };

  const shipping = async (replica: GatewayProcess, events: object[]) => {
    const token = await signServiceToken(await loadServiceCredential('incidents', undefined, TEST_KEYS_DIR));
    return fetch(`${replica.origin}/internal/events`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ events }) });
  };
  const ship = async (replica: GatewayProcess, events: object[]) => expect((await shipping(replica, events)).status).toBe(200);

  beforeAll(async () => {
    platform = runningPlatforms().find((p) => p.backend === 'pglite')!;
    police = await tokenFor('police');
    const residents = await graphql(platform.gatewayUrl, '{ residents(first: 1) { edges { node { id gridCode } } } }', {}, { token: police });
    ({ id: residentId, gridCode } = residents.data!.residents.edges[0].node);
    [replicaA, replicaB] = await Promise.all([startReplica('a'), startReplica('b')]);
  });

  afterAll(async () => {
    open.forEach((subscription) => subscription.close());
    await Promise.all([replicaA?.stop(), replicaB?.stop()]);
    const connection = await connect({ servers: NATS_URL });
    await (await jetstreamManager(connection)).streams.delete(stream);
    await connection.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('delivers an event shipped to one replica on both, with the same id, once though it was shipped twice', async () => {
    const onA = await subscribe(replicaA, { filter: { gridCodePrefix: gridCode } });
    const onB = await subscribe(replicaB, { filter: { gridCodePrefix: gridCode } });
    const first = await report('Seen by both replicas');
    await ship(replicaA, [first]);
    // The outbox ships again when an answer is lost: here to the other replica. JetStream drops it by its message id.
    await ship(replicaB, [first]);
    const second = await report('After the repeated shipment');
    await ship(replicaB, [second]);

    const fromA = (await onA.waitFor(about(first.recordId))).data!.incidentFeed;
    const fromB = (await onB.waitFor(about(first.recordId))).data!.incidentFeed;
    expect(fromA).toEqual(fromB);
    expect(fromA.incident.title).toBe('Seen by both replicas');
    // Each subscription takes events in order: once the second has arrived, a double of the first would have too.
    for (const subscription of [onA, onB]) {
      await subscription.waitFor(about(second.recordId));
      expect(subscription.messages.filter(about(first.recordId))).toHaveLength(1);
    }
  });

  it('resumes on the other replica from an event id received on the first, with exactly what was missed', async () => {
    const onA = await subscribe(replicaA, { filter: { gridCodePrefix: gridCode } });
    const seen = await report('Seen on A');
    await ship(replicaA, [seen]);
    const lastSeen = (await onA.waitFor(about(seen.recordId))).data!.incidentFeed.eventId as string;
    onA.close();

    const missed = [await report('Missed 1'), await report('Missed 2')];
    await ship(replicaA, missed);
    const onB = await subscribe(replicaB, { filter: { gridCodePrefix: gridCode }, since: lastSeen });
    const received = [await onB.waitFor(about(missed[0]!.recordId)), await onB.waitFor(about(missed[1]!.recordId))].map((message) => message.data!.incidentFeed);
    expect(received.map((event) => event.incident.title)).toEqual(['Missed 1', 'Missed 2']);
    expect(Number(received[0].eventId)).toBe(Number(lastSeen) + 1);
    expect(onB.messages.some(about(seen.recordId))).toBe(false);
  });

  it('while NATS is lost: not ready, shipments refused with 503 (they stay in the outbox), subscriptions ended with an error saying to resume', async () => {
    // A NATS server of this test's own, which it stops: the shared one serves other tests.
    const port = await freePort();
    const startNats = () => spawn('nats-server', ['-js', '-a', '127.0.0.1', '-p', String(port), '-sd', join(dataDir, 'nats')], { stdio: 'ignore' });
    let nats: ChildProcess = startNats();
    const replica = await (async () => {
      for (;;) {
        try {
          return await startServiceProcess('live', { NATS_URL: `nats://127.0.0.1:${port}`, GATEWAY_URL: platform.gatewayUrl, DATA_DIR: join(dataDir, 'd') });
        } catch (error) {
          // Until the server listens the replica refuses to start (exit 78, as tested below).
          if (!/exited with 78/.test(String(error))) throw error;
        }
      }
    })();
    try {
      const subscription = await subscribe(replica, {});
      const stopped = new Promise((resolve) => nats.once('exit', resolve));
      nats.kill('SIGKILL');
      await stopped;
      await subscription.ended;
      expect(subscription.messages.at(-1)?.errors?.[0]?.extensions).toMatchObject({ code: 'LIVE_UNAVAILABLE', retryable: true });
      expect((await fetch(`${replica.origin}/readyz`)).status).toBe(503);
      expect((await shipping(replica, [await report('While NATS is down')])).status).toBe(503);

      nats = startNats();
      while ((await fetch(`${replica.origin}/readyz`)).status !== 200) await new Promise((resolve) => setTimeout(resolve, 200));
      await ship(replica, [await report('After NATS is back')]);
    } finally {
      nats.kill('SIGTERM');
      await replica.stop();
    }
  });

  it('refuses to start, with a configuration error (exit 78), when NATS_URL names no NATS server', async () => {
    const nowhere = `nats://127.0.0.1:${await freePort()}`;
    await expect(startServiceProcess('live', { NATS_URL: nowhere, LIVE_NATS_STREAM: stream, DATA_DIR: join(dataDir, 'c') })).rejects.toThrow(/live exited with 78[\s\S]*NATS_URL: no NATS server with JetStream/);
  });
});
