import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '@civic/launcher';

const run = promisify(execFile);

/**
 * A PostgreSQL server of a test's own, in a temporary directory on a free port, for faults no test
 * may cause on the shared server: freezing it, stopping it, starting it again.
 */
export interface PostgresCluster {
  port: number;
  /** A URL of `database` on this server (the services create their database when it is missing). */
  url: (database: string) => string;
  /** SIGSTOP to the postmaster and every process it started: connections stay open, nothing answers, new ones are never served. */
  freeze: () => void;
  /** SIGCONT to the same: every statement waiting on a frozen server goes on. */
  thaw: () => void;
  /** A fast shutdown: every connection is closed, new ones are refused. */
  stop: () => Promise<void>;
  /** Starts the stopped server again, on the same port and data. */
  start: () => Promise<void>;
  /** Stops the server and removes its directory. */
  dispose: () => Promise<void>;
}

/** The server's binaries: TEST_POSTGRES_BIN, or the newest version under /usr/lib/postgresql (Debian's layout); undefined when neither exists. */
export function postgresBinaries(): string | undefined {
  if (process.env.TEST_POSTGRES_BIN) return process.env.TEST_POSTGRES_BIN;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const [newest] = readdirSync(root)
    .filter((version) => existsSync(join(root, version, 'bin', 'pg_ctl')))
    .sort((a, b) => Number(b) - Number(a));
  return newest ? join(root, newest, 'bin') : undefined;
}

/** PostgreSQL refuses to run as root: run as root (as CI does), the server runs as the `postgres` user. */
async function serverUser(): Promise<{ uid: number; gid: number } | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  const id = async (flag: string) => Number((await run('id', [flag, 'postgres'])).stdout.trim());
  return { uid: await id('-u'), gid: await id('-g') };
}

/** The processes whose parent is `pid`, from /proc (the postmaster's backends and auxiliary processes). */
function childrenOf(pid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      // "pid (command) state ppid ...": the command may hold spaces and parentheses, so read after the last ')'.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) children.push(Number(entry));
    } catch {
      // The process ended while the list was read.
    }
  }
  return children;
}

function signal(pids: number[], name: NodeJS.Signals): void {
  for (const pid of pids) {
    try {
      process.kill(pid, name);
    } catch {
      // Already gone.
    }
  }
}

export async function startPostgresCluster(): Promise<PostgresCluster> {
  const bin = postgresBinaries();
  if (!bin) throw new Error('no PostgreSQL server binaries: set TEST_POSTGRES_BIN to the directory holding initdb and pg_ctl');
  const user = await serverUser();
  const dir = mkdtempSync(join(tmpdir(), 'civic-pg-'));
  if (user) chownSync(dir, user.uid, user.gid);
  const data = join(dir, 'data');
  const port = await freePort();
  const as = user ?? {};
  await run(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync'], as);
  const pgCtl = (...args: string[]) => run(join(bin, 'pg_ctl'), ['-D', data, '-w', ...args], as);
  const start = async () => {
    await pgCtl('-l', join(dir, 'server.log'), '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`, 'start');
  };
  const postmaster = () => Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
  let frozen: number[] = [];
  const thaw = () => {
    signal(frozen, 'SIGCONT');
    frozen = [];
  };
  // A test that dies must not leave a frozen or running server, or its files, behind.
  const emergencyStop = () => {
    thaw();
    if (existsSync(join(data, 'postmaster.pid'))) signal([postmaster()], 'SIGQUIT');
    rmSync(dir, { recursive: true, force: true });
  };
  await start();
  process.once('exit', emergencyStop);
  return {
    port,
    url: (database) => `postgres://postgres@127.0.0.1:${port}/${database}`,
    freeze: () => {
      // The postmaster first, so that it starts no process while its children are stopped.
      const main = postmaster();
      signal([main], 'SIGSTOP');
      frozen = [main, ...childrenOf(main)];
      signal(frozen, 'SIGSTOP');
    },
    thaw,
    stop: async () => {
      thaw();
      await pgCtl('-m', 'fast', 'stop');
    },
    start,
    dispose: async () => {
      thaw();
      process.off('exit', emergencyStop);
      if (existsSync(join(data, 'postmaster.pid'))) await pgCtl('-m', 'immediate', 'stop').catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
