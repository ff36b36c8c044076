import pg from 'pg';
import { POSTGRES_ADMIN_URL } from '@civic/testkit';
import type { MeasuredService } from './measure.js';

/**
 * The PostgreSQL backends serving the benchmark's databases, found through pg_stat_activity: the
 * database work of a request, which the services' own CPU time does not include. Requires the server
 * on this machine (its processes are read from /proc).
 */
export function postgresService(databases: string[]): MeasuredService {
  return {
    name: 'postgres',
    processes: async () => {
      const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
      await client.connect();
      try {
        const { rows } = await client.query<{ pid: number }>('select pid from pg_stat_activity where datname = any($1)', [databases]);
        return rows.map((r) => r.pid);
      } finally {
        await client.end();
      }
    },
  };
}
