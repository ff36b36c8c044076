import pg from 'pg';
import { databaseUrl, dropDatabases, gatewayIssuedTokenFor, graphql } from '@civic/testkit';
import { startServiceProcess, type GatewayProcess } from './support/gatewayProcess';
import { runningPlatforms } from './support/platforms';

/**
 * Two replicas of the population subgraph on one PostgreSQL database, as docker-compose runs them: they
 * start together on an empty database (one migrates, the other waits and finds it done), and they share
 * one audit outbox, whose records each reach the audit trail exactly once.
 */
const READS_PER_REPLICA = 15;

async function sql<T>(database: string, text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: databaseUrl(database) });
  await client.connect();
  try {
    return (await client.query(text, values)).rows as T[];
  } finally {
    await client.end();
  }
}

async function ready(replica: GatewayProcess): Promise<void> {
  for (const started = Date.now(); Date.now() - started < 120_000; await new Promise((resolve) => setTimeout(resolve, 200))) {
    if ((await fetch(`${replica.origin}/readyz`)).ok) return;
  }
  throw new Error(`replica not ready: ${replica.output()}`);
}

describe('replicas of a subgraph on one PostgreSQL database', () => {
  const platform = runningPlatforms().find((candidate) => candidate.backend === 'postgresql');
  if (!platform) throw new Error('replicas share a PostgreSQL database: this test needs the PostgreSQL platform');
  const database = `civic_test_replicas_${Date.now().toString(36)}`;
  const replicas: GatewayProcess[] = [];

  beforeAll(async () => {
    const env = {
      POPULATION_DATABASE_URL: databaseUrl(database),
      ACCESS_URL: platform.subgraphUrls.access!,
      // Both ship as often as they can, so that both reach for the same records.
      AUDIT_FORWARD_MS: '5',
    };
    const started = await Promise.allSettled([startServiceProcess('population', env), startServiceProcess('population', env)]);
    // Those that started are stopped after the tests, whatever became of the other.
    replicas.push(...started.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : [])));
    for (const outcome of started) if (outcome.status === 'rejected') throw outcome.reason;
    await Promise.all(replicas.map(ready));
    await sql(database, `insert into household (id, building_id, grid_code, room) values (1, 1, '110101001001001', '101')`);
    await sql(database, `insert into resident (id, name, gender, birth_date, grid_code, id_number, phone, building_id, household_id, care_categories, registered_at)
      values (1, 'Replica Test', 'FEMALE', '1950-01-01', '110101001001001', '110101195001010021', '13800000000', 1, 1, '{DISABLED}', now())`);
  });
  afterAll(async () => {
    await Promise.all(replicas.map((replica) => replica.stop()));
    await dropDatabases([database]);
  });

  it('both start on an empty database: the migrations are applied once', async () => {
    const applied = await sql<{ name: string }>(database, 'select name from mikro_orm_migrations');
    expect(applied.length).toBeGreaterThan(0);
    expect(new Set(applied.map((row) => row.name)).size).toBe(applied.length);
  });

  it('ship each audit record once, however both replicas reach for the outbox', async () => {
    const subject = `replica-reader-${Date.now()}`;
    const token = await gatewayIssuedTokenFor('civil', { subject });
    const query = '{ residents(first: 5) { edges { node { id phone careCategories } } } }';
    const answers = await Promise.all(replicas.flatMap((replica) => Array.from({ length: READS_PER_REPLICA }, () => graphql(replica.url, query, {}, { token }))));
    for (const answer of answers) expect(answer.errors).toBeUndefined();
    const access = platform.databases.access!;
    for (const started = Date.now(); Date.now() - started < 30_000; await new Promise((resolve) => setTimeout(resolve, 200))) {
      if ((await sql<{ n: number }>(database, 'select count(*)::int as n from audit_outbox'))[0]!.n === 0) break;
    }
    const records = await sql<{ field_name: string; n: number }>(access, 'select field_name, count(*)::int as n from audit_record where subject = $1 group by field_name order by field_name', [subject]);
    expect(records).toEqual([
      { field_name: 'careCategories', n: 2 * READS_PER_REPLICA },
      { field_name: 'phone', n: 2 * READS_PER_REPLICA },
    ]);
  });
});
