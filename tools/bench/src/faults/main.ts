/**
 * `npm run bench:faults`: what the platform keeps answering through faults, as issue 10 asks to
 * measure it. On a platform of its own (a PostgreSQL cluster of its own, or the embedded PGlite
 * default), under a steady load of the deep query and of incident reports:
 * - each subgraph killed (SIGKILL): the share of deep-query answers that are partial with the right
 *   error (SUBGRAPH_UNAVAILABLE naming the subgraph and the field), and the time to recover after the
 *   restart: until the service is healthy, and until the first whole answer;
 * - each subgraph frozen (SIGSTOP) past the gateway's fetch timeout: the share partial with
 *   SUBGRAPH_TIMEOUT, and the slowest answer;
 * - SIGTERM to the gateway and to a subgraph under 16 connections: requests in flight answered / cut,
 *   the exit status and how long the process took to exit.
 * Prints Markdown tables on stdout, progress on stderr.
 */
import { parseCommandLine, usageError } from '@civic/scripts/cli';
import { gatewayIssuedTokenFor, graphql, testIdentityProvider, tokenFor } from '@civic/testkit';
import {
  DEEP_LEVELS,
  FAULT_DEADLINES,
  FAULT_DEEP_QUERY,
  partialAnswerProblem,
  startFaultLoad,
  startFaultPlatform,
  terminateUnderLoad,
  wholeAnswerProblem,
  type DeepData,
  type DeepLevel,
  type FaultLoad,
  type FaultPlatform,
  type Outcome,
  type SubgraphFailureCode,
  type TerminationOutcome,
} from '@civic/testkit/faults';

const USAGE = `Usage: npm run bench:faults -- [options]

  --backend B        postgresql (a cluster of its own, from POSTGRES_BIN_DIR or /usr/lib/postgresql/<n>/bin),
                     pglite (the embedded default), or both (default)
  --residents N      residents of the seeded city (default 400)
  --connections N    connections sending the deep query during the faults (default 8)
  --down S           seconds each subgraph stays killed or frozen (default 6)
`;

const command = {
  name: 'bench:faults',
  usage: USAGE,
  options: {
    backend: { type: 'string', default: 'both' },
    residents: { type: 'string', default: '400' },
    connections: { type: 'string', default: '8' },
    down: { type: 'string', default: '6' },
  },
} as const;

type Backend = 'postgresql' | 'pglite';
const DEEP_GRID = '330101001001001';
const REPORT_GRID = '330101001001002';
/** Clients sending back to back when a service is told to stop, as in the issue's measurement. */
const SIGTERM_CONNECTIONS = 16;
const RECOVERY_MS = 300_000;

const log = (message: string) => process.stderr.write(`[bench:faults] ${message}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const seconds = (ms: number) => (ms / 1000).toFixed(1);
const share = (part: number, whole: number) => (whole ? `${part} of ${whole} (${Math.round((100 * part) / whole)}%)` : 'no answer');

function positiveInt(value: string, option: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) usageError(command, `--${option} must be a positive whole number, got "${value}"`);
  return n;
}

interface FaultRow {
  subgraph: DeepLevel;
  answers: number;
  right: number;
  /** The most frequent way the other answers fell short. */
  otherwise: string;
  slowestMs: number;
  /** Kill rows: restart until healthy, and until the first whole answer. */
  restartMs?: number;
  recoveredMs?: number;
}

function mostFrequent(problems: string[]): string {
  const counts = new Map<string, number>();
  for (const problem of problems) counts.set(problem, (counts.get(problem) ?? 0) + 1);
  const [top] = [...counts].sort((a, b) => b[1] - a[1]);
  return top ? `${top[1]}x ${top[0].slice(0, 160)}` : '';
}

function judge(subgraph: DeepLevel, window: Outcome[], code: SubgraphFailureCode): FaultRow {
  const deep = window.filter((o) => o.kind === 'deep');
  const problems = deep.map((o) => partialAnswerProblem(o, subgraph, code)).filter((p): p is string => p !== undefined);
  return {
    subgraph,
    answers: deep.length,
    right: deep.length - problems.length,
    otherwise: mostFrequent(problems),
    slowestMs: Math.max(0, ...deep.map((o) => o.endedAt - o.startedAt)),
  };
}

async function firstWholeAfter(load: FaultLoad, from: number): Promise<number> {
  const whole = await load.firstAfter(from, (o) => o.kind === 'deep' && wholeAnswerProblem(o) === undefined, RECOVERY_MS);
  return whole.endedAt - from;
}

async function killEach(platform: FaultPlatform, load: FaultLoad, downMs: number): Promise<FaultRow[]> {
  const rows: FaultRow[] = [];
  for (const subgraph of DEEP_LEVELS) {
    await platform.signal(subgraph, 'SIGKILL');
    const killedAt = Date.now();
    await sleep(downMs);
    const restartAt = Date.now();
    await platform.restart(subgraph);
    const restartMs = Date.now() - restartAt;
    const recoveredMs = await firstWholeAfter(load, restartAt);
    rows.push({ ...judge(subgraph, load.between(killedAt, restartAt), 'SUBGRAPH_UNAVAILABLE'), restartMs, recoveredMs });
    log(`${subgraph} killed: ${rows.at(-1)!.right}/${rows.at(-1)!.answers} right; healthy ${seconds(restartMs)} s, whole ${seconds(recoveredMs)} s after the restart began`);
  }
  return rows;
}

async function freezeEach(platform: FaultPlatform, load: FaultLoad, downMs: number): Promise<FaultRow[]> {
  const rows: FaultRow[] = [];
  for (const subgraph of DEEP_LEVELS) {
    await platform.signal(subgraph, 'SIGSTOP');
    const frozenAt = Date.now();
    await sleep(Math.max(downMs, FAULT_DEADLINES.GATEWAY_SUBGRAPH_TIMEOUT_MS * 2));
    const thawAt = Date.now();
    await platform.signal(subgraph, 'SIGCONT');
    const recoveredMs = await firstWholeAfter(load, thawAt);
    rows.push({ ...judge(subgraph, load.between(frozenAt, thawAt), 'SUBGRAPH_TIMEOUT'), recoveredMs });
    log(`${subgraph} frozen: ${rows.at(-1)!.right}/${rows.at(-1)!.answers} right`);
  }
  return rows;
}

async function terminateEach(platform: FaultPlatform): Promise<[string, TerminationOutcome][]> {
  const governance = await tokenFor('governance');
  const gatewayBody = JSON.stringify({ query: FAULT_DEEP_QUERY, variables: { code: DEEP_GRID, first: 30 } });
  const gateway = await terminateUnderLoad(
    platform.processOf('gateway'),
    { url: platform.gatewayUrl, token: governance, body: gatewayBody },
    SIGTERM_CONNECTIONS,
  );
  await platform.restart('gateway');
  const forwarded = await gatewayIssuedTokenFor('governance');
  const subgraphBody = JSON.stringify({ query: 'query($code: String!) { grid(code: $code) { residents(first: 100) { edges { node { id name age phone } } } } }', variables: { code: DEEP_GRID } });
  const population = await terminateUnderLoad(
    platform.processOf('population'),
    { url: platform.platform.subgraphs.population.url, token: forwarded, body: subgraphBody },
    SIGTERM_CONNECTIONS,
  );
  await platform.restart('population');
  return [
    ['gateway', gateway],
    ['population subgraph', population],
  ];
}

function tables(backend: Backend, options: { connections: number; downMs: number }, killed: FaultRow[], frozen: FaultRow[], terminated: [string, TerminationOutcome][]): string {
  const d = FAULT_DEADLINES;
  return [
    `### ${backend}`,
    '',
    `Deep query under ${options.connections} connections plus one sending reports; each fault lasts ${seconds(options.downMs)} s. Deadlines: gateway request ${d.GATEWAY_REQUEST_TIMEOUT_MS} ms, subgraph fetch ${d.GATEWAY_SUBGRAPH_TIMEOUT_MS} ms, subgraph request ${d.SUBGRAPH_REQUEST_TIMEOUT_MS} ms, statement ${d.DATABASE_STATEMENT_TIMEOUT_MS} ms.`,
    '',
    '| subgraph killed | answers partial with the right error | slowest answer ms | restart until healthy s | restart until first whole answer s | the others, most often |',
    '|---|---|---|---|---|---|',
    ...killed.map((r) => `| ${r.subgraph} | ${share(r.right, r.answers)} | ${r.slowestMs} | ${seconds(r.restartMs!)} | ${seconds(r.recoveredMs!)} | ${r.otherwise} |`),
    '',
    '| subgraph frozen | answers partial with SUBGRAPH_TIMEOUT | slowest answer ms | thaw until first whole answer s | the others, most often |',
    '|---|---|---|---|---|',
    ...frozen.map((r) => `| ${r.subgraph} | ${share(r.right, r.answers)} | ${r.slowestMs} | ${seconds(r.recoveredMs!)} | ${r.otherwise} |`),
    '',
    `| SIGTERM under ${SIGTERM_CONNECTIONS} connections | in flight | answered whole | answered with errors | cut | exit | exited after ms | how the others ended |`,
    '|---|---|---|---|---|---|---|---|',
    ...terminated.map(
      ([name, t]) => `| ${name} | ${t.inFlight} | ${t.answered} | ${t.answeredWithErrors.length} | ${t.cut.length} | ${t.exit.signal ?? `code ${t.exit.code}`} | ${t.exitMs} | ${mostFrequent([...t.answeredWithErrors, ...t.cut])} |`,
    ),
    '',
  ].join('\n');
}

async function measure(backend: Backend, residents: number, connections: number, downMs: number): Promise<string> {
  log(`${backend}: starting the platform with ${residents} residents`);
  const platform = await startFaultPlatform({ root: process.cwd(), residents, backend });
  try {
    const token = await tokenFor('governance');
    const variables = { code: DEEP_GRID, first: 30 };
    let healthy = await graphql<DeepData>(platform.gatewayUrl, FAULT_DEEP_QUERY, variables, { token });
    // The first requests plan the query and fill caches.
    for (let i = 0; healthy.errors && i < 20; i++) healthy = await graphql<DeepData>(platform.gatewayUrl, FAULT_DEEP_QUERY, variables, { token });
    if (healthy.errors) throw new Error(`the healthy platform answers the deep query with errors: ${JSON.stringify(healthy.errors)}`);
    const load = startFaultLoad({
      gatewayUrl: platform.gatewayUrl,
      identityProvider: await testIdentityProvider(),
      deep: { variables, healthy: healthy.data! },
      reportGrid: REPORT_GRID,
      deepConnections: connections,
      reportConnections: 1,
      patienceMs: FAULT_DEADLINES.GATEWAY_REQUEST_TIMEOUT_MS + 30_000,
    });
    let killed: FaultRow[];
    let frozen: FaultRow[];
    try {
      killed = await killEach(platform, load, downMs);
      frozen = await freezeEach(platform, load, downMs);
    } finally {
      await load.stop();
    }
    const terminated = await terminateEach(platform);
    return tables(backend, { connections, downMs }, killed, frozen, terminated);
  } finally {
    await platform.dispose();
  }
}

async function main(): Promise<void> {
  const values = parseCommandLine(command);
  const backends: Backend[] = values.backend === 'both' ? ['postgresql', 'pglite'] : [values.backend as Backend];
  if (!['postgresql', 'pglite', 'both'].includes(values.backend)) usageError(command, `--backend must be postgresql, pglite or both, got "${values.backend}"`);
  const residents = positiveInt(values.residents, 'residents');
  const connections = positiveInt(values.connections, 'connections');
  const downMs = positiveInt(values.down, 'down') * 1000;
  for (const backend of backends) process.stdout.write(`${await measure(backend, residents, connections, downMs)}\n`);
}

await main();
