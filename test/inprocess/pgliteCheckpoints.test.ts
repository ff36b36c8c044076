import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { population } from '@civic/population';
import { createLogger, openDatabase, type Orm } from '@civic/runtime';

/**
 * PGlite runs PostgreSQL in single-user mode, without a checkpointer: unless the subgraph asks for
 * checkpoints, everything written since it started is replayed after a crash (bench:restart measures it).
 */
const logger = createLogger('pglite-test', 'warn', 'json');
const settings = { sharedBuffersMb: 24, maxWalMb: 48, checkpointMs: 50 };

const one = async <T>(orm: Orm, sql: string): Promise<T> => (await orm.em.fork().execute<T[]>(sql))[0]!;
const redoLsn = async (orm: Orm) => (await one<{ lsn: string }>(orm, 'select redo_lsn::text as lsn from pg_control_checkpoint()')).lsn;
const lsnAtLeast = async (orm: Orm, lsn: string, floor: string) => (await one<{ ok: boolean }>(orm, `select '${lsn}'::pg_lsn >= '${floor}'::pg_lsn as ok`)).ok;

describe('PGlite under a subgraph', () => {
  let dir: string;
  let orm: Orm;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'civic-pglite-'));
    orm = await openDatabase({ storage: { kind: 'pglite', dataDir: join(dir, 'population') }, entities: population.entities, migrations: population.migrations, logger, pglite: settings });
  });
  afterAll(async () => {
    await orm?.close(true);
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs with the configured buffer pool and WAL bound', async () => {
    expect(await one(orm, 'show shared_buffers')).toEqual({ shared_buffers: '24MB' });
    expect(await one(orm, 'show max_wal_size')).toEqual({ max_wal_size: '48MB' });
  });

  it('checkpoints after writes, so that a crash leaves only what followed to replay', async () => {
    await orm.em.fork().execute('create table scratch (note text)');
    await orm.em.fork().execute("insert into scratch select 'x' from generate_series(1, 1000)");
    const written = (await one<{ lsn: string }>(orm, 'select pg_current_wal_insert_lsn()::text as lsn')).lsn;
    // Waits for a checkpoint at or after the write (asked every 50 ms here); without one the test fails at the tier's timeout.
    while (!(await lsnAtLeast(orm, await redoLsn(orm), written))) await new Promise((resolve) => setTimeout(resolve, 50));
  });
});
