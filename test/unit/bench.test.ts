import { parse } from 'yaml';
import { allowAllPolicyYaml } from '@civic/bench/allowAllPolicy';
import { grafbaseGatewayToml, grafbaseOverridesToml } from '@civic/bench/grafbaseConfig';
import { firstDifference } from '@civic/bench/sameAnswers';
import { packageOf, summarizeProfiles, type CpuProfile } from '@civic/bench/profileSummary';
import { compare, markdownReport, runReport, type BenchReport } from '@civic/bench/report';
import { catalogFromSupergraph, classifiedFields, governedActions, policyFromYaml } from '@civic/governance';
import { DEPARTMENTS } from '@civic/runtime';

describe('the allow-all policy of the policy-overhead benchmark', () => {
  const catalog = catalogFromSupergraph('schema/supergraph.graphql');
  const yaml = allowAllPolicyYaml(catalog);

  it('is a valid policy with one allow rule for every department per classified field and per action', () => {
    const engine = policyFromYaml(yaml, catalog, 'allow-all');
    const fields = [...classifiedFields(catalog), ...governedActions(catalog)];
    expect(fields).toContain('Mutation.reportIncident');
    expect(parse(yaml).rules).toHaveLength(fields.length);
    for (const field of fields) {
      for (const department of DEPARTMENTS) {
        expect(engine.decide({ subject: 't', department, roles: ['officer'] }, field, { gridCode: '330101001001001' }).effect).toBe('allow');
      }
    }
  });
});

describe('the CPU profile summary', () => {
  const frame = (functionName: string, url: string) => ({ functionName, url, lineNumber: 9 });
  const profile: CpuProfile = {
    startTime: 0,
    endTime: 100_000,
    nodes: [
      { id: 1, callFrame: frame('(idle)', ''), hitCount: 50 },
      { id: 2, callFrame: frame('updateOutputValue', 'file:///app/node_modules/@apollo/gateway/dist/executeQueryPlan.js'), hitCount: 30 },
      { id: 3, callFrame: frame('decide', 'file:///app/shared/dist/policy/engine.js'), hitCount: 15 },
      { id: 4, callFrame: frame('(garbage collector)', ''), hitCount: 5 },
    ],
  };

  it('ranks self time by package and by function, idle time left out', () => {
    const summary = summarizeProfiles([profile]);
    expect(summary.totalMs).toBe(50);
    expect(summary.packages.map((p) => [p.name, p.selfMs])).toEqual([['@apollo/gateway', 30], ['civic: shared', 15], ['(garbage collector)', 5]]);
    expect(summary.functions[0]).toEqual({ name: 'updateOutputValue @apollo/gateway/dist/executeQueryPlan.js:10', selfMs: 30, share: 0.6 });
  });

  it('names packages, scoped or not, and node itself', () => {
    expect(packageOf('file:///x/node_modules/graphql/execution/execute.js', 'f')).toBe('graphql');
    expect(packageOf('node:internal/modules/cjs/loader', 'f')).toBe('node (core)');
    expect(packageOf('', '(program)')).toBe('(program)');
  });
});

describe('the benchmark report', () => {
  const load = (rps: number, p50: number) => ({ requests: rps * 10, requestsPerSecond: rps, latencyMs: { p50, p95: p50 * 2, p99: p50 * 3 }, graphqlErrors: 1, httpErrors: 0, transportErrors: 0, errorSamples: ['boom'] });
  const cost = (service: string, cpuMs: number, sqlStatements?: number) => ({ service, processes: 1, cpuMs, peakRssMiB: 100, ...(sqlStatements === undefined ? {} : { sqlStatements }) });
  const ours = runReport('a', 'page', 'gateway', [2048], load(100, 10), [cost('gateway', 2000), cost('population', 3000, 2000)], 0.05);
  const hive = runReport('a', 'page', 'Hive Gateway (JIT, Rust planner)', [2048], load(125, 8), [cost('hive', 1000), cost('population', 3000, 2500)], 0);

  it('turns process costs into per-request figures and counts errors', () => {
    expect(ours.cpuMsPerRequest).toEqual({ gateway: 2, population: 3 });
    expect(ours.sqlStatementsPerRequest).toEqual({ population: 2 });
    expect(ours.errors).toBe(1);
  });

  it('compares two runs as ratios A / B', () => {
    const ratio = compare('ours vs hive', ours, hive);
    expect(ratio.gatewayCpuRatio).toBeCloseTo(2 / (1000 / 1250));
    expect(ratio.totalCpuRatio).toBeCloseTo(5 / (4000 / 1250));
    expect(ratio.requestsPerSecondRatio).toBeCloseTo(0.8);
  });

  it('takes the mean of the runs of A that bracket B, and keeps each', () => {
    const oursAfter = runReport('a', 'page', 'gateway', [2048], load(50, 30), [cost('gateway', 1000), cost('population', 2000, 1000)], 0);
    const ratio = compare('ours vs hive', [ours, oursAfter], hive);
    // ours: 5 CPU-ms/req before, 6 after (3000 over 500 requests); hive: 3.2.
    expect(ratio.aTotalCpuMsPerRequest).toEqual([5, 6]);
    expect(ratio.totalCpuRatio).toBeCloseTo(5.5 / 3.2);
    expect(ratio.gatewayCpuRatio).toBeCloseTo(((2 + 2) / 2) / 0.8);
    expect(ratio.p50Ratio).toBeCloseTo(20 / 8);
    expect(ratio.requestsPerSecondRatio).toBeCloseTo(75 / 125);
  });

  it("counts Grafbase's process as the gateway of its run", () => {
    const grafbase = runReport('a', 'page', 'Grafbase', [2048], load(100, 10), [cost('grafbase', 500), cost('population', 3000, 2000)], 0);
    expect(compare('ours vs grafbase', ours, grafbase).gatewayCpuRatio).toBeCloseTo(4);
  });

  it('renders a markdown table with one row per run', () => {
    const report: BenchReport = {
      startedAt: 'now', command: 'npm run bench', settings: { scale: 4000 }, machine: { cpus: 2, memoryGiB: 24, node: '24', loadAverage: [0.5, 2] },
      seed: { residents: 4000, buildings: 800, incidents: 2000, seeded: true, seconds: 2, subgraphs: [{ name: 'population', rows: 10, seconds: 1, rowsPerSecond: 10 }] },
      runs: [ours, hive], comparisons: [compare('ours vs hive', ours, hive)], totalSeconds: 60,
    };
    const markdown = markdownReport(report);
    expect(markdown).toContain('| (a) page | gateway | 100 | 10.0 | 20.0 | 30.0 | 1 | 2.0 | 2.00 | 3.00 | - | 2.0 | 100; 100 | 5% |');
    expect(markdown).toContain('subgraph CPU-ms/req (pop)');
    expect(markdown).toContain('| ours vs hive | (a) | gateway / Hive Gateway (JIT, Rust planner) | 1.56x | 2.50x | 1.25x | 0.80x | 5.00 |');
  });
});

describe("the Grafbase anchor's configuration", () => {
  it('verifies the gateway-issued token against the served JWKS and forwards the authorization header', () => {
    const toml = grafbaseGatewayToml({ jwksUrl: 'http://127.0.0.1:9/jwks.json', issuer: 'civic-gateway', audience: 'civic-subgraph' });
    expect(toml).toContain('[authentication.providers.jwt.jwks]\nurl = "http://127.0.0.1:9/jwks.json"\nissuer = "civic-gateway"\naudience = "civic-subgraph"');
    expect(toml).toContain('[[headers]]\nrule = "forward"\nname = "authorization"');
  });

  it('points each subgraph at its URL and SDL file, quoting paths as TOML strings', () => {
    const toml = grafbaseOverridesToml([
      { name: 'population', url: 'http://127.0.0.1:4001/graphql', schemaPath: '/repo/schema/subgraphs/population.graphql' },
      { name: 'access', url: 'http://127.0.0.1:4005/graphql', schemaPath: 'C:\\odd "dir"\\access.graphql' },
    ]);
    expect(toml).toBe(
      '[subgraphs.population]\nurl = "http://127.0.0.1:4001/graphql"\nschema_path = "/repo/schema/subgraphs/population.graphql"\n\n' +
        '[subgraphs.access]\nurl = "http://127.0.0.1:4005/graphql"\nschema_path = "C:\\\\odd \\"dir\\"\\\\access.graphql"\n',
    );
  });
});

describe('the answer check of a gateway comparison', () => {
  const page = { residents: { totalCount: 2, edges: [{ node: { id: '1', phone: '138****0001' } }, { node: { id: '2', phone: null } }] } };

  it('finds no difference in equal data, whatever the key order', () => {
    expect(firstDifference(page, JSON.parse(JSON.stringify(page)))).toBeUndefined();
    expect(firstDifference({ a: 1, b: 2 }, { b: 2, a: 1 })).toBeUndefined();
  });

  it('names the first differing path', () => {
    const unmasked = structuredClone(page);
    unmasked.residents.edges[0]!.node.phone = '13800000001';
    expect(firstDifference(page, unmasked)).toBe('residents.edges[0].node.phone');
    expect(firstDifference(page, { residents: { ...page.residents, edges: page.residents.edges.slice(1) } })).toBe('residents.edges[0].node.id');
    expect(firstDifference(page, { residents: { ...page.residents, edges: page.residents.edges.slice(0, 1) } })).toBe('residents.edges[1]');
    expect(firstDifference({ a: 1 }, { a: 1, b: null })).toBe('b');
    expect(firstDifference(null, page)).toBe('(data)');
  });
});
