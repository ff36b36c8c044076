import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { access } from '@civic/access';
import { AuditPartitions } from '@civic/access/audit/partitions';
import { createLogger, openDatabase, type Orm } from '@civic/runtime';

/** The audit trail, partitioned by month: records kept through the change, months made and dropped whole. */
const logger = createLogger('audit-partitions-test', 'warn', 'json');
const PARTITIONING = 'Migration20261202120000';

const record = (id: number, at: string) =>
  `(${id}, '${at}', 'reader', 'fire', 'officer', null, 'Resident', 'phone', '${id}', '110101001001001', 'allow', null, 'population')`;
const partitionsOf = async (orm: Orm) =>
  (await orm.em.fork().execute<{ name: string }[]>(`select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid join pg_class p on p.oid = i.inhparent where p.relname = 'audit_record' order by 1`)).map((row) => row.name);

describe('the audit trail, partitioned by month', () => {
  let dir: string;
  let orm: Orm;
  const before = access.migrations!.slice(0, access.migrations!.findIndex((migration) => migration.name === PARTITIONING));

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'civic-audit-'));
    const dataDir = join(dir, 'access');
    // The trail as it was before partitioning, with records of two months.
    const old = await openDatabase({ storage: { kind: 'pglite', dataDir }, entities: access.entities, migrations: before, logger });
    await old.em.fork().execute(`insert into audit_record values ${[record(1, '2026-10-31T23:59:59Z'), record(2, '2026-11-01T00:00:00Z'), record(3, '2026-11-15T12:00:00Z')].join(', ')}`);
    await old.em.fork().execute(`select setval('audit_record_id_seq', 3)`);
    await old.close(true);
    orm = await openDatabase({ storage: { kind: 'pglite', dataDir }, entities: access.entities, migrations: access.migrations!, logger });
  });
  afterAll(async () => {
    await orm?.close(true);
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps every record, with its id, each in its month', async () => {
    const rows = await orm.em.fork().execute<{ id: string; partition: string }[]>(`select id::text, tableoid::regclass::text as partition from audit_record order by id`);
    expect(rows).toEqual([
      { id: '1', partition: 'audit_record_2026_10' },
      { id: '2', partition: 'audit_record_2026_11' },
      { id: '3', partition: 'audit_record_2026_11' },
    ]);
    // New records continue the ids.
    await new AuditPartitions(1096, logger).maintain(orm.em.fork(), new Date('2026-11-20T00:00:00Z'));
    const [{ id }] = await orm.em.fork().execute<{ id: string }[]>(`insert into audit_record (at, subject, department, roles, type_name, field_name, record_id, decision, subgraph) values ('2026-11-20T00:00:00Z', 'r', 'fire', 'officer', 'Resident', 'phone', '9', 'allow', 'population') returning id::text`);
    expect(id).toBe('4');
  });

  it('makes a month before its first record, and drops whole months past the retention', async () => {
    const partitions = new AuditPartitions(365, logger);
    await partitions.maintain(orm.em.fork(), new Date('2026-12-02T00:00:00Z'));
    expect(await partitionsOf(orm)).toEqual(['audit_record_2026_10', 'audit_record_2026_11', 'audit_record_2026_12', 'audit_record_2027_01']);
    // A year on, October and November 2026 are past a 365-day retention; December is not yet wholly.
    expect(await partitions.dropExpired(orm.em.fork(), new Date('2027-12-15T00:00:00Z'))).toEqual(['audit_record_2026_10', 'audit_record_2026_11']);
    expect(await partitionsOf(orm)).toEqual(['audit_record_2026_12', 'audit_record_2027_01']);
    expect(partitions.retained([{ at: new Date('2026-12-14T00:00:00Z') }, { at: new Date('2026-12-16T00:00:00Z') }], new Date('2027-12-15T00:00:00Z'))).toEqual([{ at: new Date('2026-12-16T00:00:00Z') }]);
  });
});
