/**
 * `npm run bench:live`: a platform on its embedded default (PGlite, the demo city), N SSE subscribers
 * of the incident feed (each a duty desk of its own, filtering on one grid), and incidents reported
 * through the gateway at a steady rate in random grids. Prints, per delivery, the time from the
 * incident's event (written in the reporting transaction) to its arrival at the subscriber: p50, p95,
 * p99, max; and deliveries received against those expected (every subscriber of the incident's grid).
 *
 *   npm run bench:live -- --subscribers 1000 --rate 20 --duration 30 [--grids 8]
 *
 * With NATS_URL set, the live service keeps its events in the JetStream stream civic-live-bench there
 * instead of its file log.
 */
import { parseArgs } from 'node:util';
import { graphql, startTestPlatform, subscribeLive, tokenFor, type LiveSubscription } from '@civic/testkit';

const log = (message: string) => process.stderr.write(`[live] ${message}\n`);

const { values } = parseArgs({
  options: {
    subscribers: { type: 'string', default: '1000' },
    rate: { type: 'string', default: '20' },
    duration: { type: 'string', default: '30' },
    residents: { type: 'string', default: '4000' },
    // Unset: every grid with residents; fewer grids means more subscribers per event.
    grids: { type: 'string' },
  },
});
const subscribers = Number(values.subscribers);
const rate = Number(values.rate);
const durationS = Number(values.duration);

const FEED = 'subscription ($filter: IncidentFeedFilter) { incidentFeed(filter: $filter) { eventId incidentId occurredAt incident { id title severity reporter { name phone } } } }';

interface ResidentGridsPage {
  residents: { edges: { node: { gridCode: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}

function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : NaN;
}

const started = Date.now();
log(`starting a platform (${values.residents} residents)...`);
const platform = await startTestPlatform({
  backend: 'pglite',
  root: process.cwd(),
  residents: Number(values.residents),
  // Every delivery is a gateway request of its subscriber; the reporter alone sends `rate` per second.
  // The rate limits protect the graph from users, not from this measurement.
  env: {
    GATEWAY_RATE_LIMIT_USER: '1000000',
    GATEWAY_RATE_LIMIT_DEPARTMENT: '100000000',
    ...(process.env.NATS_URL ? { NATS_URL: process.env.NATS_URL, LIVE_NATS_STREAM: 'civic-live-bench' } : {}),
  },
});
log(`live events in ${process.env.NATS_URL ? `the JetStream stream civic-live-bench at ${process.env.NATS_URL}` : 'the file log'}`);
log(`platform up in ${((Date.now() - started) / 1000).toFixed(0)} s`);
try {
  const reporter = await tokenFor('police', { subject: 'bench-reporter' });
  // Every grid of the demo city that has residents (or the first --grids of them): a duty desk watches its own grid.
  const found = new Set<string>();
  let after: string | null = null;
  for (;;) {
    const page: { data?: ResidentGridsPage | null } = await graphql<ResidentGridsPage>(platform.gatewayUrl, 'query ($after: String) { residents(first: 500, after: $after) { edges { node { gridCode } } pageInfo { hasNextPage endCursor } } }', { after }, { token: reporter });
    for (const edge of page.data!.residents.edges) found.add(edge.node.gridCode);
    if (!page.data!.residents.pageInfo.hasNextPage) break;
    after = page.data!.residents.pageInfo.endCursor;
  }
  const grids = [...found].sort().slice(0, values.grids ? Number(values.grids) : undefined);
  const gridOf = (i: number) => grids[i % grids.length]!;

  const latencies: number[] = [];
  const open: LiveSubscription[] = [];
  const perGrid = new Map<string, number>();
  log(`opening ${subscribers} subscriptions over ${grids.length} grids...`);
  for (let i = 0; i < subscribers; i++) {
    const token = await tokenFor(i % 2 ? 'fire' : 'police', { subject: `desk-${i}` });
    open.push(subscribeLive(platform.liveUrl, FEED, { filter: { gridCodePrefix: gridOf(i) } }, {
      token,
      onMessage: (message) => {
        const event = message.data?.incidentFeed;
        if (event) latencies.push(Date.now() - Date.parse(event.occurredAt));
      },
    }));
    perGrid.set(gridOf(i), (perGrid.get(gridOf(i)) ?? 0) + 1);
  }
  const statuses = await Promise.all(open.map((subscription) => subscription.status));
  const refused = statuses.filter((status) => status !== 200).length;
  log(`${subscribers - refused} subscriptions open (${refused} refused)`);

  let expected = 0;
  let reported = 0;
  let failedReports = 0;
  const total = rate * durationS;
  const begin = Date.now();
  log(`reporting ${total} incidents at ${rate}/s...`);
  const reports: Promise<void>[] = [];
  for (let n = 0; n < total; n++) {
    const due = begin + (n * 1000) / rate;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - Date.now())));
    const grid = grids[Math.floor(Math.random() * grids.length)]!;
    reports.push(
      graphql(platform.gatewayUrl, 'mutation ($input: ReportIncidentInput!) { reportIncident(input: $input) { id } }', {
        input: { category: 'FIRE_HAZARD', source: 'GRID_PATROL', severity: 'HIGH', title: `Bench ${n}`, description: 'bench', gridCode: grid },
      }, { token: reporter }).then((answer) => {
        if (answer.data?.reportIncident?.id) {
          reported++;
          expected += perGrid.get(grid) ?? 0;
        } else failedReports++;
      }),
    );
  }
  await Promise.all(reports);
  const sentFor = (Date.now() - begin) / 1000;
  // Deliveries still on their way: wait until none has arrived for 5 s (or all are in).
  let last = -1;
  while (latencies.length < expected && latencies.length !== last) {
    last = latencies.length;
    await new Promise((resolve) => setTimeout(resolve, 5000));
  }
  const endings = open.flatMap((subscription) => subscription.messages.flatMap((message) => message.errors ?? []).map((error) => String(error.extensions?.code ?? error.message)));
  const ended = Object.fromEntries([...new Set(endings)].map((code) => [code, endings.filter((c) => c === code).length]));
  open.forEach((subscription) => subscription.close());
  const sorted = [...latencies].sort((x, y) => x - y);
  const row = {
    subscribers,
    grids: grids.length,
    'events/s offered': rate,
    'events/s achieved': Number((reported / sentFor).toFixed(1)),
    incidents: reported,
    'failed reports': failedReports,
    'deliveries expected': expected,
    'deliveries received': latencies.length,
    'subscriptions ended with an error, by code': ended,
    'gateway fetches/s (≈ deliveries/s)': Number((expected / sentFor).toFixed(0)),
    'p50 ms': percentile(sorted, 50),
    'p95 ms': percentile(sorted, 95),
    'p99 ms': percentile(sorted, 99),
    'max ms': sorted.at(-1) ?? NaN,
  };
  process.stdout.write(`${JSON.stringify(row, null, 2)}\n`);
} finally {
  await platform.dispose();
}
