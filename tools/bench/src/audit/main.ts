/**
 * `npm run bench:audit`: a megacity's audit trail. Loads N records (default 50 million: three years of
 * reads, 10 million residents, nine departments) into a PostgreSQL database of its own, through the access
 * service's migrations (partitioned by month), then asks the trail's two questions the way the
 * `auditRecords` field does (the same `auditWhere` and `paginate`): who read this resident (a data
 * officer of an owner of the population subgraph), and what a department read on one day (that
 * department's data officer); each as the first page, and as the first page with `totalCount`.
 * Prints latency percentiles; writes bench-results/audit.md.
 */
import { writeFileSync } from 'node:fs';
import { access } from '@civic/access';
import { AuditFilter, auditWhere } from '@civic/access/audit/auditFilter';
import { AuditRecord } from '@civic/access/audit/AuditRecord';
import { AuditPartitions } from '@civic/access/audit/partitions';
import { DEPARTMENT_SEED } from '@civic/access/departments/seedDepartments';
import { Department } from '@civic/access/departments/Department';
import { createLogger, openDatabase, type EntityManager, type Identity } from '@civic/runtime';
import { parseCommandLine, usageError } from '@civic/scripts/cli';
import { paginate } from '@civic/subgraph-kit';
import { databaseUrl, dropDatabases } from '@civic/testkit';

const command = {
  name: 'bench:audit',
  usage: `Usage: npm run bench:audit -- [options]

  --records N     audit records loaded (default 50000000)
  --queries N     times each question is asked (default 200)
  --keep-db       keep the database (civic_bench_audit_<N>) and reuse it on the next run with the same N
`,
  options: { records: { type: 'string', default: '50000000' }, queries: { type: 'string', default: '200' }, 'keep-db': { type: 'boolean', default: false } },
} as const;

const values = parseCommandLine(command);
const records = Number(values.records);
const queries = Number(values.queries);
if (!Number.isInteger(records) || records < 1000) usageError(command, `--records must be a whole number, at least 1000; got "${values.records}"`);
if (!Number.isInteger(queries) || queries < 10) usageError(command, `--queries must be a whole number, at least 10; got "${values.queries}"`);

const RESIDENTS = 10_000_000;
const DAYS = 1095;
const CHUNK = 1_000_000;
const DEPARTMENTS = ['police', 'fire', 'civil', 'health', 'emergency', 'housing', 'petition', 'community', 'governance'];
const FIELDS = ['phone', 'careCategories', 'needsEvacuationAssistance', 'idNumber', 'birthDate'];
const log = (message: string) => process.stderr.write(`[bench:audit] ${message}\n`);
const logger = createLogger('bench-audit', 'warn', 'json');
const database = `civic_bench_audit_${records}`;
const now = new Date();
const start = new Date(now.getTime() - DAYS * 86_400_000);

/** Our own constant words as an SQL array literal. */
const sqlArray = (words: string[]) => `array[${words.map((word) => `'${word}'`).join(', ')}]`;

/** Three years of reads in time order (each month's partition fills in turn), spread over residents, departments and fields. */
async function load(em: EntityManager): Promise<void> {
  const [{ n }] = await em.execute<{ n: string }[]>('select count(*)::text as n from audit_record');
  if (Number(n) === records) {
    log(`reusing ${database}: ${records.toLocaleString('en')} records`);
    return;
  }
  if (Number(n) > 0) throw new Error(`${database} holds ${n} records, not ${records}: drop it first`);
  const partitions = new AuditPartitions(DAYS + 31, logger);
  for (let day = 0; day <= DAYS + 31; day += 28) await partitions.prepareFor(em, [new Date(start.getTime() + day * 86_400_000)]);
  await partitions.prepareFor(em, [now]);
  const stepMs = (DAYS * 86_400_000) / records;
  // Loading with the migration's secondary indexes in place runs at ~55,000 records a second; without them,
  // several times that. They are dropped and then made again exactly as the migration defined them.
  const indexes = await em.execute<{ name: string; definition: string }[]>(
    `select indexname as name, indexdef as definition from pg_indexes where tablename = 'audit_record' and indexname <> 'audit_record_pkey_at'`,
  );
  for (const { name } of indexes) await em.execute(`drop index "${name}"`);
  const started = Date.now();
  for (let from = 0; from < records; from += CHUNK) {
    const to = Math.min(records, from + CHUNK) - 1;
    await em.execute(
      `insert into audit_record (at, subject, department, roles, purpose, type_name, field_name, record_id, record_grid_code, decision, grant_id, subgraph)
       select ?::timestamptz + (g * ?::float8) * interval '1 millisecond', 'user-' || (g % 20000),
              (${sqlArray(DEPARTMENTS)})[1 + g % ${DEPARTMENTS.length}], 'officer', null, 'Resident', (${sqlArray(FIELDS)})[1 + g % ${FIELDS.length}],
              (1 + (g * 7919::bigint) % ${RESIDENTS})::text, '330101001001001',
              case when g % 10 = 0 then 'deny' else 'allow' end, null, 'population'
       from generate_series(?::bigint, ?::bigint) g`,
      [start.toISOString(), stepMs, from, to],
    );
    log(`${(to + 1).toLocaleString('en')} records (${Math.round((to + 1) / ((Date.now() - started) / 1000)).toLocaleString('en')} a second)`);
  }
  const indexing = Date.now();
  // pg_indexes shows a partitioned table's index as made ON ONLY the parent; made on the table, it reaches every partition.
  for (const { definition } of indexes) await em.execute(definition.replace(' ON ONLY ', ' ON '));
  log(`indexes made again in ${((Date.now() - indexing) / 1000).toFixed(0)} s`);
  // What autovacuum does to a table only inserted into (PostgreSQL 13 and later) once enough rows came:
  // marks its pages all-visible, so that counting a period's records reads the index alone. A trail's
  // past months never change again; right after a bulk load, every count would visit the table too.
  const vacuuming = Date.now();
  await em.execute('vacuum (analyze) audit_record');
  log(`vacuumed and analysed in ${((Date.now() - vacuuming) / 1000).toFixed(0)} s`);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

interface Question {
  name: string;
  identity: Identity;
  filter: () => AuditFilter;
}

async function ask(em: EntityManager, question: Question, withCount: boolean): Promise<{ p50: number; p95: number; max: number; rows: number; counted: number }> {
  const times: number[] = [];
  let rows = 0;
  let counted = 0;
  for (let i = 0; i < queries; i++) {
    const fork = em.fork() as EntityManager;
    const started = performance.now();
    const page = await paginate(fork, AuditRecord, await auditWhere(fork, question.identity, question.filter()), { first: 20 });
    if (withCount) counted += await page.totalCount;
    times.push(performance.now() - started);
    rows += page.edges.length;
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), max: times.at(-1)!, rows: rows / queries, counted: counted / queries };
}

const residentReads: Question = {
  name: 'who read this resident (all three years)',
  identity: { subject: 'bench-officer', department: 'civil', roles: ['data-officer'] },
  // A resident the loaded trail has reads of (the load's g-th record reads resident 1 + g * 7919 mod RESIDENTS).
  filter: () => Object.assign(new AuditFilter(), { residentId: String(1 + ((Math.floor(Math.random() * records) * 7919) % RESIDENTS)) }),
};
const departmentDay: Question = {
  name: 'what the fire service read on one day',
  identity: { subject: 'bench-officer', department: 'fire', roles: ['data-officer'] },
  filter: () => {
    const day = new Date(start.getTime() + Math.floor(Math.random() * (DAYS - 1)) * 86_400_000);
    const from = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate()));
    return Object.assign(new AuditFilter(), { department: 'fire', from, to: new Date(from.getTime() + 86_400_000) });
  },
};

const orm = await openDatabase({ storage: { kind: 'postgresql', url: databaseUrl(database) }, entities: access.entities, migrations: access.migrations!, logger });
try {
  const em = orm.em.fork() as EntityManager;
  if ((await em.count(Department, {})) === 0) await em.insertMany(Department, DEPARTMENT_SEED);
  const loading = Date.now();
  await load(em);
  log(`loaded in ${((Date.now() - loading) / 1000).toFixed(0)} s`);
  const [{ size }] = await em.execute<{ size: string }[]>(`select pg_size_pretty(sum(pg_total_relation_size(c.oid))) as size from pg_inherits i join pg_class c on c.oid = i.inhrelid join pg_class p on p.oid = i.inhparent where p.relname = 'audit_record'`);
  const lines = [`# Audit trail: ${records.toLocaleString('en')} records (${size} with indexes), ${queries} queries each`, '', '| question | page | p50 ms | p95 ms | max ms | rows on the page | totalCount (mean) |', '| --- | --- | --- | --- | --- | --- | --- |'];
  for (const question of [residentReads, departmentDay]) {
    for (const withCount of [false, true]) {
      const result = await ask(em, question, withCount);
      lines.push(`| ${question.name} | first 20${withCount ? ' + totalCount' : ''} | ${result.p50.toFixed(1)} | ${result.p95.toFixed(1)} | ${result.max.toFixed(1)} | ${result.rows.toFixed(1)} | ${withCount ? result.counted.toFixed(0) : '-'} |`);
    }
  }
  const report = `${lines.join('\n')}\n`;
  process.stdout.write(report);
  writeFileSync('bench-results/audit.md', report);
} finally {
  await orm.close(true);
  if (!values['keep-db']) await dropDatabases([database]);
}
