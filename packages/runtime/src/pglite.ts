import { PGlite } from '@electric-sql/pglite';
import { z } from 'zod';
import { integerAtLeastValue, positiveIntValue } from './config.js';
import type { Logger } from './logger.js';
import { inBackground } from './metrics.js';

/**
 * How the embedded PostgreSQL (PGlite) of a subgraph runs. PGlite is PostgreSQL in single-user mode:
 * there is no checkpointer process, so nothing checkpoints on a timer, and after a crash the next start
 * replays every WAL record written since the last checkpoint (up to max_wal_size, 1 GB by default:
 * about 10 ms of CPU per MiB, and the reading). Its start-up also initialises the whole buffer pool.
 */
export const pgliteEnv = z.object({
  // 128 MB (PostgreSQL's default) costs ~0.45 s of CPU and ~100 MiB of memory more at every start than 32 MB; the demo city's databases are ~10 MB each.
  PGLITE_SHARED_BUFFERS_MB: integerAtLeastValue(1, 32),
  // PostgreSQL checkpoints when the WAL reaches max_wal_size; the next start replays at most about this much after a crash.
  PGLITE_MAX_WAL_MB: integerAtLeastValue(32, 64),
  // And, lacking the checkpointer, the subgraph asks for a checkpoint this often while it writes.
  PGLITE_CHECKPOINT_MS: positiveIntValue(30_000),
});

export interface PgliteSettings {
  sharedBuffersMb: number;
  maxWalMb: number;
  checkpointMs: number;
}

export function pgliteSettingsOf(parsed: z.output<typeof pgliteEnv>): PgliteSettings {
  return { sharedBuffersMb: parsed.PGLITE_SHARED_BUFFERS_MB, maxWalMb: parsed.PGLITE_MAX_WAL_MB, checkpointMs: parsed.PGLITE_CHECKPOINT_MS };
}

/** What a tool opening a subgraph's database (seeding) runs with: the defaults. */
export const DEFAULT_PGLITE_SETTINGS: PgliteSettings = pgliteSettingsOf(pgliteEnv.parse({}));

/**
 * PGlite's own start parameters, plus ours. Durability stays exactly as PGlite has it; these only size
 * the buffer pool and bound the WAL a crash leaves to replay.
 */
export function pgliteStartParams(settings: PgliteSettings): string[] {
  return [
    ...PGlite.defaultStartParams,
    '-c',
    `shared_buffers=${settings.sharedBuffersMb}MB`,
    '-c',
    `max_wal_size=${settings.maxWalMb}MB`,
    // PostgreSQL's 80 MB would exceed a max_wal_size of 64 MB; 32 MB is its smallest (two segments).
    '-c',
    'min_wal_size=32MB',
  ];
}

interface SqlRunner {
  execute: (sql: string) => Promise<unknown>;
}

/**
 * Asks PGlite for a checkpoint every `everyMs` when WAL was written since the last one, so that a crash
 * leaves at most that much work to replay on the next start. Checkpoints write what is already
 * committed; they never make a write less durable. Statements go to the background SQL counter.
 */
export function startPgliteCheckpoints(connection: () => SqlRunner, everyMs: number, logger: Logger): { stop: () => Promise<void> } {
  let checkpointedAt = '';
  let running: Promise<void> | undefined;
  const walPosition = async () => {
    const rows = (await connection().execute('select pg_current_wal_insert_lsn()::text as lsn')) as { lsn: string }[];
    return rows[0]!.lsn;
  };
  const checkpointIfWritten = async () => {
    if ((await walPosition()) === checkpointedAt) return;
    await connection().execute('checkpoint');
    checkpointedAt = await walPosition();
  };
  const tick = () => {
    running ??= inBackground(checkpointIfWritten)
      .catch((error: unknown) => logger.warn({ err: error }, 'PGlite checkpoint failed; the next start may replay more WAL'))
      .finally(() => (running = undefined));
  };
  const timer = setInterval(tick, everyMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
