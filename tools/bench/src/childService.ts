import { spawn } from 'node:child_process';
import { freePort } from '@civic/launcher';

export interface RunningChild {
  /** The service's base URL, http://127.0.0.1:<port>. */
  base: string;
  pid: number;
  stop: () => Promise<void>;
}

export interface ChildOptions {
  /** The program's arguments, which may name its port. */
  args: (port: number) => string[];
  /** Added to this process's environment, with PORT. */
  env?: Record<string, string | undefined>;
  cwd?: string;
  /** Ready when GET <path> answers 200, or when this check says so (otherwise what it saw, for the error). */
  readiness: string | ((base: string) => Promise<true | string>);
}

const READY_WITHIN_MS = 60_000;

async function answersOk(url: string): Promise<true | string> {
  const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
  return response.ok || `${response.status}`;
}

/**
 * Starts a comparison service on a free port and waits until it is ready (60 s at most). Its output is
 * kept for the error message if it fails; stop() sends SIGTERM, then SIGKILL after 10 s, so a service
 * that hangs on shutdown cannot hang the benchmark.
 */
export async function startChild(name: string, command: string, options: ChildOptions): Promise<RunningChild> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const output: string[] = [];
  const child = spawn(command, options.args(port), { cwd: options.cwd, env: { ...process.env, ...options.env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
  const collect = (chunk: Buffer) => output.push(...chunk.toString('utf8').split('\n').filter(Boolean));
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  child.once('error', (error) => output.push(`spawn failed: ${error.message}`));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const hung = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(hung);
    }
  };
  const check = typeof options.readiness === 'string' ? ((path: string) => () => answersOk(`${base}${path}`))(options.readiness) : () => (options.readiness as (base: string) => Promise<true | string>)(base);
  const deadline = Date.now() + READY_WITHIN_MS;
  let last = 'no answer';
  try {
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`${name} exited with code ${child.exitCode}:\n${output.slice(-20).join('\n')}`);
      const seen = await check().catch(() => 'not listening');
      if (seen === true) return { base, pid: child.pid!, stop };
      last = seen;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`${name} was not ready within ${READY_WITHIN_MS / 1000} s (last: ${last}):\n${output.slice(-20).join('\n')}`);
  } catch (error) {
    await stop();
    throw error;
  }
}
