/**
 * `npm run bench [-- options]`: starts the platform on PostgreSQL with a seeded city, runs the named
 * workloads through the gateway, compares against an allow-all policy, the subgraph called directly,
 * Hive Gateway (tuned and as it comes), Grafbase and a hand-written SQL floor, and writes the results as JSON and a markdown table (see options.ts, README).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { gatewayConfigFromEnv } from '@civic/gateway';
import { catalogFromSupergraph } from '@civic/governance';
import { launchPlatform, SUBGRAPH_NAMES, type Platform } from '@civic/launcher';
import { gatewayIssuedTokenFor, TEST_KEYS_DIR, tokenFor } from '@civic/testkit';
import { allowAllPolicyYaml } from './allowAllPolicy.js';
import { benchCity, seedCity, subgraphDatabaseEnv, type BenchCity } from './city.js';
import { startFloor } from './floor/start.js';
import { startGrafbase } from './grafbase.js';
import { startHive } from './hive.js';
import { nodeService, type MeasuredService } from './measure.js';
import { postgresService } from './postgresBackends.js';
import { parseBenchOptions, type BenchOptions } from './options.js';
import { profilingEnv, summarizeProfileDir } from './profile.js';
import { compare, markdownReport, type BenchReport, type Comparison, type RunReport, type Target } from './report.js';
import { measureWorkload, warmUp, type RunTarget } from './runner.js';
import { checkSameAnswers } from './sameAnswers.js';
import { GRID_WORKER_STREET, WORKLOADS, type Caller, type WorkloadName } from './workloads.js';

const root = process.cwd();
const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);

/** Every caller's token, for a gateway (a user's token) or for a subgraph called directly (a gateway-issued one). */
async function tokensFor(audience: 'gateway' | 'subgraph', lifetimeSeconds: number): Promise<Record<Caller, string>> {
  const sign = audience === 'gateway' ? tokenFor : gatewayIssuedTokenFor;
  const expiresIn = `${lifetimeSeconds}s`;
  return {
    gridWorker: await sign('community', { role: 'grid-worker', jurisdiction: GRID_WORKER_STREET, subject: 'bench-grid-worker', expiresIn }),
    dutyDesk: await sign('emergency', { role: 'duty', subject: 'bench-duty-desk', expiresIn }),
  };
}

/** What serves a request behind the gateway: the four subgraphs and their PostgreSQL backends. */
function backendServices(platform: Platform, city: BenchCity): MeasuredService[] {
  return [...SUBGRAPH_NAMES.map((name) => nodeService(name, platform.subgraphs[name].child.pid!, platform.subgraphs[name].url)), postgresService(city.databases)];
}

function platformEnv(options: BenchOptions, city: BenchCity, extra: Record<string, string> = {}): Record<string, string> {
  // The test kit's key set: the tokens above are signed with it. The load comes from two users at hundreds
  // of requests a second: rate limits that never refuse, still counted.
  const unlimitedRates = { GATEWAY_RATE_LIMIT_USER: '1000000000', GATEWAY_RATE_LIMIT_DEPARTMENT: '1000000000' };
  return { LOG_LEVEL: 'warn', DATABASE_URL: '', KEYS_DIR: TEST_KEYS_DIR, DEMO_RESIDENTS: String(city.residents), GATEWAY_WORKERS: String(options.gatewayWorkers), ...unlimitedRates, ...subgraphDatabaseEnv(city), ...extra };
}

async function withPlatform<T>(
  options: BenchOptions,
  city: BenchCity,
  extra: Record<string, string>,
  use: (platform: Platform) => Promise<T>,
  serviceEnv: Record<string, Record<string, string>> = {},
  compiledEntries = false,
): Promise<T> {
  // Every platform of a run enforces a policy file as it is, so that the sides of a comparison differ
  // only in what is compared (and none ships audit records in the background while being measured).
  const platform = await launchPlatform({ root, env: { ...process.env, ...platformEnv(options, city, extra) }, serviceEnv, freePorts: true, policyFromFile: true, compiledEntries });
  try {
    return await use(platform);
  } finally {
    await platform.stop();
  }
}

async function runAll(options: BenchOptions, city: BenchCity, runs: RunReport[]): Promise<Comparison[]> {
  const settings = { connections: options.connections, durationSeconds: options.durationSeconds, warmupSeconds: options.warmupSeconds };
  const comparedWorkloads: WorkloadName[] = ['a', 'b'];
  // Tokens must outlive the whole run: every planned measurement (warm-up and measured window, twice over,
  // since the window sends as many requests as the warm-up rate served), plus starts and answer checks.
  // Each comparison warms its anchor up (twice the warm-up), then measures it and ours once more (see the loop below).
  const measurementsPlanned = (options.compare.length ? comparedWorkloads.length * (3 + 4 * options.compare.length) : 0) + options.workloads.length;
  const lifetime = 2 * measurementsPlanned * (options.warmupSeconds + options.durationSeconds) + 600;
  const gatewayTokens = await tokensFor('gateway', lifetime);
  // What the gateway would forward to the subgraphs: the subgraph called directly and Grafbase get these (see grafbase.ts).
  const subgraphTokens = await tokensFor('subgraph', lifetime);
  const compared = (name: string) => options.compare.includes(name as never);
  const measure = async (name: WorkloadName, target: RunTarget) => {
    log(`workload (${name}) on ${target.target}: ${options.warmupSeconds} s warm-up, ${options.durationSeconds} s measured`);
    const run = await measureWorkload(WORKLOADS[name], target, settings);
    log(`  ${run.load.requestsPerSecond.toFixed(0)} req/s, p50 ${run.load.latencyMs.p50.toFixed(1)} ms, ${run.errors} errors`);
    runs.push(run);
    return run;
  };
  const find = (workload: WorkloadName, target: Target) => runs.find((r) => r.workload === workload && r.target === target);
  const comparisons: Comparison[] = [];

  const gatewayTarget = (target: Target, platform: Platform): RunTarget => ({
    target,
    url: platform.gatewayUrl,
    tokens: gatewayTokens,
    services: [nodeService('gateway', platform.gateway.child.pid!), ...backendServices(platform, city)],
  });
  const policyDir = mkdtempSync(join(tmpdir(), 'civic-bench-policy-'));
  const allowAllPolicy = join(policyDir, 'allow-all.yaml');
  writeFileSync(allowAllPolicy, allowAllPolicyYaml(catalogFromSupergraph(join(root, 'schema/supergraph.graphql'))));
  // Every side of a comparison is up at once and measured back to back, workload by workload, so a
  // burst of other work on a shared machine falls on both sides alike rather than on one of them.
  const withAllowAllPlatform = <T>(use: (platform?: Platform) => Promise<T>) =>
    compared('policy') ? withPlatform(options, city, { POLICY_PATH: allowAllPolicy }, use) : use(undefined);
  const withAuditOffPlatform = <T>(use: (platform?: Platform) => Promise<T>) =>
    compared('audit') ? withPlatform(options, city, { AUDIT: 'off' }, use) : use(undefined);
  try {
    await withPlatform(options, city, {}, (platform) =>
      withAllowAllPlatform((allowAllPlatform) => withAuditOffPlatform(async (auditOffPlatform) => {
        const ours = gatewayTarget('gateway', platform);
        const hiveEnv = { GATEWAY_WORKERS: String(options.gatewayWorkers), KEYS_DIR: TEST_KEYS_DIR };
        // Every anchor started is stopped, even when a later one fails to start.
        const started: { stop: () => Promise<void> }[] = [];
        const kept = <T extends { stop: () => Promise<void> }>(service: T) => (started.push(service), service);
        try {
          const hives = [
            { target: 'Hive Gateway (JIT, Rust planner)' as const, running: compared('hive') ? kept(await startHive(root, platform, 'tuned', hiveEnv)) : undefined },
            { target: 'Hive Gateway (defaults)' as const, running: compared('hive-defaults') ? kept(await startHive(root, platform, 'defaults', hiveEnv)) : undefined },
          ];
          const floor = compared('floor') ? kept(await startFloor(root, city)) : undefined;
          const grafbase = compared('grafbase') ? kept(await startGrafbase(root, platform, { keysDir: TEST_KEYS_DIR, workerThreads: options.gatewayWorkers })) : undefined;
          const grafbaseTarget: RunTarget | undefined = grafbase && {
            target: 'Grafbase',
            url: grafbase.url,
            tokens: subgraphTokens,
            services: [nodeService('grafbase', grafbase.pid), ...backendServices(platform, city)],
          };
          for (const name of options.compare.length ? comparedWorkloads : []) {
            const anchors: { comparison: string; target: RunTarget; sameAnswer: boolean }[] = [];
            if (name === 'a' && compared('direct')) {
              const direct = { target: 'population subgraph, direct' as const, url: platform.subgraphs.population.url, tokens: subgraphTokens, services: backendServices(platform, city) };
              anchors.push({ comparison: 'through the gateway vs straight to the subgraph', target: direct, sameAnswer: false });
            }
            for (const hive of hives) {
              if (!hive.running) continue;
              const target = { target: hive.target, url: hive.running.url, tokens: gatewayTokens, services: [nodeService('hive', hive.running.pid), ...backendServices(platform, city)] };
              anchors.push({ comparison: `our gateway vs ${hive.target}`, target, sameAnswer: true });
            }
            if (name === 'b' && floor) {
              // The floor does the data work only: no token to verify, no policy, no audit (see floor/deepQuery.ts).
              const target = { target: 'hand-written SQL (floor)' as const, url: floor.base, tokens: gatewayTokens, services: [nodeService('floor', floor.pid), postgresService(city.databases)] };
              anchors.push({ comparison: 'our gateway vs the hand-written SQL floor', target, sameAnswer: true });
            }
            if (grafbaseTarget) anchors.push({ comparison: 'our gateway vs Grafbase', target: grafbaseTarget, sameAnswer: true });
            if (allowAllPlatform) anchors.push({ comparison: 'full policy vs allow-all policy (policy overhead)', target: gatewayTarget('gateway, allow-all policy', allowAllPlatform), sameAnswer: false });
            if (auditOffPlatform) anchors.push({ comparison: 'audit on vs audit off (audit overhead)', target: gatewayTarget('gateway, audit off', auditOffPlatform), sameAnswer: false });
            for (const anchor of anchors) if (anchor.sameAnswer) await checkSameAnswers(name, ours, anchor.target);
            // Every target is warmed up (twice the warm-up) before anything is measured. Otherwise the first
            // measurement of each platform finds it cold: measured after a 10 s warm-up, ours ran at half the
            // rate of its next run, and the allow-all and audit-off platforms cost twice ours per deep query.
            const warming = { ...settings, warmupSeconds: 2 * settings.warmupSeconds };
            for (const target of [ours, ...anchors.map((anchor) => anchor.target)]) {
              log(`workload (${name}) on ${target.target}: ${warming.warmupSeconds} s to warm up before the comparisons`);
              await warmUp(WORKLOADS[name], target, warming);
            }
            // Ours brackets every anchor: ours, A1, ours, A2, ours... Each ratio divides the mean of the runs of
            // ours just before and just after its anchor, so drift on a shared machine cancels out.
            let before = await measure(name, ours);
            for (const anchor of anchors) {
              const measured = await measure(name, anchor.target);
              const after = await measure(name, ours);
              comparisons.push(compare(anchor.comparison, [before, after], measured));
              before = after;
            }
          }
          // Mutations last, so the compared reads all see the same data.
          for (const name of options.workloads) if (!find(name, 'gateway')) await measure(name, ours);
        } finally {
          await Promise.all(started.map((service) => service.stop()));
        }
      })),
    );
  } finally {
    rmSync(policyDir, { recursive: true, force: true });
  }
  return comparisons;
}

/** Workload (b) through the gateway with the gateway and population subgraph under --cpu-prof; profiles are written when they stop. */
async function profile(options: BenchOptions, city: BenchCity, out: string): Promise<void> {
  const dir = join(out, 'profiles', new Date().toISOString().replaceAll(':', '-'));
  const tokens = await tokensFor('gateway', 10 * (options.warmupSeconds + options.durationSeconds) + 120);
  const run = await withPlatform(
    options,
    city,
    {},
    (platform) => {
      log(`profiling workload (b) through the gateway for ${options.durationSeconds} s`);
      const services = [nodeService('gateway', platform.gateway.child.pid!), ...backendServices(platform, city)];
      return measureWorkload(WORKLOADS.b, { target: 'gateway', url: platform.gatewayUrl, tokens, services }, options);
    },
    profilingEnv(dir),
    // A bundle's functions would all be named after one file: the profile names packages from tsc's output.
    true,
  );
  const header = `## CPU profile of workload (b), ${run.load.requestsPerSecond.toFixed(0)} req/s, gateway ${run.cpuMsPerRequest.gateway!.toFixed(2)} CPU-ms/req (GATEWAY_WORKERS=${options.gatewayWorkers}; includes start-up and warm-up)`;
  const markdown = summarizeProfileDir(dir, join(out, `${options.name}.md`), header);
  process.stdout.write(`${markdown}\nProfiles: ${dir}\n`);
}

function commandOf(args: string[]): string {
  return `npm run bench${args.length ? ` -- ${args.join(' ')}` : ''}`;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const options = parseBenchOptions(args);
  const started = Date.now();
  // Anything else running on the machine competes for the same cores; the report says how busy it was.
  const loadAtStart = loadavg()[0]!;
  const city = benchCity(options.scale, options.keepScaleDb);
  const out = resolve(options.out);
  mkdirSync(out, { recursive: true });
  try {
    log(`seeding a city of ${options.scale.toLocaleString('en')} residents into PostgreSQL`);
    const seed = await seedCity(root, city, (line) => log(`  ${line}`));
    if (options.profile) {
      await profile(options, city, out);
      return;
    }
    const runs: RunReport[] = [];
    const comparisons = await runAll(options, city, runs);
    const gateway = gatewayConfigFromEnv({ ...process.env, GATEWAY_WORKERS: String(options.gatewayWorkers) });
    const report: BenchReport = {
      startedAt: new Date(started).toISOString(),
      command: commandOf(args),
      settings: {
        scale: options.scale,
        durationSeconds: options.durationSeconds,
        warmupSeconds: options.warmupSeconds,
        connections: options.connections,
        GATEWAY_WORKERS: gateway.workers,
        GATEWAY_SUBGRAPH_CONNECTIONS: gateway.subgraphConnections,
        GATEWAY_QUERY_PLAN_CACHE_MIB: gateway.queryPlanCacheMiB,
        inlineTracing: 'off',
      },
      machine: { cpus: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.versions.node, loadAverage: [loadAtStart, loadavg()[0]!] },
      seed,
      runs,
      comparisons,
      totalSeconds: (Date.now() - started) / 1000,
    };
    const markdown = markdownReport(report);
    writeFileSync(join(out, `${options.name}.json`), `${JSON.stringify(report, null, 2)}\n`);
    writeFileSync(join(out, `${options.name}.md`), markdown);
    process.stdout.write(`${markdown}\nWritten: ${join(options.out, options.name)}.json and .md\n`);
  } finally {
    await city.dispose();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
