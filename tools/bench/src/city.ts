import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { DemoCity } from '@civic/demo-city';
import { SUBGRAPH_NAMES, type SubgraphName } from '@civic/launcher';
import { databaseUrl, dropDatabases } from '@civic/testkit';
import type { SeedReport } from './report.js';

/**
 * The benchmark's city: one PostgreSQL database per subgraph, named for this run (or, with
 * --keep-scale-db, for the scale, so a later run can reuse a large city instead of seeding it again).
 */
export interface BenchCity {
  residents: number;
  databases: string[];
  databaseUrls: Record<SubgraphName, string>;
  /** Drops the databases, unless they are kept for the next run. */
  dispose: () => Promise<void>;
}

export function benchCity(residents: number, keep: boolean): BenchCity {
  const prefix = keep ? `civic_bench_scale${residents}` : `civic_bench_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const names = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, `${prefix}_${name}`])) as Record<SubgraphName, string>;
  return {
    residents,
    databases: Object.values(names),
    databaseUrls: Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, databaseUrl(names[name])])) as Record<SubgraphName, string>,
    dispose: async () => {
      if (!keep) await dropDatabases(Object.values(names));
    },
  };
}

export function subgraphDatabaseEnv(city: BenchCity): Record<string, string> {
  return Object.fromEntries(SUBGRAPH_NAMES.map((name) => [`${name.toUpperCase()}_DATABASE_URL`, city.databaseUrls[name]]));
}

const SEEDED_LINE = /^(\w+): ([\d,]+) rows in ([\d.]+) s, ([\d,]+) rows\/s$/;
const DONE_LINE = /^done in ([\d.]+) s/;
const count = (text: string) => Number(text.replaceAll(',', ''));

/**
 * Seeds the city with the seed script itself (`npm run seed`) and reads back what it printed. A kept
 * city's subgraphs already hold data, which the seed script reports instead of seeding again.
 */
export async function seedCity(root: string, city: BenchCity, onLine: (line: string) => void): Promise<SeedReport> {
  const demo = new DemoCity(city.residents);
  const shape = { residents: demo.residentCount, buildings: demo.buildingCount, incidents: demo.incidentCount };
  const output: string[] = [];
  const exitCode = await new Promise<number | null>((resolve) => {
    const child = spawn(process.execPath, ['tools/scripts/dist/seed.js', '--scale', String(city.residents)], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: '', LOG_LEVEL: 'warn', ...subgraphDatabaseEnv(city) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const collect = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (!line) continue;
        output.push(line);
        onLine(line);
      }
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('exit', resolve);
  });
  if (exitCode !== 0) throw new Error(`seeding failed (exit ${exitCode}):\n${output.slice(-20).join('\n')}`);
  const subgraphs = output.flatMap((line) => {
    const m = SEEDED_LINE.exec(line);
    return m ? [{ name: m[1]!, rows: count(m[2]!), seconds: Number(m[3]), rowsPerSecond: count(m[4]!) }] : [];
  });
  const done = output.map((line) => DONE_LINE.exec(line)).find(Boolean);
  if (subgraphs.length === 0) return { ...shape, seeded: false };
  return { ...shape, seeded: true, seconds: Number(done?.[1] ?? 0), subgraphs };
}
