/**
 * `npm run bench:restart`: how long a subgraph on the embedded default (PGlite) is down when it
 * restarts, and where the time goes. On a platform of its own (a seeded city under a temporary
 * DATA_DIR), one subgraph is stopped and started again, runs times each:
 * - idle, after a clean stop (SIGTERM: PGlite shuts down with a checkpoint);
 * - idle, after SIGKILL (PostgreSQL recovers from its WAL on the next start);
 * - under a light load (the deep query and incident reports through the gateway), after SIGKILL.
 * Each row is the time until the launcher sees the service healthy (its probe runs every 0.5 s) and
 * the service's own account of its start-up (the `startup` field of its "subgraph ready" log line).
 * Prints Markdown tables on stdout, progress on stderr.
 */
import { parseCommandLine, usageError } from '@civic/scripts/cli';
import { graphql, testIdentityProvider, tokenFor } from '@civic/testkit';
import { FAULT_DEEP_QUERY, startFaultLoad, startFaultPlatform, type DeepData, type FaultLoad, type FaultPlatform } from '@civic/testkit/faults';
import { SUBGRAPH_NAMES, type SubgraphName } from '@civic/launcher';
import { parseEnv, pgliteEnv, type StartupSummary } from '@civic/runtime';

const command = {
  name: 'bench:restart',
  usage: `Usage: npm run bench:restart -- [options]

  --subgraph S       the subgraph restarted (default population)
  --residents N      residents of the seeded city (default 4000, as npm start)
  --runs N           restarts per scenario (default 3)
  --connections N    connections sending the deep query in the load scenario, besides one sending reports (default 2)
  --load-seconds N   seconds of load before each kill (default 10)
`,
  options: {
    subgraph: { type: 'string', default: 'population' },
    residents: { type: 'string', default: '4000' },
    runs: { type: 'string', default: '3' },
    connections: { type: 'string', default: '2' },
    'load-seconds': { type: 'string', default: '10' },
  },
} as const;

const DEEP_GRID = '330101001001001';
const REPORT_GRID = '330101001001002';
const IDLE_BEFORE_STOP_MS = 2000;


interface Sample {
  healthyMs: number;
  startup: StartupSummary;
}

interface Scenario {
  name: string;
  samples: Sample[];
}

const log = (message: string) => process.stderr.write(`[bench:restart] ${message}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function positiveInt(value: string, option: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) usageError(command, `--${option} must be a positive whole number, got "${value}"`);
  return n;
}

/** Collects the restarted subgraph's start-up summaries from its log, in order. */
class ReadyLines {
  readonly summaries: StartupSummary[] = [];

  constructor(private readonly subgraph: SubgraphName) {}

  onLine = (service: string, line: string): void => {
    if (service !== this.subgraph || !line.includes('"subgraph ready"')) return;
    const parsed = JSON.parse(line) as { startup?: StartupSummary };
    if (parsed.startup) this.summaries.push(parsed.startup);
  };
}

async function restartOnce(platform: FaultPlatform, subgraph: SubgraphName, signal: 'SIGKILL' | 'SIGTERM', ready: ReadyLines): Promise<Sample> {
  const seen = ready.summaries.length;
  await platform.signal(subgraph, signal);
  const startedAt = Date.now();
  await platform.restart(subgraph);
  const healthyMs = Date.now() - startedAt;
  const startup = ready.summaries[seen];
  // Healthy implies the service logged its ready line before answering; a missing one is a bug of this bench.
  if (!startup) throw new Error(`${subgraph} became healthy without a "subgraph ready" line with its start-up`);
  return { healthyMs, startup };
}

async function startLoad(platform: FaultPlatform, connections: number): Promise<FaultLoad> {
  const token = await tokenFor('governance');
  const variables = { code: DEEP_GRID, first: 30 };
  let healthy = await graphql<DeepData>(platform.gatewayUrl, FAULT_DEEP_QUERY, variables, { token });
  // The first requests plan the query and fill caches.
  for (let i = 0; healthy.errors && i < 20; i++) healthy = await graphql<DeepData>(platform.gatewayUrl, FAULT_DEEP_QUERY, variables, { token });
  if (healthy.errors) throw new Error(`the healthy platform answers the deep query with errors: ${JSON.stringify(healthy.errors)}`);
  return startFaultLoad({
    gatewayUrl: platform.gatewayUrl,
    identityProvider: await testIdentityProvider(),
    deep: { variables, healthy: healthy.data! },
    reportGrid: REPORT_GRID,
    deepConnections: connections,
    reportConnections: 1,
    patienceMs: 60_000,
  });
}

const seconds = (ms: number) => (ms / 1000).toFixed(2);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** One table of wall times (what the outage lasts) and one of CPU times (what each phase costs, whatever the machine's load). */
function tables(scenario: Scenario): string {
  const phases = [...new Set(scenario.samples.flatMap((s) => Object.keys(s.startup.phasesMs)))];
  const wall = (s: Sample) => [s.healthyMs, s.startup.sinceProcessStartMs, s.startup.beforeStartMs, ...phases.map((p) => s.startup.phasesMs[p] ?? 0)];
  const cpu = (s: Sample) => [s.startup.cpuMs, s.startup.beforeStartCpuMs, ...phases.map((p) => s.startup.phasesCpuMs[p] ?? 0)];
  return [
    `### ${scenario.name}`,
    '',
    'Wall time:',
    '',
    ...table(['healthy (probe)', 'ready (own log)', 'module loading', ...phases], scenario.samples.map(wall)),
    'CPU time of the subgraph process:',
    '',
    ...table(['total to ready', 'module loading', ...phases], scenario.samples.map(cpu)),
  ].join('\n');
}

function table(columns: string[], rows: number[][]): string[] {
  const medians = columns.map((_, i) => median(rows.map((r) => r[i]!)));
  return [
    `| run | ${columns.join(' s | ')} s |`,
    `|---|${columns.map(() => '---:').join('|')}|`,
    ...rows.map((r, i) => `| ${i + 1} | ${r.map(seconds).join(' | ')} |`),
    `| median | ${medians.map(seconds).join(' | ')} |`,
    '',
  ];
}

async function measure(platform: FaultPlatform, subgraph: SubgraphName, ready: ReadyLines, options: { runs: number; connections: number; loadMs: number }): Promise<Scenario[]> {
  const idle = async (name: string, signal: 'SIGKILL' | 'SIGTERM'): Promise<Scenario> => {
    const samples: Sample[] = [];
    for (let run = 1; run <= options.runs; run++) {
      await sleep(IDLE_BEFORE_STOP_MS);
      samples.push(await restartOnce(platform, subgraph, signal, ready));
      log(`${name} #${run}: healthy after ${seconds(samples.at(-1)!.healthyMs)} s`);
    }
    return { name, samples };
  };
  const clean = await idle(`idle, after a clean stop (SIGTERM)`, 'SIGTERM');
  const killed = await idle(`idle, after SIGKILL`, 'SIGKILL');
  const load = await startLoad(platform, options.connections);
  const loaded: Scenario = { name: `under load (${options.connections} connections of the deep query, 1 of reports), after SIGKILL`, samples: [] };
  try {
    for (let run = 1; run <= options.runs; run++) {
      await sleep(options.loadMs);
      loaded.samples.push(await restartOnce(platform, subgraph, 'SIGKILL', ready));
      log(`${loaded.name} #${run}: healthy after ${seconds(loaded.samples.at(-1)!.healthyMs)} s`);
    }
  } finally {
    await load.stop();
  }
  return [clean, killed, loaded];
}

async function main(): Promise<void> {
  const values = parseCommandLine(command);
  const subgraph = values.subgraph as SubgraphName;
  if (!SUBGRAPH_NAMES.includes(subgraph)) usageError(command, `--subgraph must be one of ${SUBGRAPH_NAMES.join(', ')}, got "${values.subgraph}"`);
  const residents = positiveInt(values.residents, 'residents');
  const options = { runs: positiveInt(values.runs, 'runs'), connections: positiveInt(values.connections, 'connections'), loadMs: positiveInt(values['load-seconds'], 'load-seconds') * 1000 };
  const ready = new ReadyLines(subgraph);
  log(`seeding ${residents} residents under a temporary DATA_DIR and starting the platform on PGlite`);
  // The restarted subgraph logs at info level: its ready line, with the start-up phases, is an info line.
  const platform = await startFaultPlatform({ root: process.cwd(), residents, backend: 'pglite', serviceEnv: { [subgraph]: { LOG_LEVEL: 'info' } }, onLine: ready.onLine });
  try {
    const scenarios = await measure(platform, subgraph, ready, options);
    // The services inherit this process's environment: PGLITE_* set here apply to them.
    const settings = Object.entries(parseEnv(pgliteEnv)).map(([name, value]) => `${name}=${value}`).join(', ');
    process.stdout.write(`## Restarting ${subgraph} on PGlite (${residents} residents; ${settings})\n\n${scenarios.map(tables).join('\n')}\n`);
  } finally {
    await platform.dispose();
  }
}

await main();
