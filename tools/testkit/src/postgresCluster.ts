import { execFile, execFileSync, type ExecFileOptions } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '@civic/launcher';

/**
 * A PostgreSQL cluster of a test's own: initdb into a temporary directory, served on a free port
 * until disposed. Fault tests stop, crash and freeze it, which the shared server must never suffer.
 * Needs PostgreSQL's server binaries (POSTGRES_BIN_DIR, or the newest /usr/lib/postgresql/<n>/bin);
 * as root (containers), the cluster runs as the `postgres` system user, since PostgreSQL refuses root.
 */
export interface PostgresCluster {
  port: number;
  /** postgres://postgres@127.0.0.1:<port>/<database> */
  url: (database: string) => string;
  /** The running postmaster's pid (a new one after each start). */
  postmasterPid: () => number;
  /** `pg_ctl stop -m fast` (sessions ended, a clean shutdown) or `-m immediate` (a crash: recovery at the next start). */
  stop: (mode: 'fast' | 'immediate') => Promise<void>;
  start: () => Promise<void>;
  /** SIGSTOP to the postmaster and every backend: connections stay open and nothing answers, as on a hung host. */
  freeze: () => void;
  thaw: () => void;
  /** The server's last log lines: what it says about a fault. */
  logTail: (chars?: number) => string;
  /** Stops the cluster (immediately) and deletes its directory. */
  dispose: () => Promise<void>;
}

const run = promisify(execFile);
const START_WITHIN_S = 120;

/** The newest installed server's binaries, unless POSTGRES_BIN_DIR says where they are. */
export function postgresBinDir(): string {
  const given = process.env.POSTGRES_BIN_DIR;
  if (given) return given;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin/initdb'))) : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (!newest) throw new Error('no PostgreSQL server binaries (initdb, pg_ctl) under /usr/lib/postgresql/<version>/bin: install them or set POSTGRES_BIN_DIR');
  return join(root, newest, 'bin');
}

/** The uid and gid to run PostgreSQL as: our own, or the `postgres` user's when we are root. */
async function serverUser(): Promise<{ uid: number; gid: number } | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  try {
    const id = async (flag: string) => Number((await run('id', [flag, 'postgres'])).stdout.trim());
    return { uid: await id('-u'), gid: await id('-g') };
  } catch {
    throw new Error('running as root, and PostgreSQL refuses to: create a `postgres` system user to run the test cluster as');
  }
}

/** The pids of a process's children (Linux's /proc). */
function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

export async function startPostgresCluster(): Promise<PostgresCluster> {
  const bin = postgresBinDir();
  const user = await serverUser();
  const dir = mkdtempSync(join(tmpdir(), 'civic-pg-'));
  const dataDir = join(dir, 'data');
  const logFile = join(dir, 'server.log');
  if (user) {
    chownSync(dir, user.uid, user.gid);
    chmodSync(dir, 0o700);
  }
  const options = { ...(user ?? {}), env: { PATH: process.env.PATH ?? '', LC_ALL: 'C' } } satisfies ExecFileOptions;
  const pg = (tool: string, args: string[]) => run(join(bin, tool), args, options);
  const port = await freePort();
  // Sockets in the cluster's own directory: nothing shared with the system server's /var/run/postgresql.
  const serverOptions = `-p ${port} -c listen_addresses=127.0.0.1 -k ${dir} -c max_connections=200`;
  const start = async () => {
    await pg('pg_ctl', ['start', '-D', dataDir, '-l', logFile, '-w', '-t', String(START_WITHIN_S), '-o', serverOptions]);
  };
  const postmasterPid = () => Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  const signalAll = (signal: NodeJS.Signals, postmasterFirst: boolean) => {
    const postmaster = postmasterPid();
    const pids = [postmaster, ...childrenOf(postmaster)];
    // Frozen first, the postmaster cannot start a backend meanwhile; thawed last, none start before the others run.
    for (const pid of postmasterFirst ? pids : pids.reverse()) {
      try {
        process.kill(pid, signal);
      } catch {
        // A backend that has just exited.
      }
    }
  };
  try {
    await pg('initdb', ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
    await start();
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`the test PostgreSQL cluster did not start: ${(error as Error).message}\n${existsSync(logFile) ? readFileSync(logFile, 'utf8').slice(-2000) : ''}`);
  }
  const running = () => existsSync(join(dataDir, 'postmaster.pid'));
  // pg_ctl detaches the server: it must not outlive the test however that ends (a failure, a time-out, process.exit).
  const stopAtExit = () => {
    if (running()) {
      signalAll('SIGCONT', false);
      try {
        execFileSync(join(bin, 'pg_ctl'), ['stop', '-D', dataDir, '-m', 'immediate', '-w'], { ...options, stdio: 'ignore' });
      } catch {
        // Already stopping.
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', stopAtExit);
  return {
    port,
    url: (database) => `postgres://postgres@127.0.0.1:${port}/${database}`,
    postmasterPid,
    stop: async (mode) => {
      await pg('pg_ctl', ['stop', '-D', dataDir, '-m', mode, '-w', '-t', String(START_WITHIN_S)]);
    },
    start,
    freeze: () => signalAll('SIGSTOP', true),
    logTail: (chars = 3000) => (existsSync(logFile) ? readFileSync(logFile, 'utf8').slice(-chars) : ''),
    thaw: () => signalAll('SIGCONT', false),
    dispose: async () => {
      process.off('exit', stopAtExit);
      stopAtExit();
    },
  };
}
