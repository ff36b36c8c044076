import { gatewayIssuedTokenFor, graphql, testIdentityProvider, tokenFor } from '@civic/testkit';
import {
  compareAudit,
  coversEveryLevel,
  DEEP_LEVELS,
  FAULT_DEADLINES,
  FAULT_DEEP_QUERY,
  lostReports,
  partialAnswerProblem,
  problemsOf,
  retryableProblem,
  startFaultLoad,
  startFaultPlatform,
  terminateUnderLoad,
  uncodedErrors,
  waitForShippedAudit,
  wholeAnswerProblem,
  type DeepData,
  type FaultLoad,
  type FaultPlatform,
  type Outcome,
} from '@civic/testkit/faults';
import type { ServiceName } from '@civic/launcher';
import { describeLaunchEvent } from '@civic/launcher/progress';

/**
 * The platform under faults: one platform on a PostgreSQL cluster of its own, under a steady load of
 * the deep query (grid > residents > building > hazards, incidents > dispatches) and of incident
 * reports, while each service is killed, frozen and restarted, the gateway and a subgraph are told to
 * stop (SIGTERM) with requests in flight, and the database is stopped, crashed and frozen. The tests
 * run in order on the same platform; each repairs what it broke. The last ones check the whole run:
 * no request outlived the gateway's deadline, every error is one the contract names, every
 * acknowledged report is stored, and the audit trail holds exactly the classified values answered.
 */
const RESIDENTS = 200;
const DEEP_GRID = '330101001001001';
const REPORT_GRID = '330101001001002';
const DEEP_VARIABLES = { code: DEEP_GRID, first: 30 };
/** What a busy shared machine may add to a deadline before the answer arrives. */
const SLACK_MS = 3000;
const ANSWER_WITHIN_MS = FAULT_DEADLINES.GATEWAY_REQUEST_TIMEOUT_MS + SLACK_MS;
/** How long a kill or a stopped database lasts: enough for every connection to be answered more than once. */
const DOWN_MS = 3000;
/** A freeze outlasts the gateway's fetch timeout, so that requests sent during it see that timeout. */
const FROZEN_MS = FAULT_DEADLINES.GATEWAY_SUBGRAPH_TIMEOUT_MS + 4000;
/** A ceiling, not an expectation: a restarted service is healthy within seconds on an idle machine. */
const RECOVERY_MS = 120_000;
const PLATFORM_START_MS = 10 * 60_000;
/** Clients sending back to back when a service is told to stop, as in the measurement. */
const CONNECTIONS_AT_SIGTERM = 16;
/**
 * What a drained request may still be answered with: the fault platform's deadlines are seconds, which
 * a busy shared machine can exceed while a service is stopping; the drain must answer, not be fast.
 */
const SLOW_MACHINE_CODES = ['REQUEST_TIMEOUT', 'SUBGRAPH_TIMEOUT', 'DATABASE_TIMEOUT'];
/** Deep-query answers judged during each fault, at least. */
const ANSWERS_PER_FAULT = 3;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const log = (message: string) => process.stderr.write(`[faults] ${message}\n`);

let platform: FaultPlatform;
let load: FaultLoad;
let startedAt: number;
/** While the gateway was down or frozen, requests may fail or wait: its own deadline cannot hold then. */
const gatewayAway: { from: number; to: number }[] = [];

/** Waits for a whole deep answer to a request sent at or after `from`; returns how long after `from` it came. */
async function recoveredAfter(from: number): Promise<number> {
  const whole = await load.firstAfter(from, (o) => o.kind === 'deep' && wholeAnswerProblem(o) === undefined, RECOVERY_MS);
  return whole.endedAt - from;
}

/** Waits at least `ms`, and until some deep queries sent since `from` have been answered (slowly, on a busy machine). */
async function hold(from: number, ms: number, answers = ANSWERS_PER_FAULT): Promise<void> {
  await sleep(ms);
  const until = Date.now() + RECOVERY_MS;
  while (load.between(from, Date.now(), 'deep').length < answers && Date.now() < until) await sleep(100);
}

/** Breaks something for `ms` under the load, repairs it, and returns the outcomes of requests sent and answered meanwhile. */
async function whileBroken(
  what: string,
  breakIt: () => Promise<void>,
  ms: number,
  repair: () => Promise<void>,
  answers = ANSWERS_PER_FAULT,
): Promise<{ window: Outcome[]; brokenAt: number; repairAt: number }> {
  await breakIt();
  const brokenAt = Date.now();
  await hold(brokenAt, ms, answers);
  const repairAt = Date.now();
  await repair();
  const recovery = await recoveredAfter(repairAt);
  log(`${what}: ${load.between(brokenAt, repairAt).length} answers while broken; whole again ${recovery} ms after the repair began`);
  return { window: load.between(brokenAt, repairAt), brokenAt, repairAt };
}

async function kill(service: ServiceName): Promise<void> {
  await platform.signal(service, 'SIGKILL');
}

/** The first requests plan queries and fill caches, which on a busy machine may outlast the small deadlines. */
async function warmedUp<T extends { errors?: unknown }>(ask: () => Promise<T>): Promise<T> {
  const until = Date.now() + RECOVERY_MS;
  for (;;) {
    const answer = await ask();
    if (!answer.errors || Date.now() > until) return answer;
    await sleep(500);
  }
}

beforeAll(async () => {
  const started = Date.now();
  platform = await startFaultPlatform({ root: process.cwd(), residents: RESIDENTS, onEvent: (event) => log(describeLaunchEvent(event)) });
  log(`platform on its own PostgreSQL cluster (port ${platform.cluster!.port}) healthy after ${Date.now() - started} ms`);
  const token = await tokenFor('governance');
  const healthy = await warmedUp(() => graphql<DeepData>(platform.gatewayUrl, FAULT_DEEP_QUERY, DEEP_VARIABLES, { token }));
  expect(healthy.errors).toBeUndefined();
  expect(coversEveryLevel(healthy.data!)).toBe(true);
  const reportGrid = await graphql(platform.gatewayUrl, 'query($code: String!) { grid(code: $code) { code } }', { code: REPORT_GRID }, { token });
  expect(reportGrid.data!.grid).toEqual({ code: REPORT_GRID });
  load = startFaultLoad({
    gatewayUrl: platform.gatewayUrl,
    identityProvider: await testIdentityProvider(),
    deep: { variables: DEEP_VARIABLES, healthy: healthy.data! },
    reportGrid: REPORT_GRID,
    deepConnections: 3,
    reportConnections: 1,
    patienceMs: ANSWER_WITHIN_MS + 10_000,
  });
  startedAt = Date.now();
}, PLATFORM_START_MS);

afterAll(async () => {
  await load?.stop();
  await platform?.dispose();
});

it('answers whole while nothing is broken', async () => {
  await hold(startedAt, DOWN_MS);
  const window = load.between(startedAt, Date.now());
  expect(window.filter((o) => o.kind === 'deep').length).toBeGreaterThan(0);
  expect(window.filter((o) => o.kind === 'report').length).toBeGreaterThan(0);
  expect(problemsOf(window, wholeAnswerProblem, startedAt)).toEqual([]);
});

describe.each(DEEP_LEVELS)('with the %s subgraph killed', (level) => {
  it('answers every deep query at once with the other levels intact and one SUBGRAPH_UNAVAILABLE error naming it and its field; whole again after its restart', async () => {
    const { window, brokenAt } = await whileBroken(`${level} killed`, () => kill(level), DOWN_MS, () => platform.restart(level));
    const deep = window.filter((o) => o.kind === 'deep');
    expect(deep.length).toBeGreaterThan(0);
    expect(problemsOf(deep, (o) => partialAnswerProblem(o, level, 'SUBGRAPH_UNAVAILABLE'), brokenAt)).toEqual([]);
    // A down subgraph is known at once: no request waits for a fetch timeout.
    expect(deep.filter((o) => o.endedAt - o.startedAt >= FAULT_DEADLINES.GATEWAY_SUBGRAPH_TIMEOUT_MS)).toEqual([]);
  });
});

describe.each(DEEP_LEVELS)('with the %s subgraph frozen (SIGSTOP)', (level) => {
  it("answers within the gateway's fetch timeout with the other levels intact and one SUBGRAPH_TIMEOUT error naming it; whole again once thawed", async () => {
    const { window, brokenAt } = await whileBroken(`${level} frozen`, () => platform.signal(level, 'SIGSTOP'), FROZEN_MS, () => platform.signal(level, 'SIGCONT'));
    const deep = window.filter((o) => o.kind === 'deep');
    expect(deep.length).toBeGreaterThan(0);
    expect(problemsOf(deep, (o) => partialAnswerProblem(o, level, 'SUBGRAPH_TIMEOUT'), brokenAt)).toEqual([]);
    expect(deep.filter((o) => o.endedAt - o.startedAt > FAULT_DEADLINES.GATEWAY_SUBGRAPH_TIMEOUT_MS + SLACK_MS)).toEqual([]);
  });
});

describe('with the access service away', () => {
  it.each([
    ['killed', () => kill('access'), () => platform.restart('access')],
    ['frozen', () => platform.signal('access', 'SIGSTOP'), () => platform.signal('access', 'SIGCONT')],
  ] as const)('answers every request whole while it is %s: subgraphs enforce the policy they hold', async (how, breakIt, repair) => {
    const { window, brokenAt } = await whileBroken(`access ${how}`, breakIt, how === 'frozen' ? FROZEN_MS : DOWN_MS, repair);
    expect(window.length).toBeGreaterThan(0);
    expect(problemsOf(window, wholeAnswerProblem, brokenAt)).toEqual([]);
  });
});

describe('with the gateway away', () => {
  it('refuses connections at once while killed, and answers whole after its restart', async () => {
    const from = Date.now();
    const { window, brokenAt } = await whileBroken('gateway killed', () => kill('gateway'), DOWN_MS, () => platform.restart('gateway'));
    gatewayAway.push({ from, to: Date.now() });
    expect(window.length).toBeGreaterThan(0);
    expect(problemsOf(window, (o) => (o.failure === 'transport' && o.endedAt - o.startedAt < 1000 ? undefined : 'not refused at once'), brokenAt)).toEqual([]);
  });

  it('answers what it held while frozen within its deadline of the thaw, and answers whole after', async () => {
    // Nothing is answered while it is frozen: the hold waits for no answer.
    const { brokenAt: frozenAt, repairAt: thawedAt } = await whileBroken('gateway frozen', () => platform.signal('gateway', 'SIGSTOP'), FROZEN_MS, () => platform.signal('gateway', 'SIGCONT'), 0);
    gatewayAway.push({ from: frozenAt, to: Date.now() });
    const held = load.outcomes.filter((o) => o.startedAt < thawedAt && o.endedAt > frozenAt);
    expect(held.length).toBeGreaterThan(0);
    expect(problemsOf(held, (o) => (!o.failure && o.endedAt <= thawedAt + ANSWER_WITHIN_MS ? undefined : `${o.failure ?? 'answered'} ${o.endedAt - thawedAt} ms after the thaw`), frozenAt)).toEqual([]);
  });
});

describe('told to stop (SIGTERM) with requests in flight', () => {
  it('the gateway answers every request it holds, then exits 0', async () => {
    const token = await tokenFor('governance');
    const body = JSON.stringify({ query: FAULT_DEEP_QUERY, variables: DEEP_VARIABLES });
    const from = Date.now();
    const result = await terminateUnderLoad(
      platform.processOf('gateway'),
      { url: platform.gatewayUrl, token, body },
      CONNECTIONS_AT_SIGTERM,
    );
    await platform.restart('gateway');
    gatewayAway.push({ from, to: Date.now() });
    log(`gateway SIGTERM: ${result.answered} of ${result.inFlight} in flight answered whole, ${result.answeredWithErrors.length} with errors (${result.answeredWithErrors.join(', ')}), ${result.cut.length} cut; exit ${JSON.stringify(result.exit)} after ${result.exitMs} ms`);
    expect(result.inFlight).toBeGreaterThan(0);
    expect(result.cut).toEqual([]);
    expect(result.answeredWithErrors.filter((code) => !SLOW_MACHINE_CODES.includes(code))).toEqual([]);
    expect(result.exit).toEqual({ code: 0, signal: null });
  });

  it('a subgraph answers every request it holds, then exits 0', async () => {
    const token = await gatewayIssuedTokenFor('governance');
    const body = JSON.stringify({ query: 'query($code: String!) { grid(code: $code) { residents(first: 100) { edges { node { id name age phone } } } } }', variables: { code: DEEP_GRID } });
    const result = await terminateUnderLoad(
      platform.processOf('population'),
      { url: platform.platform.subgraphs.population.url, token, body },
      CONNECTIONS_AT_SIGTERM,
    );
    await platform.restart('population');
    log(`population SIGTERM: ${result.answered} of ${result.inFlight} in flight answered whole, ${result.answeredWithErrors.length} with errors (${result.answeredWithErrors.join(', ')}), ${result.cut.length} cut; exit ${JSON.stringify(result.exit)} after ${result.exitMs} ms`);
    expect(result.inFlight).toBeGreaterThan(0);
    expect(result.cut).toEqual([]);
    expect(result.answeredWithErrors.filter((code) => !SLOW_MACHINE_CODES.includes(code))).toEqual([]);
    expect(result.exit).toEqual({ code: 0, signal: null });
  });
});

describe('with the database away', () => {
  /** While the database cannot be reached, a client is told to retry, with its own code. */
  const RETRY_LATER = ['DATABASE_UNAVAILABLE'];
  /** While it hangs, the request's deadlines end the wait, each with its own code. */
  const TIMED_OUT = ['SUBGRAPH_TIMEOUT', 'DATABASE_TIMEOUT', 'REQUEST_TIMEOUT', 'DATABASE_UNAVAILABLE'];

  it.each([
    ['stopped (pg_ctl stop -m fast)', 'fast'],
    ['crashed (pg_ctl stop -m immediate)', 'immediate'],
  ] as const)('answers at once with a retryable DATABASE_UNAVAILABLE while %s, and whole once it is back', async (how, mode) => {
    const { window, brokenAt } = await whileBroken(`database ${how}`, () => platform.cluster!.stop(mode), DOWN_MS, () => platform.cluster!.start());
    expect(window.length).toBeGreaterThan(0);
    expect(problemsOf(window, (o) => retryableProblem(o, RETRY_LATER) ?? (o.errors.length ? undefined : 'no error while the database was down'), brokenAt)).toEqual([]);
  });

  it('answers within the deadlines while it is frozen (every process SIGSTOPped), and whole once thawed', async () => {
    const { window, brokenAt } = await whileBroken('database frozen', async () => platform.cluster!.freeze(), FROZEN_MS, async () => platform.cluster!.thaw());
    const deep = window.filter((o) => o.kind === 'deep');
    expect(deep.length).toBeGreaterThan(0);
    expect(problemsOf(window, (o) => retryableProblem(o, TIMED_OUT), brokenAt)).toEqual([]);
  });
});

describe('over the whole run', () => {
  beforeAll(async () => {
    await load.stop();
    log(`${load.outcomes.length} requests in ${Date.now() - startedAt} ms`);
  });

  const awayFromGateway = (o: Outcome) => gatewayAway.some((w) => o.endedAt >= w.from && o.startedAt <= w.to);

  it("answered every request within the gateway's deadline, but while the gateway itself was down or frozen", () => {
    const late = load.outcomes.filter((o) => !awayFromGateway(o) && (o.failure || o.endedAt - o.startedAt > ANSWER_WITHIN_MS));
    expect(problemsOf(late, (o) => `${o.failure ?? 'answered'} after ${o.endedAt - o.startedAt} ms`, startedAt)).toEqual([]);
  });

  it('gave only errors the contract names, each with a code a client can act on', () => {
    expect(problemsOf(load.outcomes, uncodedErrors, startedAt)).toEqual([]);
  });

  it('lost no acknowledged report, through restarts and a database crash', async () => {
    const acknowledged = load.outcomes.filter((o) => o.acknowledged).length;
    expect(acknowledged).toBeGreaterThan(0);
    expect(await lostReports(platform, load.outcomes)).toEqual([]);
  });

  it('recorded in the audit trail exactly the classified values the answers handed out', async () => {
    await waitForShippedAudit(platform, RECOVERY_MS);
    const audit = await compareAudit(platform, load.outcomes);
    log(`audit: ${audit.matched} of ${audit.answered} answered requests matched exactly; ${audit.undelivered} records of values served but not delivered`);
    expect(audit.answered).toBeGreaterThan(0);
    expect(audit.unaudited).toEqual([]);
    expect(audit.unexplained).toEqual([]);
  });
});
