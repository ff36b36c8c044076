/**
 * `npm run bench:export`: what a large audit export costs the access service, and what the platform
 * sees meanwhile (issue 10 item 4). On a platform of its own (a PostgreSQL cluster of its own, or the
 * embedded PGlite default), after shipping N audit records to the access service the way subgraphs
 * do (POST /internal/audit with a subgraph's own credential), it runs:
 * - the streamed export (GET /exports/audit.csv at the gateway) read at full speed;
 * - the same export held unread for a while, then read (backpressure keeps it where it stopped);
 * - the GraphQL field `auditCsv` at its cap (10,000 rows), the old path, for comparison;
 * and prints for each: time, bytes, the access service's peak RSS while it ran (sampled from
 * /proc/<pid>/status), and meanwhile the policy snapshot's and the gateway readiness' slowest answer and
 * the followers' policy-refresh delay (the largest age of civic_policy_refreshed_at_seconds seen on
 * any subgraph or the gateway, and the polls that failed). Markdown on stdout, progress on stderr.
 */
import { readFileSync } from 'node:fs';
import { get } from 'node:http';
import { parseCommandLine, usageError } from '@civic/scripts/cli';
import { graphql, serviceTokenFor, tokenFor } from '@civic/testkit';
import { startFaultPlatform, type FaultPlatform } from '@civic/testkit/faults';

const USAGE = `Usage: npm run bench:export -- [options]

  --backend B        postgresql (a cluster of its own, from POSTGRES_BIN_DIR or /usr/lib/postgresql/<n>/bin),
                     pglite (the embedded default), or both (default postgresql)
  --records N        audit records shipped before the exports (default 100000)
  --hold S           seconds the held export stays unread (default 10)
`;

const command = {
  name: 'bench:export',
  usage: USAGE,
  options: {
    backend: { type: 'string', default: 'postgresql' },
    records: { type: 'string', default: '100000' },
    hold: { type: 'string', default: '10' },
  },
} as const;

type Backend = 'postgresql' | 'pglite';
/** Records per shipped request, as a busy subgraph's outbox batch would hold. */
const SHIP_BATCH = 2000;
const SAMPLE_MS = 100;
const POLL_MS = 1000;
const FOLLOWERS = ['population', 'buildings', 'incidents', 'resources'] as const;
const DEFAULT_DEADLINES = {
  DATABASE_STATEMENT_TIMEOUT_MS: '8000',
  DATABASE_ACQUIRE_TIMEOUT_MS: '5000',
  OWNER_LOOKUP_TIMEOUT_MS: '2000',
  SUBGRAPH_REQUEST_TIMEOUT_MS: '9000',
  GATEWAY_SUBGRAPH_TIMEOUT_MS: '10000',
  GATEWAY_REQUEST_TIMEOUT_MS: '30000',
};

const log = (message: string) => process.stderr.write(`[bench:export] ${message}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const mib = (kib: number) => (kib / 1024).toFixed(0);

function positiveInt(value: string, option: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) usageError(command, `--${option} must be a positive whole number, got "${value}"`);
  return n;
}

/** VmRSS or VmHWM of a process, in KiB. */
function memoryKib(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) : 0;
}

/** Ships `count` police reads of Resident.phone on population (all visible to the police data officer), as population does. */
async function shipAuditRecords(platform: FaultPlatform, count: number): Promise<void> {
  const token = await serviceTokenFor('population');
  const url = new URL('/internal/audit', platform.platform.subgraphs.access.url);
  for (let first = 0; first < count; first += SHIP_BATCH) {
    const records = Array.from({ length: Math.min(SHIP_BATCH, count - first) }, (_, i) => [String(first + i + 1), '330101001001001']);
    const reads = JSON.stringify([{ field: 'Resident.phone', decision: 'allow', grantId: null, records }]);
    const body = JSON.stringify({ requests: [{ subject: 'bench-reader', department: 'police', roles: 'officer', purpose: null, reads, at: new Date().toISOString() }] });
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body });
    if (!response.ok) throw new Error(`shipping audit records: ${response.status} ${await response.text()}`);
  }
}

interface Watch {
  peakRssKib: number;
  slowestSnapshotMs: number;
  slowestReadinessMs: number;
  /** The largest age of a follower's last successful refresh, in ms, and whose. */
  maxRefreshAgeMs: number;
  maxRefreshAgeOf: string;
  failedPolls: number;
  /** Samples that got no answer at all (a service refused the connection). */
  unanswered: number;
}

async function metric(url: string, name: string): Promise<number> {
  const text = await (await fetch(new URL('/metrics', url))).text();
  return Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? 0);
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

/** Samples, every SAMPLE_MS until stopped, what the platform is going through while an export runs. */
function watch(platform: FaultPlatform): { stop: () => Promise<Watch> } {
  const access = platform.platform.subgraphs.access.url;
  const followers: [string, string][] = [...FOLLOWERS.map((name) => [name, platform.platform.subgraphs[name].url] as [string, string]), ['gateway', platform.gatewayUrl]];
  const pid = platform.processOf('access').pid!;
  const result: Watch = { peakRssKib: 0, slowestSnapshotMs: 0, slowestReadinessMs: 0, maxRefreshAgeMs: 0, maxRefreshAgeOf: '', failedPolls: 0, unanswered: 0 };
  let running = true;
  const failures = () => Promise.all(followers.map(([, url]) => metric(url, 'civic_policy_refresh_failures_total'))).catch(() => followers.map(() => Number.NaN));
  const failuresAtStart = failures();
  async function sampleOnce(service: string): Promise<void> {
    result.peakRssKib = Math.max(result.peakRssKib, memoryKib(pid, 'VmRSS'));
    const snapshotMs = await timed(() => fetch(new URL('/internal/policy-snapshot', access), { headers: { authorization: `Bearer ${service}` } }).then((r) => r.arrayBuffer()));
    const readinessMs = await timed(() => fetch(new URL('/readyz', platform.gatewayUrl)).then((r) => r.arrayBuffer()));
    result.slowestSnapshotMs = Math.max(result.slowestSnapshotMs, snapshotMs);
    result.slowestReadinessMs = Math.max(result.slowestReadinessMs, readinessMs);
    for (const [name, url] of followers) {
      const ageMs = Date.now() - (await metric(url, 'civic_policy_refreshed_at_seconds')) * 1000;
      if (ageMs > result.maxRefreshAgeMs) Object.assign(result, { maxRefreshAgeMs: ageMs, maxRefreshAgeOf: name });
    }
  }
  const loop = (async () => {
    const service = await serviceTokenFor('buildings');
    while (running) {
      await sampleOnce(service).catch((error: unknown) => {
        result.unanswered += 1;
        log(`a sample failed: ${String((error as Error).cause ?? error)}`);
      });
      await sleep(SAMPLE_MS);
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      const before = await failuresAtStart;
      const after = await failures();
      result.failedPolls = after.reduce((sum, n, i) => sum + n - before[i]!, 0);
      return result;
    },
  };
}

interface Run {
  name: string;
  rows: number;
  bytes: number;
  ms: number;
  watched: Watch;
}

/** Reads the streamed export with node:http; with `holdMs`, reads nothing for that long first. */
function streamedExport(gatewayUrl: string, token: string, holdMs = 0): Promise<{ rows: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const request = get(new URL('/exports/audit.csv', gatewayUrl), { headers: { authorization: `Bearer ${token}` } }, (response) => {
      if (response.statusCode !== 200) return reject(new Error(`the export answered ${response.statusCode}`));
      response.pause();
      let bytes = 0;
      let lines = 0;
      response.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        for (const byte of chunk) if (byte === 10) lines += 1;
      });
      response.once('end', () => resolve({ rows: lines - 1, bytes }));
      response.once('error', reject);
      setTimeout(() => response.resume(), holdMs);
    });
    request.once('error', reject);
  });
}

async function run(platform: FaultPlatform, name: string, work: () => Promise<{ rows: number; bytes: number }>): Promise<Run> {
  log(`${name}...`);
  const watching = watch(platform);
  const started = performance.now();
  let done: { rows: number; bytes: number };
  try {
    done = await work();
  } catch (error) {
    // A failed export must not leave the sampling polling a platform that is being stopped.
    await watching.stop();
    throw error;
  }
  const ms = performance.now() - started;
  const watched = await watching.stop();
  const { rows, bytes } = done;
  log(`${name}: ${rows} rows in ${(ms / 1000).toFixed(1)} s, peak RSS ${mib(watched.peakRssKib)} MiB`);
  return { name, rows, bytes, ms, watched };
}

function table(backend: Backend, records: number, holdS: number, runs: Run[], baseline: { rssKib: number; hwmKib: number }): string {
  return [
    `### ${backend}: ${records.toLocaleString('en')} audit records`,
    '',
    `Access service before the exports: RSS ${mib(baseline.rssKib)} MiB (peak since start ${mib(baseline.hwmKib)} MiB, shipping included). Followers poll every ${POLL_MS} ms. Sampled every ${SAMPLE_MS} ms (plus the time the samples take).`,
    '',
    '| export | rows | MiB | time s | access peak RSS MiB | slowest policy snapshot ms | slowest gateway /readyz ms | largest policy-refresh age ms (whose) | = poll intervals | failed polls | samples unanswered |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
    ...runs.map((r) => {
      const w = r.watched;
      return `| ${r.name} | ${r.rows} | ${(r.bytes / 2 ** 20).toFixed(1)} | ${(r.ms / 1000).toFixed(1)} | ${mib(w.peakRssKib)} | ${w.slowestSnapshotMs.toFixed(0)} | ${w.slowestReadinessMs.toFixed(0)} | ${w.maxRefreshAgeMs.toFixed(0)} (${w.maxRefreshAgeOf}) | ${(w.maxRefreshAgeMs / POLL_MS).toFixed(1)} | ${w.failedPolls} | ${w.unanswered} |`;
    }),
    '',
    `The held export read nothing for its first ${holdS} s.`,
    '',
  ].join('\n');
}

async function measure(backend: Backend, records: number, holdS: number): Promise<string> {
  log(`${backend}: starting the platform`);
  const platform = await startFaultPlatform({
    root: process.cwd(),
    residents: 200,
    backend,
    // The documented default deadlines, not the fault suite's short ones: an export is measured as deployed.
    env: { ...DEFAULT_DEADLINES, POLICY_POLL_MS: String(POLL_MS), LOG_LEVEL: 'warn' },
    // Services log warnings and errors only: each is worth seeing next to the numbers.
    onLine: (service, line) => log(`${service}: ${line.slice(0, 400)}`),
  });
  try {
    const started = performance.now();
    await shipAuditRecords(platform, records);
    log(`shipped ${records} audit records in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    const pid = platform.processOf('access').pid!;
    const baseline = { rssKib: memoryKib(pid, 'VmRSS'), hwmKib: memoryKib(pid, 'VmHWM') };
    const officer = await tokenFor('police', { role: 'data-officer' });
    const runs = [
      await run(platform, 'streamed, read at full speed', () => streamedExport(platform.gatewayUrl, officer)),
      await run(platform, `streamed, held ${holdS} s then read`, () => streamedExport(platform.gatewayUrl, officer, holdS * 1000)),
      await run(platform, 'auditCsv(limit: 10000), GraphQL', async () => {
        const { data, errors } = await graphql(platform.gatewayUrl, '{ auditCsv(limit: 10000) }', {}, { token: officer });
        if (errors) throw new Error(`auditCsv: ${JSON.stringify(errors)}`);
        const csv = data!.auditCsv as string;
        return { rows: csv.split('\r\n').length - 2, bytes: Buffer.byteLength(csv) };
      }),
    ];
    return table(backend, records, holdS, runs, baseline);
  } finally {
    await platform.dispose();
  }
}

async function main(): Promise<void> {
  const values = parseCommandLine(command);
  if (!['postgresql', 'pglite', 'both'].includes(values.backend)) usageError(command, `--backend must be postgresql, pglite or both, got "${values.backend}"`);
  const backends: Backend[] = values.backend === 'both' ? ['postgresql', 'pglite'] : [values.backend as Backend];
  const records = positiveInt(values.records, 'records');
  const holdS = positiveInt(values.hold, 'hold');
  for (const backend of backends) process.stdout.write(`${await measure(backend, records, holdS)}\n`);
}

await main();
